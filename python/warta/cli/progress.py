"""Progress of a long command on stderr.

On a terminal it is tqdm's bar. Elsewhere -- a cron job's log, a notebook cell that runs the
command, a CI log -- a bar's carriage returns would pile up or show nothing until the end, so
it is a plain line every ``every`` seconds instead: rows so far, documents per second and
what the command counts (duplicates so far for ``warta dedup``). ``--quiet`` silences both.
"""

from __future__ import annotations

import sys
import time
from typing import Callable, Optional, TextIO

from tqdm import tqdm

LINE_EVERY_SECONDS = 5.0


class Progress:
    """``update(done_bytes, rows, extra)`` after each chunk; ``close()`` at the end."""

    def __init__(
        self,
        total_bytes: int,
        desc: str,
        quiet: bool,
        stream: Optional[TextIO] = None,
        every: float = LINE_EVERY_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.desc, self.every, self.clock = desc, every, clock
        self.start = self.last = clock()
        self.rows = 0
        self.bar: Optional[tqdm] = None
        self.lines = not quiet and not _is_terminal(self.stream)
        if not quiet and not self.lines:
            self.bar = tqdm(total=total_bytes, unit="B", unit_scale=True, desc=desc, file=self.stream)

    def update(self, done_bytes: int, rows: int, extra: str = "") -> None:
        self.rows = rows
        if self.bar is not None:
            self.bar.update(done_bytes - self.bar.n)
        elif self.lines and self.clock() - self.last >= self.every:
            self.last = self.clock()
            self._line(extra)

    def close(self, extra: str = "") -> None:
        if self.bar is not None:
            self.bar.close()
        elif self.lines and self.last != self.start:  # a run too short for a line prints none
            self._line(extra)

    def _line(self, extra: str) -> None:
        seconds = max(self.clock() - self.start, 1e-9)
        parts = [f"{self.rows:,} rows", f"{self.rows / seconds:,.0f} docs/s"] + ([extra] if extra else [])
        print(f"warta {self.desc}: " + ", ".join(parts), file=self.stream, flush=True)


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or unusual stream: no bar
        return False
