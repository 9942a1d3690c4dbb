"""Report bytes to text: BOMs, UTF-8, GB18030, Big5 and UTF-16/32 told apart,
binary refused.

Reads: bytes. Writes: ``(text, encoding)``.
"""

from __future__ import annotations

import codecs
import re

from kg.errors import DecodeError
from kg.ingest.paragraphs import _is_cjk

# --- decoding -------------------------------------------------------------


def decode(data: bytes, name: str = "input") -> tuple[str, str]:
    """Decode report bytes; return ``(text, encoding)``.

    UTF-8 (with or without BOM), UTF-16 and UTF-32 (with BOM, or detected
    by their zero bytes), GB18030 (a superset of GBK and GB2312) and Big5
    are accepted. Big5 bytes mostly decode as GB18030 too, into nonsense:
    of two readings, the one whose characters are the common ones wins.

    >>> decode("衡阳".encode("gb18030"))
    ('衡阳', 'gb18030')
    >>> decode("立法工作報告".encode("big5"))
    ('立法工作報告', 'big5')
    """
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", name), "utf-8-sig"
    if data.startswith(codecs.BOM_UTF32_LE) or data.startswith(codecs.BOM_UTF32_BE):
        return _strict(data, "utf-32", name), "utf-32"
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return _no_nul(_strict(data, "utf-16", name), name), "utf-16"
    utf32 = _utf32_without_bom(data)
    if utf32:
        return _strict(data, utf32, name), utf32
    if _looks_utf16(data):
        enc = "utf-16-le" if data[1::2].count(0) > data[0::2].count(0) else "utf-16-be"
        return _strict(data, enc, name), enc
    if b"\x00" in data:
        found = _utf16_without_bom(data)
        if found:
            return found
        raise DecodeError(
            f"{name} is a binary file, not a text report",
            "give a plain-text report (.txt) in UTF-8, GB18030 or UTF-16",
        )
    try:
        text = data.decode("utf-8")
        enc = "utf-8"
    except UnicodeDecodeError:
        readings = []
        for candidate in ("gb18030", "big5"):
            try:
                readings.append((_common_share(data.decode(candidate)), candidate))
            except UnicodeDecodeError:
                pass
        if not readings:
            raise DecodeError(
                f"{name} is in no supported text encoding",
                "convert it to UTF-8 (e.g. iconv -f SHIFT-JIS -t UTF-8), or GB18030 or UTF-16",
            ) from None
        share, enc = max(readings)
        if share < 0.5:
            raise DecodeError(
                f"{name} reads as nonsense in every encoding tried (UTF-8, GB18030, Big5)",
                "convert it to UTF-8 with the encoding it was saved in (e.g. iconv -f BIG5-HKSCS -t UTF-8)",
            )
        text = data.decode(enc)
    if _control_ratio(text[:4000]) > 0.05 or _control_ratio(text) > 0.05:
        raise DecodeError(
            f"{name} is a binary file, not a text report",
            "give a plain-text report (.txt) in UTF-8, GB18030 or UTF-16",
        )
    # a stray control character is no text: dropped, so no literal we write holds one
    return CONTROL.sub("", text), enc


def _common_share(text: str) -> float:
    """The share of Chinese characters in ``text`` that are common ones
    (level 1 of GB 2312 in simplified Chinese, the frequent half of Big5
    in traditional): a text read in the wrong encoding has few."""
    sample = [c for c in text[:20000] if _is_cjk(c)]
    if not sample:
        return 1.0
    common = 0
    for c in sample:
        try:
            b = c.encode("gb2312")
            common += 0xB0 <= b[0] <= 0xD7
            continue
        except UnicodeEncodeError:
            pass
        try:
            b = c.encode("big5")
            common += 0xA4 <= b[0] <= 0xC6  # Big5's frequent characters
        except UnicodeEncodeError:
            pass
    return common / len(sample)


def _utf32_without_bom(data: bytes) -> str:
    """'utf-32-le' or 'utf-32-be' where every four bytes are one character
    with two zero bytes in it, else ''."""
    sample = data[:4000]
    if len(sample) < 8 or len(data) % 4:
        return ""
    quads = len(sample) // 4
    le = sum(1 for i in range(0, quads * 4, 4) if sample[i + 3] == 0 and sample[i + 2] in (0, 1))
    be = sum(1 for i in range(0, quads * 4, 4) if sample[i] == 0 and sample[i + 1] in (0, 1))
    if le == quads:
        return "utf-32-le"
    if be == quads:
        return "utf-32-be"
    return ""


def _no_nul(text: str, name: str) -> str:
    if text.count("\x00") > len(text) // 10:
        raise DecodeError(f"{name} decodes with NUL characters all through", "save the report as UTF-8 and try again")
    return text


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise DecodeError(
            f"{name} is not valid {encoding.upper()}",
            "re-save the report as UTF-8",
        ) from None
    return text.lstrip("\ufeff")


def _looks_utf16(data: bytes) -> bool:
    sample = data[:4000]
    if len(sample) < 4:
        return False
    zeros_even = sample[0::2].count(0)
    zeros_odd = sample[1::2].count(0)
    half = len(sample) / 2
    # ASCII in UTF-16 puts a zero in every other byte; CJK rarely has any.
    return (zeros_odd > 0.3 * half and zeros_even < 0.05 * half) or (
        zeros_even > 0.3 * half and zeros_odd < 0.05 * half
    )


def _utf16_without_bom(data: bytes):
    """Mostly-Chinese UTF-16 has few zero bytes; try both byte orders."""
    if len(data) % 2:
        return None
    best = None
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        sample = text[:2000]
        good = sum(1 for c in sample if _is_cjk(c) or c.isprintable() or c in "\r\n\t")
        cjk = sum(1 for c in sample if _is_cjk(c) or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef")
        if sample and good / len(sample) > 0.95 and cjk / len(sample) > 0.2:
            if best is None or cjk > best[2]:
                best = (text, enc, cjk)
    return (best[0], best[1]) if best else None


CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
"""Control characters (Unicode category Cc) but tab, line feed, form feed and carriage return."""


def _control_ratio(text: str) -> float:
    """The share of control characters in ``text``: over the whole of it, so
    binary bytes after a page of text count too."""
    return len(CONTROL.findall(text)) / len(text) if text else 0.0
