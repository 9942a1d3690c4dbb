"""Where reports are: files, folders and globs expanded, each read in
bounded memory.

Reads: paths. Writes: :class:`Source` (name and bytes).
"""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Optional

from kg.errors import InputError

REPORT_SUFFIXES = (".txt", ".text")

# --- reading paths -------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """A report file as found on disk: its name and its bytes."""

    name: str
    path: str
    data: bytes


def find_reports(inputs: Iterable[str | Path], problems: Optional[list[str]] = None) -> list[Path]:
    """Expand files, folders and glob patterns (relative or absolute) into
    report files, sorted.

    Raises :class:`InputError` for a missing path or a folder without
    reports. A sub-folder that cannot be read is named in ``problems``
    (when given; else it is an error too): the other reports still count.
    """
    found: list[Path] = []
    for item in inputs:
        path = Path(item)
        if any(ch in str(item) for ch in "*?[") and not path.exists():
            matches = sorted(Path(p) for p in glob.glob(str(item), recursive=True) if Path(p).is_file())
            if not matches:
                raise InputError(
                    f"no file matches {item}", "check the pattern, or quote it so the shell does not expand it"
                )
            found.extend(matches)
        elif not path.exists():
            raise InputError(f"{item} does not exist", "check the path, or run 'kg build' with no argument for the bundled sample")
        elif path.is_dir():
            unreadable: list[str] = []
            reports = sorted(_walk(path, unreadable))
            if unreadable and problems is None:
                raise InputError(unreadable[0], "check the folder's permissions")
            if problems is not None:
                problems.extend(unreadable)
            if not reports and not unreadable:
                raise InputError(
                    f"{item} holds no reports (no .txt files)",
                    "put plain-text reports ending in .txt in the folder",
                )
            found.extend(reports)
        else:
            found.append(path)
    unique = list(dict.fromkeys(p.resolve() for p in found))
    return unique


def _walk(folder: Path, unreadable: list[str]) -> Iterator[Path]:
    def note(exc: OSError) -> None:
        unreadable.append(f"cannot read folder {exc.filename}: {exc.strerror}")

    for root, dirs, files in os.walk(folder, onerror=note):
        dirs.sort()
        for name in files:
            p = Path(root) / name
            if p.suffix.lower() in REPORT_SUFFIXES and p.is_file():
                yield p


MAX_REPORT_BYTES = 10_000_000
"""A report past this size is refused: work reports run to a few hundred
kilobytes, and the graph of one past it would not be read back whole."""


def readable_name(name: str) -> str:
    """A file name as text: one that is not UTF-8 (a GBK name, as archives
    made on Chinese Windows unpack) reaches Python with surrogates in it; it
    is read as GB18030, the way that system wrote it, else with U+FFFD for
    what no encoding explains. The same bytes always give the same name.

    >>> readable_name(os.fsdecode("衡阳报告.txt".encode("gbk")))
    '衡阳报告.txt'
    >>> readable_name("report.txt")
    'report.txt'
    """
    if not any("\udc80" <= ch <= "\udcff" for ch in name):
        return name
    raw = os.fsencode(name)
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return raw.decode("utf-8", "replace")


def read_source(path: Path) -> Source:
    """A report's bytes, read in bounded memory (at most one byte past
    :data:`MAX_REPORT_BYTES`, so even /dev/zero ends)."""
    try:
        if path.exists() and not path.is_dir() and not path.is_file():
            # a FIFO, a socket or a device: opening a FIFO would wait for a writer forever
            raise InputError(f"{path} is not a regular file", "give report files (.txt), not pipes or devices")
        with open(path, "rb") as f:
            data = f.read(MAX_REPORT_BYTES + 1)
    except IsADirectoryError:
        raise InputError(f"{path} is a folder, not a report", "give report files, or the folder itself") from None
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}", "check the file's permissions") from None
    if len(data) > MAX_REPORT_BYTES:
        raise InputError(
            f"{path} is larger than {MAX_REPORT_BYTES // 1_000_000} MB, more than any report",
            "split it into its reports (one file each) and build the folder",
        )
    return Source(name=readable_name(path.name), path=str(path), data=data)
