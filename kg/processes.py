"""Processes started for a parent (build workers, endpoint workers) die with it."""

from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from typing import Callable, Iterator, Optional


def die_with_parent(parent: Optional[int] = None) -> None:
    """Make this (worker) process die when the process that started it
    dies, killed or not: a worker left behind would hold the caller's pipe
    open (``kg build … | cat`` would never end). Linux only; elsewhere the
    pool's own shutdown is all there is."""
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        PR_SET_PDEATHSIG = 1
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if parent is not None and os.getppid() != parent:
        os._exit(1)  # the parent died before the watch was set


def resident_mb(pid: int) -> int:
    """A process's resident memory in MB (0 where /proc does not tell)."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as f:
            pages = int(f.read().split()[1])
    except (OSError, ValueError, IndexError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE") // (1 << 20)
"""What a CONSTRUCT or DESCRIBE may be answered in, by content negotiation."""

# --- worker process ------------------------------------------------------


@contextmanager
def memory_ceiling(mb: int, on_exceed: Callable[[int], None], every: float = 0.1) -> Iterator[None]:
    """Watch this process's resident memory while the block runs; past
    ``mb`` MB, ``on_exceed(mb)`` is called from the watching thread (which
    must end the process: the work it stops may be native code that no
    exception reaches)."""
    stop = threading.Event()

    def watch() -> None:
        pid = os.getpid()
        while not stop.wait(every):
            if resident_mb(pid) > mb:
                on_exceed(mb)
                return

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        yield
    finally:
        stop.set()
