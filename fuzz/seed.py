#!/usr/bin/env python3
"""Seeds the fuzz corpora from the repository's own workbooks (docs/fuzzing.md).

corpus/report_bytes/  the files as they are: four sample reports, the template
                      and every workbook in tests/fixtures/ (xlsx, xlsm, xls, ods…)
corpus/report_parts/  the same zip workbooks unpacked into the report_parts
                      target's input format: b"\\0PART:" + name + b"\\n" + content
                      per entry (pictures, themes and settings left out), and
                      variants of one sample with awkward answers (a personal
                      identity number, an ambiguous amount, quarter 5, no
                      defined names…) so the fuzzer starts at the findings
corpus/register_bytes/ the sample register, as it is
corpus/inbox_tree/    small folder trees in the inbox_tree target's format
                      (see fuzz_targets/inbox_tree.rs)

The corpora are generated, not committed (fuzz/.gitignore); rerun this script
before fuzzing. Standard library only.
"""

import pathlib
import re
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


# One sample, answered badly: cell → text written over it (an inline string).
VARIANT_OF = "2018-K2 Heby, Individstöd i samverkan.xlsx"
VARIANTS = {
    "values": {
        "B9": "18",  # period_ar
        "B10": "5",  # period_kvartal
        "B14": "2018-13-45",  # rapportdatum
        "B15": "Anna 811218-9876",  # uppgiftslamnare, with a personnummer
        "B16": "anna(at)heby",  # uppgiftslamnare_epost
        "B20": "Jo",  # a choice
        "B46": "331.480",  # an ambiguous amount
        "B47": "-5 000 kr",
        "B53": "tolv",  # styrgruppsmoten
        "B69": "1e9",
        "B89": "Deltagare 19811218-9876 avslutad. =HYPERLINK(\"x\")",
    },
    "identity": {"B7": "2099:1", "B8": "Okänd insats", "B6": "9.9"},
}


def with_answers(parts, answers):
    """The sheet part with each listed cell replaced by an inline string."""
    out = []
    for name, content in parts:
        if name == "xl/worksheets/sheet1.xml":
            text = content.decode()
            for ref, value in answers.items():
                cell = f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'
                text = re.sub(rf'<c r="{ref}"(?: [^>]*)?(?:/>|>.*?</c>)', cell, text, count=1)
            content = text.encode()
        out.append((name, content))
    return out


def without_names(parts):
    """The workbook part without its defined names: read by the labels."""
    return [
        (n, re.sub(rb"<definedNames>.*?</definedNames>", b"", c, flags=re.S) if n == "xl/workbook.xml" else c)
        for n, c in parts
    ]


def entries(path):
    with zipfile.ZipFile(path) as archive:
        return [
            (info.filename, archive.read(info))
            for info in archive.infolist()
            if not (info.is_dir() or info.filename.startswith(LEFT_OUT) or info.file_size > MAX_SEED_BYTES)
        ]


# Folder trees for inbox_tree: one entry per line, a kind letter and a path
# (f file, d folder, p named pipe, l link to /dev/zero, s link to a sibling,
# b a file the size of the per-file limit and one byte, sparse).
INBOX_TREES = [
    b"f2018-K2 Heby.xlsx\np2018-K2/f\xc3\xb6ljebrev.txt\nlbilaga.pdf\n",
    b"d2018-K1\nf2018-K1/r.xlsx \nsgenv\xc3\xa4g.xlsx\nbfilm.mp4\nf.dold.xlsx\nf~$l\xc3\xa5s.xlsx\n",
]


def joined(parts):
    return b"".join(b"\0PART:" + name.encode() + b"\n" + content for name, content in parts)


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
            (parts_dir / stem).write_bytes(joined(entries(path)))
        except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError):
            pass  # not a zip (xls, encrypted, broken on purpose): raw bytes only
    sample = entries(ROOT / "samples" / "rapporter" / VARIANT_OF)
    for name, answers in VARIANTS.items():
        (parts_dir / f"seed-variant-{name}.xlsx").write_bytes(joined(with_answers(sample, answers)))
    (parts_dir / "seed-variant-no-names.xlsx").write_bytes(joined(without_names(sample)))
    (parts_dir / "seed-variant-no-names-values.xlsx").write_bytes(
        joined(without_names(with_answers(sample, VARIANTS["values"])))
    )
    register_dir = FUZZ / "corpus" / "register_bytes"
    register_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ROOT / "samples" / "register.xlsx", register_dir / "seed-register.xlsx")
    tree_dir = FUZZ / "corpus" / "inbox_tree"
    tree_dir.mkdir(parents=True, exist_ok=True)
    for i, tree in enumerate(INBOX_TREES):
        (tree_dir / f"seed-{i:02}").write_bytes(tree)
    print(f"{len(list(bytes_dir.iterdir()))} seeds in {bytes_dir}, {len(list(parts_dir.iterdir()))} in {parts_dir}")


if __name__ == "__main__":
    main()
