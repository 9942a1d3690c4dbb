"""Processes started for a parent (build workers, endpoint workers) die with it."""

from __future__ import annotations

import os
from typing import Optional


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
