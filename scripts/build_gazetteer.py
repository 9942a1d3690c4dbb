"""Regenerate ``data/gazetteer/divisions.tsv`` from jionlp's china_location table.

The national gazetteer carries every province-, prefecture- and county-level
division with its GB/T 2260 code, its parent's code and its common short form.
It is derived from the ``china_location.txt`` table inside the jionlp wheel
(Apache-2.0), so the project needs no runtime dependency for one table::

    pip download --no-deps jionlp==1.5.31 -d /tmp/jio
    cd /tmp/jio && unzip -q jionlp-*.whl && unzip -q jionlp/dictionary/china_location.zip
    python scripts/build_gazetteer.py /tmp/jio/china_location.txt data/gazetteer

It writes ``divisions.tsv`` (code, name, short form, parent code, level) and
``townships.tsv`` (township-level name, county code): the names only, since
villages are left to suffix grammar inside a known parent.
"""

import sys

HEADER = (
    "# GB/T 2260 administrative divisions (province, prefecture, county levels)\n"
    "# source: jionlp 1.5.31 dictionary/china_location.txt (Apache-2.0), extracted 2026-11-26\n"
    "# code\tname\tshort\tparent\tlevel\n"
)


def rows(lines):
    parents = {}
    for line in lines:
        depth = len(line) - len(line.lstrip("\t"))
        if depth > 2:
            continue
        parts = line.strip().split("\t")
        if len(parts) != 3:
            continue
        name, code, short = parts
        parents[depth] = code
        parent = parents.get(depth - 1, "") if depth else ""
        if depth == 1 and code == parents[0]:
            continue  # municipalities repeat themselves as their own prefecture
        yield code, name, short, parent, depth + 1


def townships(lines):
    county = ""
    for line in lines:
        depth = len(line) - len(line.lstrip("\t"))
        parts = line.strip().split("\t")
        if depth == 2 and len(parts) == 3:
            county = parts[1]
        elif depth == 3 and county and parts[0]:
            yield parts[0], county


def main(src, folder):
    dst = f"{folder}/divisions.tsv"
    with open(src, encoding="utf-8") as f:
        lines = f.read().splitlines()
    seen = set()
    out = []
    for row in rows(lines):
        if row[0] in seen:
            continue
        seen.add(row[0])
        out.append(row)
    out.sort()
    with open(dst, "w", encoding="utf-8", newline="\n") as f:
        f.write(HEADER)
        for code, name, short, parent, level in out:
            f.write(f"{code}\t{name}\t{short}\t{parent}\t{level}\n")
    towns = sorted(set(townships(lines)), key=lambda r: (r[1], r[0]))
    with open(f"{folder}/townships.tsv", "w", encoding="utf-8", newline="\n") as f:
        f.write("# township-level divisions (towns, townships, subdistricts) under their county\n")
        f.write("# source: jionlp 1.5.31 dictionary/china_location.txt (Apache-2.0), extracted 2026-11-26\n")
        f.write("# name\tcounty\n")
        for name, county in towns:
            f.write(f"{name}\t{county}\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
