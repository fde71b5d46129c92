#!/usr/bin/env python3
"""Writes the minimal inputs of tests/fuzz_regressions/ (see its README.md).

Each crash the fuzzer found is rebuilt here from its cause, by hand, so that
the committed file holds the one defect and nothing else: libFuzzer's own
minimiser (cargo fuzz tmin) keeps any crash, and on a Compound File it
drifts to a truncated sector table, a different defect the guard refuses.
Run from anywhere; standard library only. Deterministic: rerunning rewrites
the same bytes.
"""

import pathlib
import struct

OUT = pathlib.Path(__file__).resolve().parent.parent / "tests" / "fuzz_regressions"

SECTOR = 512
FREESECT, ENDOFCHAIN, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def record(typ, data=b""):
    return struct.pack("<HH", typ, len(data)) + data


def bof_globals():
    # BOF (MS-XLS 2.4.21): BIFF8, workbook globals.
    return record(0x0809, struct.pack("<HHHHII", 0x0600, 0x0005, 0x0DBB, 0x07CC, 0, 0x06))


def eof():
    return record(0x000A)


def directory_entry(name, typ, child, start, size):
    encoded = (name + "\0").encode("utf-16-le")
    return (
        encoded.ljust(64, b"\0")
        + struct.pack("<HBB", len(encoded), typ, 1)  # black node
        + struct.pack("<III", NOSTREAM, NOSTREAM, child)
        + b"\0" * 16  # CLSID
        + struct.pack("<I", 0)  # state bits
        + b"\0" * 16  # creation and modification times
        + struct.pack("<IQ", start, size)
    )


def compound_file(workbook, chain=None):
    """A version-3 Compound File holding one stream, `Workbook`, padded to
    4096 bytes so it lives in ordinary sectors (no mini stream). `chain`
    replaces the stream's sector chain in the FAT (sector id: next id)."""
    workbook = workbook.ljust(4096, b"\0")
    data_sectors = len(workbook) // SECTOR
    fat = [FATSECT, ENDOFCHAIN] + [2 + i + 1 for i in range(data_sectors - 1)] + [ENDOFCHAIN]
    for sector, following in (chain or {}).items():
        fat[sector] = following
    fat_sector = struct.pack(f"<{SECTOR // 4}I", *(fat + [FREESECT] * (SECTOR // 4 - len(fat))))
    directory = (
        directory_entry("Root Entry", 5, 1, ENDOFCHAIN, 0)
        + directory_entry("Workbook", 2, NOSTREAM, 2, len(workbook))
        + b"\0" * 256
    )
    header = (
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, ENDOFCHAIN, 0, ENDOFCHAIN, 0)
        + struct.pack("<109I", 0, *([FREESECT] * 108))
    )
    assert len(header) == SECTOR and len(directory) == SECTOR
    return header + fat_sector + directory + workbook


def lbl_formula_longer_than_record():
    # Lbl (MS-XLS 2.4.150) named "A" whose formula length cce (255) is more
    # than the record holds: calamine 0.38 computes `data.len() - cce`.
    data = struct.pack("<HBBHHHBBBB", 0, 0, 1, 0x00FF, 0, 0, 0, 0, 0, 0) + b"\0A"
    return compound_file(bof_globals() + record(0x0018, data) + eof())


def globals_with(typ, data):
    """Workbook globals holding one record of `typ` with `data`, too short
    or pointing outside the stream: each is a place calamine 0.38's .xls
    parser indexes without a check (found reading xls.rs beside the fuzzer's
    crash; the xls.rs/utils.rs line is in the README)."""
    return lambda: compound_file(bof_globals() + record(typ, data) + eof())


def sector_beyond_end():
    # The Workbook stream's chain jumps from its first sector (2) to its last
    # (9), and the file ends inside sector 8: calamine 0.38 has read up to
    # sector 2 and slices `data[start..len]` with start past len (cfb.rs:320).
    whole = compound_file(bof_globals() + eof(), chain={2: 9})
    return whole[: SECTOR + 8 * SECTOR + 100]


FILES = {
    # Found by the fuzzer (report_bytes).
    "xls-sector-beyond-end.xls": sector_beyond_end,
    "xls-lbl-formula-longer-than-record.xls": lbl_formula_longer_than_record,
    # The same defect elsewhere in calamine's .xls parser.
    "xls-bof-empty.xls": lambda: compound_file(record(0x0809) + eof()),
    "xls-codepage-one-byte.xls": globals_with(0x0042, b"\x01"),
    "xls-datemode-empty.xls": globals_with(0x0022, b""),
    "xls-filepass-empty.xls": globals_with(0x002F, b""),
    "xls-externsheet-empty.xls": globals_with(0x0017, b""),
    "xls-lbl-two-bytes.xls": globals_with(0x0018, b"\0\0"),
    "xls-boundsheet-two-bytes.xls": globals_with(0x0085, b"\0\0"),
    "xls-boundsheet-beyond-stream.xls": globals_with(0x0085, struct.pack("<IBBB", 0x7FFFFFFF, 0, 0, 1) + b"\0A"),
}


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for name, build in FILES.items():
        (OUT / name).write_bytes(build())
        print(OUT / name)


if __name__ == "__main__":
    main()
