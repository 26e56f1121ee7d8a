"""Corrections and updates to stories: spotting those a story goes live with that readers have
not seen, and telling the site (`correction_added`, inside the publish's transaction, once
per new correction); and listing the public ones (the corrections feed, the API).

What readers saw is read just before the publish saves the story (one query, as
purge.note_links_before_save does for its links): the story's own correction rows when it is
live (a draft of a live story stays in revisions), else, for a story taken off the site and
coming back, its last published revision. A first publish sends nothing.

A correction is known by its date, not its id: a correction added in a draft of a live story
has no id in that revision (Wagtail keeps the revision as it was saved), so the revision
readers last saw cannot say which rows it held, while the date an editor set stays. Editing a
correction's text is not a new correction; a second one dated the same minute is (the dates
are counted).
"""

from collections import Counter

from django.db import transaction
from django.db.models.signals import pre_save
from django.utils.dateparse import parse_datetime
from wagtail.rich_text import expand_db_html
from wagtail.signals import page_published

from conflicts.revisions import last_published_content
from newsroom.stories.models import ArticleCorrection, ArticlePage
from newsroom.stories.signals import correction_added


def correction_key(date):
    """A correction's date to the millisecond: what a revision keeps of it (its JSON)."""
    if isinstance(date, str):
        date = parse_datetime(date)
    return date.replace(microsecond=date.microsecond // 1000 * 1000)


def note_corrections_before_save(sender, instance, raw=False, update_fields=None, **kwargs):
    """Signal receiver (pre_save): a story about to be saved live, in full (a publish), keeps
    on itself the corrections readers saw until now (None: never live), for
    send_corrections_added."""
    if raw or update_fields is not None or instance.pk is None or not instance.live:
        return
    rows = list(
        ArticlePage.objects.filter(pk=instance.pk).values_list(
            "live", "first_published_at", "corrections__date"
        )
    )
    if not rows:
        instance.corrections_seen = None
    elif rows[0][0]:
        instance.corrections_seen = Counter(correction_key(d) for *_, d in rows if d is not None)
    elif rows[0][1] is None:
        instance.corrections_seen = None
    else:
        content = last_published_content(instance)
        seen = [] if content is None else content.get("corrections", [])
        instance.corrections_seen = Counter(correction_key(c["date"]) for c in seen)


def new_corrections(article, seen: Counter) -> list:
    """article's corrections beyond those seen, oldest first."""
    seen = Counter(seen)
    added = []
    for correction in sorted(article.corrections.all(), key=lambda c: c.date):
        key = correction_key(correction.date)
        if seen[key]:
            seen[key] -= 1
        else:
            added.append(correction)
    return added


def send_corrections_added(sender, instance, **kwargs):
    """Signal receiver (page_published): one correction_added per correction readers had not
    seen on the story."""
    seen = getattr(instance, "corrections_seen", None)
    instance.corrections_seen = None  # a later publish reads its own
    if seen is None or not instance.live:
        return
    with transaction.atomic():
        for correction in new_corrections(instance, seen):
            correction_added.send(
                sender=ArticlePage,
                article=instance,
                correction=correction,
                changed_at=instance.last_published_at,
            )


def connect() -> None:
    pre_save.connect(
        note_corrections_before_save, sender=ArticlePage, dispatch_uid="corrections_before"
    )
    page_published.connect(
        send_corrections_added, sender=ArticlePage, dispatch_uid="corrections_added"
    )


def public_corrections(articles=None):
    """The corrections and updates of live, public stories (of `articles`, a queryset of
    them, when given), newest first, each with its story, in one query."""
    if articles is None:
        articles = ArticlePage.objects.live_public()
    return (
        ArticleCorrection.objects.filter(page__in=articles.values("pk"))
        .select_related("page")
        .order_by("-date", "-pk")
    )


# Between two texts expanded in one go: the rewriter leaves comments as they are.
_BETWEEN = "<!--next correction-->"


def corrections_html(corrections) -> list[str]:
    """The texts of corrections as readers see them (links to pages and documents expanded),
    with one query for every link of every text rather than one per text."""
    texts = [correction.text for correction in corrections]
    if not texts:
        return []
    return expand_db_html(_BETWEEN.join(texts)).split(_BETWEEN)
