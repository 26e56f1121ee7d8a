"""Progress on stderr (no dependency), so stdout carries only JSON: timestamped log lines,
and a one-line progress bar redrawn in place on a terminal, a line every tenth of the way
otherwise (logs, CI)."""

import sys
import time


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)  # noqa: T201


class Progress:
    def __init__(self, label: str, total: int, stream=None):
        self.label, self.total, self.done = label, max(total, 1), 0
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.started = time.perf_counter()
        self._last_tenth = -1
        self._draw()

    def advance(self, count: int = 1) -> None:
        self.done = min(self.done + count, self.total)
        self._draw()

    def close(self) -> None:
        self.done = self.total
        self._draw(final=True)

    def _draw(self, final: bool = False) -> None:
        share = self.done / self.total
        tenth = int(share * 10)
        if not self.tty and not final and tenth == self._last_tenth:
            return
        self._last_tenth = tenth
        bar = "#" * int(share * 30)
        elapsed = time.perf_counter() - self.started
        line = (
            f"{self.label:<22} [{bar:<30}] {self.done:>7}/{self.total:<7} "
            f"{share:>4.0%} {elapsed:6.1f}s"
        )
        if self.tty:
            self.stream.write("\r" + line + ("\n" if final else ""))
        elif final or self.done < self.total:
            self.stream.write(line + "\n")
        self.stream.flush()
