"""What a terminal shows while a command works: progress bars and stages
with ticking seconds; nothing when stderr is not a terminal.
"""

from __future__ import annotations

import re

import contextlib
import time


def progress_bar(stream):
    """A build's progress on a terminal: a tqdm bar with documents/s, and
    characters/s after it."""
    count = count_bar(stream, "doc")

    def show(done: int, total: int, chars: int, seconds: float) -> None:
        count(done, total, f"{chars / seconds:,.0f} chars/s" if seconds else "")

    return show


def count_bar(stream, unit: str, what: str = ""):
    """A terminal bar for steps counted one by one (documents built,
    graphs uploaded), with an optional note after it; silent when there
    is nothing to do."""
    from tqdm import tqdm

    bar = None

    def show(done: int, total: int, note: str = "") -> None:
        nonlocal bar
        if total == 0:
            return
        if bar is None:
            import shutil

            # a terminal that does not tell its size gets 80 columns (tqdm would draw nothing)
            width = {"dynamic_ncols": True} if shutil.get_terminal_size((0, 0)).columns else {"ncols": 80, "nrows": 20}
            bar = tqdm(total=total, unit=unit, desc=what or None, file=stream, smoothing=0, leave=True, **width)
        if note:
            bar.set_postfix_str(note, refresh=False)
        bar.update(done - bar.n)
        if done == total:
            bar.close()

    return show


@contextlib.contextmanager
def stage_display(stream):
    """The stages of a long step on a terminal, each with its seconds
    ticking (nothing when ``stream`` is not one)."""
    if not stream.isatty():
        yield None
        return
    import threading

    now = {"message": "", "since": time.monotonic()}
    stop = threading.Event()

    def show(done: bool = False) -> None:
        if now["message"]:
            stream.write(f"\r\033[K{now['message']} ... {time.monotonic() - now['since']:.0f} s" + ("\n" if done else ""))
            stream.flush()

    def stage(message: str) -> None:
        show(done=True)
        now.update(message=message, since=time.monotonic())
        show()

    def tick() -> None:
        while not stop.wait(1.0):
            show()

    ticker = threading.Thread(target=tick, daemon=True)
    ticker.start()
    try:
        yield stage
    finally:
        stop.set()
        ticker.join()
        show(done=True)


_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def printable(text: str) -> str:
    r"""``text`` safe for a terminal: control characters (an ESC in a file
    name would drive the terminal) shown as escapes.

    >>> printable("a\x1b[31mb\tc")
    'a\\x1b[31mb\\tc'
    """
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
