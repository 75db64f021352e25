"""Peak memory of a block of code: Python's heap, and the whole process where Linux tells.

tracemalloc sees what Python allocates (bytes read from an archive, strings, parsed
elements) but not what C libraries allocate (lxml, zlib's windows); the process's peak
resident set (VmHWM, reset through /proc/self/clear_refs) sees both. Both are measured.
"""

from __future__ import annotations

import gc
import re
import tracemalloc
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

STATUS = Path("/proc/self/status")
CLEAR_REFS = Path("/proc/self/clear_refs")
MB = 1024 * 1024


@dataclass
class Peak:
    python: int = 0  # bytes, tracemalloc's peak
    process: int | None = None  # bytes the resident set grew to at most, if known

    @property
    def largest(self) -> int:
        return max(self.python, self.process or 0)

    def __str__(self) -> str:
        process = "?" if self.process is None else f"{self.process / MB:.1f}"
        return f"Python {self.python / MB:.1f} MB, process {process} MB"


def _status(field: str) -> int:
    return int(re.search(rf"^{field}:\s+(\d+) kB", STATUS.read_text(), re.M).group(1)) * 1024


def _reset_resident_peak() -> int | None:
    """The current resident set, after setting the peak back to it; None off Linux."""
    try:
        CLEAR_REFS.write_text("5")
    except OSError:
        return None
    return _status("VmRSS")


@contextmanager
def peak_memory(*, python: bool = True):
    """Measure the block; `python=False` leaves tracemalloc off (it slows Python down)."""
    peak = Peak()
    gc.collect()
    resident = _reset_resident_peak()
    if python:
        tracemalloc.start()
    try:
        yield peak
    finally:
        if python:
            peak.python = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
        if resident is not None:
            peak.process = max(_status("VmHWM") - resident, 0)
