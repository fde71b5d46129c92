#!/usr/bin/env python3
"""Compares two zip packages (.xlsx workbooks) part for part.

Usage: compare-parts.py A B

Exit 0 when both hold the same part names, in the same order, with the same
bytes once inflated; only the zip's own fields (timestamps, the creating
platform, compression details) may differ. Otherwise exit 1, naming each
differing part and showing where the bytes first differ, so the cause (a
path separator, a time) can be found. Used by scripts/windows-test to hold
the Windows build's workbooks against the Linux build's.
"""

import sys
import zipfile


def parts(path):
    with zipfile.ZipFile(path) as z:
        return [(i.filename, z.read(i)) for i in z.infolist()]


def first_difference(a, b):
    n = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    lo = max(0, n - 80)
    return n, a[lo : n + 80], b[lo : n + 80]


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    a, b = parts(argv[1]), parts(argv[2])
    problems = []
    if [n for n, _ in a] != [n for n, _ in b]:
        problems.append(f"part names differ:\n  {[n for n, _ in a]}\n  {[n for n, _ in b]}")
    bytes_b = dict(b)
    for name, data in a:
        other = bytes_b.get(name)
        if other is not None and other != data:
            at, x, y = first_difference(data, other)
            problems.append(
                f"part {name} differs at byte {at} (sizes {len(data)} and {len(other)}):\n"
                f"  {argv[1]}: …{x!r}…\n  {argv[2]}: …{y!r}…"
            )
    for p in problems:
        print(p, file=sys.stderr)
    if not problems:
        print(f"identical, {len(a)} parts: {argv[1]} and {argv[2]}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
