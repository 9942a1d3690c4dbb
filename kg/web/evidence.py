"""Evidence as the page shows it: the sentence around a mention, cut to a
window when the sentence is long, so a report without punctuation (a bad
PDF conversion: one 200,000-character "sentence") gives a page that grows
with the report, not with the square of its longest sentence.
"""

from __future__ import annotations

RADIUS = 120
"""Characters kept either side of the mention."""


def evidence_window(text: str, start: int, end: int, radius: int = RADIUS) -> tuple[str, int, int]:
    """``(snippet, start, end)``: ``text`` cut to ``radius`` characters
    either side of ``text[start:end]``, an ellipsis marking each cut, the
    offsets moved to match.

    >>> evidence_window("abcdefghij", 4, 6, radius=2)
    ('…cdefgh…', 3, 5)
    >>> evidence_window("short", 1, 3)
    ('short', 1, 3)
    """
    lo, hi = max(0, start - radius), min(len(text), end + radius)
    head = "…" if lo > 0 else ""
    tail = "…" if hi < len(text) else ""
    return head + text[lo:hi] + tail, start - lo + len(head), end - lo + len(head)
