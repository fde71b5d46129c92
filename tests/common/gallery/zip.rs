//! Zip archives written byte by byte, for the gallery files no zip library
//! would write: a bomb whose one entry inflates a thousandfold, and sheets
//! whose size must not cost seconds of compression in a debug build.
//!
//! [`write`] takes entries as stored bytes or as ready-made deflate data with
//! their CRC-32 and size; [`deflated_run`] makes deflate data for "prefix,
//! then one byte repeated millions of times, then suffix" in microseconds.
//! Everything written here is a valid zip that `unzip -t` accepts.

use std::io::Read;
use std::path::Path;

/// One entry's data as it goes into the archive.
pub enum Data {
    Stored(Vec<u8>),
    /// Raw deflate data, and the CRC-32 and length of what it inflates to.
    Deflated {
        bytes: Vec<u8>,
        crc: u32,
        size: u64,
    },
}

/// The entries of a zip file, in order, inflated.
pub fn entries(path: &Path) -> Vec<(String, Vec<u8>)> {
    let mut archive = ::zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index(i).unwrap();
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).unwrap();
            (entry.name().unwrap().to_string(), bytes)
        })
        .collect()
}

/// Writes a zip of `entries`. Sizes stay below 4 GiB (no zip64).
pub fn write(path: &Path, entries: Vec<(String, Data)>) {
    let mut out = Vec::new();
    let mut directory = Vec::new();
    for (name, data) in &entries {
        let (method, bytes, crc, size) = match data {
            Data::Stored(bytes) => (0u16, bytes, crc32(bytes), bytes.len() as u64),
            Data::Deflated { bytes, crc, size } => (8u16, bytes, *crc, *size),
        };
        let (compressed, size) = (u32::try_from(bytes.len()).unwrap(), u32::try_from(size).unwrap());
        let offset = u32::try_from(out.len()).unwrap();
        let name_len = u16::try_from(name.len()).unwrap();
        // Version 2.0, bit 11: the name is UTF-8, no time (1980-01-01).
        let common = |v: &mut Vec<u8>| {
            for field in [20u16, 0x0800, method, 0, 0x21] {
                v.extend(field.to_le_bytes());
            }
            for field in [crc, compressed, size] {
                v.extend(field.to_le_bytes());
            }
            v.extend(name_len.to_le_bytes());
            v.extend(0u16.to_le_bytes());
        };
        out.extend(0x0403_4b50u32.to_le_bytes());
        common(&mut out);
        out.extend(name.as_bytes());
        out.extend(bytes);
        directory.extend(0x0201_4b50u32.to_le_bytes());
        directory.extend(20u16.to_le_bytes());
        common(&mut directory);
        for field in [0u16, 0, 0, 0, 0] {
            directory.extend(field.to_le_bytes());
        }
        directory.extend(offset.to_le_bytes());
        directory.extend(name.as_bytes());
    }
    let (start, count) = (u32::try_from(out.len()).unwrap(), u16::try_from(entries.len()).unwrap());
    let length = u32::try_from(directory.len()).unwrap();
    out.extend(directory);
    out.extend(0x0605_4b50u32.to_le_bytes());
    for field in [0u16, 0, count, count] {
        out.extend(field.to_le_bytes());
    }
    out.extend(length.to_le_bytes());
    out.extend(start.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    std::fs::write(path, out).unwrap();
}

/// Rewrites the zip at `from` to `to`, every entry stored: `edit` gets each
/// entry's name and bytes and gives the new bytes (`None` drops the entry).
/// `extra` entries are added at the end.
pub fn rewrite(
    from: &Path,
    to: &Path,
    edit: impl Fn(&str, Vec<u8>) -> Option<Vec<u8>>,
    extra: Vec<(String, Data)>,
) {
    let mut kept: Vec<(String, Data)> = entries(from)
        .into_iter()
        .filter_map(|(name, bytes)| edit(&name, bytes).map(|b| (name, Data::Stored(b))))
        .collect();
    kept.extend(extra);
    write(to, kept);
}

/// Replaces `from` by `to` in a zip entry's text; panics when it is not
/// there, so a change in how a file is written cannot make a test vacuous.
pub fn replace(bytes: Vec<u8>, from: &str, to: &str) -> Vec<u8> {
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.contains(from), "{from:?} not in {text}");
    text.replacen(from, to, 1).into_bytes()
}

/// Deflate data for `prefix`, then `count` × 258 more copies of its last
/// byte, then `suffix`: a stored block, one dynamic-Huffman block of
/// "copy 258 from distance 1" in 2 bits each (RFC 1951 §3.2.7), a stored
/// block. Gives the data with its CRC-32 and inflated size.
pub fn deflated_run(prefix: &[u8], count: u64, suffix: &[u8]) -> Data {
    let mut bits = Bits::default();
    bits.stored(prefix, false);
    bits.value(0, 1); // BFINAL
    bits.value(2, 2); // dynamic Huffman codes
    bits.value(286 - 257, 5); // HLIT: literal/length codes up to 285
    bits.value(2 - 1, 5); // HDIST: distance codes 0 and 1
    bits.value(18 - 4, 4); // HCLEN: code length codes up to symbol 1's place
    // Code length code lengths in their order 16 17 18 0 8 7 9 6 10 5 11 4 12 3 13 2 14 1:
    // only 18 (a run of zeros) and 1 (length one) occur, each with a 1-bit code.
    for symbol_length in [0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1] {
        bits.value(symbol_length, 3);
    }
    // Canonical codes: symbol 1 → 0, symbol 18 → 1 (7 extra bits: zeros − 11).
    let zeros = |bits: &mut Bits, n: u32| {
        bits.value(1, 1);
        bits.value(n - 11, 7);
    };
    zeros(&mut bits, 138); // literals 0–137
    zeros(&mut bits, 118); // literals 138–255
    bits.value(0, 1); // 256 (end of block): length 1
    zeros(&mut bits, 28); // lengths 257–284
    bits.value(0, 1); // 285 (length 258): length 1
    bits.value(0, 1); // distance code 0: length 1
    bits.value(0, 1); // distance code 1: length 1
    // Codes: 256 → 0, 285 → 1; distance code 0 (distance 1) → 0.
    for _ in 0..count {
        bits.value(1, 1);
        bits.value(0, 1);
    }
    bits.value(0, 1); // end of block
    bits.stored(suffix, true);

    let last = *prefix.last().expect("a run repeats the prefix's last byte");
    let run = Affine::of(&[last; 258]).power(count);
    let crc = !update(run.apply(update(!0, prefix)), suffix);
    Data::Deflated { bytes: bits.bytes, crc, size: prefix.len() as u64 + 258 * count + suffix.len() as u64 }
}

/// A deflate bit stream, least significant bit first.
#[derive(Default)]
struct Bits {
    bytes: Vec<u8>,
    used: u32,
}

impl Bits {
    fn value(&mut self, value: u32, width: u32) {
        for i in 0..width {
            if self.used == 0 {
                self.bytes.push(0);
            }
            *self.bytes.last_mut().unwrap() |= (((value >> i) & 1) as u8) << self.used;
            self.used = (self.used + 1) % 8;
        }
    }

    fn stored(&mut self, data: &[u8], last: bool) {
        let chunks: Vec<&[u8]> = if data.is_empty() { vec![data] } else { data.chunks(0xFFFF).collect() };
        let count = chunks.len();
        for (i, chunk) in chunks.into_iter().enumerate() {
            self.value(u32::from(last && i + 1 == count), 1);
            self.value(0, 2);
            self.used = 0; // the rest of the byte is padding
            let len = chunk.len() as u16;
            self.bytes.extend(len.to_le_bytes());
            self.bytes.extend((!len).to_le_bytes());
            self.bytes.extend(chunk);
        }
    }
}

fn table() -> [u32; 256] {
    let mut table = [0u32; 256];
    for (n, entry) in table.iter_mut().enumerate() {
        let mut c = n as u32;
        for _ in 0..8 {
            c = if c & 1 == 1 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
        }
        *entry = c;
    }
    table
}

/// The CRC-32 register after `data` (no final inversion).
fn update(mut register: u32, data: &[u8]) -> u32 {
    let table = table();
    for &b in data {
        register = table[((register ^ u32::from(b)) & 0xFF) as usize] ^ (register >> 8);
    }
    register
}

pub fn crc32(data: &[u8]) -> u32 {
    !update(!0, data)
}

/// The CRC register's change over a fixed block: `r ↦ L·r ⊕ k` over GF(2),
/// so a block repeated n times costs log n compositions, not n blocks.
#[derive(Clone, Copy)]
struct Affine {
    /// `columns[i]` is L applied to bit i.
    columns: [u32; 32],
    constant: u32,
}

impl Affine {
    fn of(block: &[u8]) -> Affine {
        let constant = update(0, block);
        let columns = std::array::from_fn(|i| update(1 << i, block) ^ constant);
        Affine { columns, constant }
    }

    fn linear(&self, r: u32) -> u32 {
        (0..32).filter(|i| r >> i & 1 == 1).fold(0, |acc, i| acc ^ self.columns[i])
    }

    fn apply(&self, r: u32) -> u32 {
        self.linear(r) ^ self.constant
    }

    /// `self` after `first`.
    fn after(&self, first: &Affine) -> Affine {
        let columns = std::array::from_fn(|i| self.linear(first.columns[i]));
        Affine { columns, constant: self.apply(first.constant) }
    }

    fn power(self, mut n: u64) -> Affine {
        let mut result = Affine { columns: std::array::from_fn(|i| 1 << i), constant: 0 };
        let mut base = self;
        while n > 0 {
            if n & 1 == 1 {
                result = base.after(&result);
            }
            base = base.after(&base);
            n >>= 1;
        }
        result
    }
}
