#!/usr/bin/env python3
"""Seeds the fuzz corpora from the repository's own workbooks (docs/fuzzing.md).

corpus/report_bytes/  the files as they are: four sample reports, the template
                      and every workbook in tests/fixtures/ (xlsx, xlsm, xls, ods…)
corpus/report_parts/  the same zip workbooks unpacked into the report_parts
                      target's input format: b"\\0PART:" + name + b"\\n" + content
                      per entry (pictures, themes and settings left out)

The corpora are generated, not committed (fuzz/.gitignore); rerun this script
before fuzzing. Standard library only.
"""

import pathlib
import shutil
import zipfile

FUZZ = pathlib.Path(__file__).resolve().parent
ROOT = FUZZ.parent
SAMPLES = [
    "2018-K1 GESAM.xlsx",
    "2018-K2 Heby, Individstöd i samverkan.xlsx",
    "2018-K1 Enköping, Stöd till arbete med modellen Individual Placement and Support (IPS).xlsx",
    "2018-K2 Knivsta, En väg in – flera vägar ut.xlsx",
]
WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"}
# Larger files slow every execution down and add little a mutation can reach.
MAX_SEED_BYTES = 1 << 20
LEFT_OUT = ("Thumbnails/", "Configurations2/", "docProps/", "xl/theme/", "settings.xml", "manifest.rdf")


def workbooks():
    for name in SAMPLES:
        yield ROOT / "samples" / "rapporter" / name
    yield ROOT / "templates" / "kvartalsrapport-v1.xlsx"
    fixtures = ROOT / "tests" / "fixtures"
    for path in sorted(fixtures.rglob("*")):
        if path.is_file() and not path.is_symlink() and path.suffix.lower() in WORKBOOK_SUFFIXES:
            yield path


def parts(path):
    with zipfile.ZipFile(path) as archive:
        out = bytearray()
        for info in archive.infolist():
            if info.is_dir() or info.filename.startswith(LEFT_OUT) or info.file_size > MAX_SEED_BYTES:
                continue
            out += b"\0PART:" + info.filename.encode() + b"\n" + archive.read(info)
        return bytes(out)


def main():
    bytes_dir, parts_dir = FUZZ / "corpus" / "report_bytes", FUZZ / "corpus" / "report_parts"
    for d in (bytes_dir, parts_dir):
        d.mkdir(parents=True, exist_ok=True)
    for i, path in enumerate(workbooks()):
        if path.stat().st_size > MAX_SEED_BYTES:
            continue
        stem = f"seed-{i:02}{path.suffix.lower()}"
        shutil.copyfile(path, bytes_dir / stem)
        try:
            (parts_dir / stem).write_bytes(parts(path))
        except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError):
            pass  # not a zip (xls, encrypted, broken on purpose): raw bytes only
    print(f"{len(list(bytes_dir.iterdir()))} seeds in {bytes_dir}, {len(list(parts_dir.iterdir()))} in {parts_dir}")


if __name__ == "__main__":
    main()
