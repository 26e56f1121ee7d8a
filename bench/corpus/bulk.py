"""Writing many rows in batches of BATCH, with a progress bar on stderr."""

from bench.progress import Progress

BATCH = 1000


def chunks(items, size=BATCH):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def bulk_insert(model, objs, label) -> None:
    progress = Progress(label, len(objs))
    for chunk in chunks(objs):
        model.objects.bulk_create(chunk)
        progress.advance(len(chunk))
    progress.close()
