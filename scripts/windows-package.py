#!/usr/bin/env python3
"""The Windows package's zip: built from a staged folder, and checked.

  windows-package.py build FOLDER ZIP   zip FOLDER's files into ZIP
  windows-package.py check ZIP          check ZIP as kansliet will unpack it
  windows-package.py selftest           show that check catches each flaw

Called by scripts/package-windows (docs/windows.md).

build: the files in a fixed order with a fixed time (SOURCE_DATE_EPOCH, or
2000-01-01), so the same files make the same zip. A name with å, ä or ö
(`Läs mig.txt`) is stored in UTF-8 with the zip's UTF-8 flag (bit 11), which
Windows 10 and 11's "Extrahera alla", 7-Zip and PowerShell's Expand-Archive
read; a name without the flag would be read in the OEM code page by some
and as UTF-8 by others.

check: `Läs mig.txt` is UTF-8 with a byte order mark and Windows line
endings, and names only files the zip holds. The convention it is checked
by: a file is named either in quotes ("register.xlsx",
"mallar\\kvartalsrapport-v1.xlsx", "Läs mig.txt") or as one word
(.\\uppfoljning.exe), and a name is anything ending in .exe, .xlsx, .txt,
.dll, .zip or .bat. Every such name is a file of the zip (`\\` read as
`/`, a leading `.\\` dropped), except the workbook the program writes,
named "Uppföljning …xlsx", which must not be in the zip. Also: the zip holds
exactly the package's files and never the test-only bcryptprimitives.dll.
"""

import os
import re
import sys
import time
import zipfile

README = "Läs mig.txt"
# What kansliet unpacks; the register only once `mall register` exists
# (scripts/package-windows says when it is left out).
PACKAGE = ["uppfoljning.exe", "register.xlsx", "mallar/kvartalsrapport-v1.xlsx", README]
NAME = re.compile(r"\.(exe|xlsx|txt|dll|zip|bat)$", re.IGNORECASE)


def build(folder, out):
    stamp = time.gmtime(int(os.environ.get("SOURCE_DATE_EPOCH", "946684800")))[:6]
    files = []
    for base, dirs, names in os.walk(folder):
        dirs.sort()
        for n in names:
            path = os.path.join(base, n)
            files.append((os.path.relpath(path, folder).replace(os.sep, "/"), path))
    files.sort()
    tmp = out + ".tmp"
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, path in files:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            # Made on Unix, with ordinary modes beside the archive bit Windows
            # sets: Info-ZIP's unzip reads a name from "MS-DOS" in the OEM
            # code page even with the UTF-8 flag, and would mangle å ä ö.
            info.create_system = 3
            mode = 0o100755 if name.endswith(".exe") else 0o100644
            info.external_attr = (mode << 16) | 0x20
            with open(path, "rb") as f:
                z.writestr(info, f.read())
    os.replace(tmp, out)


def readme_names(text):
    """The file names `Läs mig.txt` mentions, by the convention above."""
    quoted = re.findall(r'"([^"\r\n]*)"', text)
    names = [q for q in quoted if NAME.search(q)]
    rest = re.sub(r'"[^"\r\n]*"', " ", text)
    words = (w.rstrip(".,:;!?)") for w in rest.split())
    return names + [w for w in words if NAME.search(w)]


def check(path, allow_missing=()):
    problems = []
    with zipfile.ZipFile(path) as z:
        held = [i.filename for i in z.infolist()]
        readme = z.read(README) if README in held else None
    expected = [n for n in PACKAGE if n not in allow_missing]
    if sorted(held) != sorted(expected):
        problems.append(f"the zip holds {sorted(held)}, expected {sorted(expected)}")
    if any(n.lower().endswith("bcryptprimitives.dll") for n in held):
        problems.append("the test-only bcryptprimitives.dll is in the package")
    if readme is None:
        problems.append(f"no {README} in the zip")
        return problems
    if not readme.startswith(b"\xef\xbb\xbf"):
        problems.append(f"{README} does not start with a UTF-8 byte order mark (Notepad would guess)")
    if re.search(rb"(?<!\r)\n", readme) or re.search(rb"\r(?!\n)", readme):
        problems.append(f"{README} has line endings other than CR LF")
    try:
        text = readme.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        problems.append(f"{README} is not UTF-8: {e}")
        return problems
    if "@VERSION@" in text:
        problems.append(f"{README} still says @VERSION@")
    names = readme_names(text)
    if "uppfoljning.exe" not in {n.removeprefix(".\\") for n in names}:
        problems.append(f"{README} does not name uppfoljning.exe (the convention may be broken)")
    for name in names:
        file = name.removeprefix(".\\").replace("\\", "/")
        if file.startswith("Uppföljning ") and file.endswith(".xlsx"):
            if file in held:
                problems.append(f"the program's workbook {name} is in the package")
            continue
        if file not in held and file not in allow_missing:
            problems.append(f"{README} names {name}, which the zip does not hold")
    return problems


def selftest():
    """The check above catches what it is for: each broken package below
    must give exactly the problem named, and the good one none."""
    import tempfile

    good = (
        '\ufeffUppföljning\r\n"uppfoljning.exe" och "register.xlsx",\r\n'
        '"mallar\\kvartalsrapport-v1.xlsx", "Läs mig.txt".\r\n'
        'Kör .\\uppfoljning.exe --help. Arbetsboken: "Uppföljning 2018-K2.xlsx".\r\n'
    )
    files = {n: b"x" for n in PACKAGE if n != README}
    cases = [
        ("a good package", good, {}, None),
        ("a quoted name the zip lacks", good + '"mallar\\mall (2).xlsx"\r\n', {}, "names mallar\\mall (2).xlsx"),
        ("a bare name the zip lacks", good + "Se ut.txt.\r\n", {}, "names ut.txt"),
        ("no byte order mark", good.lstrip("\ufeff"), {}, "byte order mark"),
        ("a line ending in LF only", good + "rad\n", {}, "line endings"),
        ("the shim in the zip", good, {"bcryptprimitives.dll": b"x"}, "bcryptprimitives.dll is in the package"),
        ("the program's workbook in the zip", good, {"Uppföljning 2018-K2.xlsx": b"x"}, "workbook"),
    ]
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        for what, readme, extra, expected in cases:
            path = os.path.join(tmp, "p.zip")
            with zipfile.ZipFile(path, "w") as z:
                for name, data in {**files, **extra}.items():
                    z.writestr(name, data)
                z.writestr(README, readme.encode("utf-8"))
            problems = check(path)
            ok = not problems if expected is None else any(expected in p for p in problems)
            if not ok:
                failures.append(f"{what}: expected {expected or 'no problem'}, got {problems}")
    return failures


def main(argv):
    if len(argv) == 4 and argv[1] == "build":
        build(argv[2], argv[3])
        return 0
    if len(argv) >= 3 and argv[1] == "check":
        allow = [a.removeprefix("--allow-missing=") for a in argv[3:] if a.startswith("--allow-missing=")]
        problems = check(argv[2], allow)
        for p in problems:
            print(f"package check: {p}", file=sys.stderr)
        if problems:
            return 1
        with zipfile.ZipFile(argv[2]) as z:
            for i in z.infolist():
                print(f"  {i.file_size:>10}  {i.filename}")
        return 0
    if len(argv) == 2 and argv[1] == "selftest":
        failures = selftest()
        for f in failures:
            print(f"package check self-test: {f}", file=sys.stderr)
        return 1 if failures else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
