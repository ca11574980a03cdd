//! No input makes the readers panic: random bytes, and real files with
//! random damage, give `Ok` or `Err`.

use std::path::Path;

use daihoi_sheets::{Format, read_bytes};
use proptest::prelude::*;

const FORMATS: [Format; 4] = [Format::Xlsx, Format::Xls, Format::Ods, Format::Csv];

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    std::fs::read(path).expect("fixture exists")
}

/// Reading must return; either answer is fine, and an error names the file.
fn reads_without_panic(format: Format, bytes: &[u8]) {
    if let Err(err) = read_bytes("upload.bin", format, bytes) {
        assert!(err.to_string().contains("upload.bin"), "{err}");
    }
}

proptest! {
    #[test]
    fn random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        for format in FORMATS {
            reads_without_panic(format, &bytes);
        }
    }

    #[test]
    fn random_bytes_behind_magic_numbers(
        magic in prop_oneof![
            Just(&b"PK\x03\x04"[..]),
            Just(&b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"[..]),
            Just(&b"\xFF\xFE"[..]),
            Just(&b"\xEF\xBB\xBF"[..]),
        ],
        tail in proptest::collection::vec(any::<u8>(), 0..2048),
    ) {
        let bytes = [magic, &tail].concat();
        for format in FORMATS {
            reads_without_panic(format, &bytes);
        }
    }

    #[test]
    fn damaged_fixtures(
        which in 0usize..3,
        damage in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        cut in any::<prop::sample::Index>(),
        truncate in any::<bool>(),
    ) {
        let (name, format) = [
            ("sample.xlsx", Format::Xlsx),
            ("sample.xls", Format::Xls),
            ("sample.ods", Format::Ods),
        ][which];
        let mut bytes = fixture(name);
        for (at, value) in damage {
            let at = at.index(bytes.len());
            bytes[at] = value;
        }
        if truncate {
            bytes.truncate(cut.index(bytes.len()));
        }
        reads_without_panic(format, &bytes);
    }
}

/// A damaged .xls whose DIMENSIONS record claims four billion rows is
/// refused as damaged; it used to make calamine reserve hundreds of
/// gigabytes and abort the process (found by `damaged_fixtures`).
#[test]
fn xls_claiming_billions_of_cells_is_refused() {
    let mut bytes = fixture("sample.xls");
    // BIFF8 DIMENSIONS: type 0x0200, length 14, then first row, last row + 1 (u32).
    let at = bytes.windows(4).position(|w| w == [0x00, 0x02, 0x0E, 0x00]).expect("sample.xls has a DIMENSIONS record");
    bytes[at + 8..at + 12].copy_from_slice(&0xFFFF_FFF0u32.to_le_bytes());
    let err = read_bytes("huge.xls", Format::Xls, &bytes).unwrap_err();
    assert!(err.to_string().contains("huge.xls") && err.to_string().contains("damaged"), "{err}");
}

/// Every file of the hostile corpus (huge claimed dimensions and shared
/// strings, a zip bomb, repeated ods rows, a truncated zip, a wrong magic
/// number, lying xls records, CSVs too long and too wide) is refused within
/// the default limits, with a message naming the file.
#[test]
fn the_hostile_corpus_is_refused() {
    use daihoi_sheets::{Limits, SheetError, read_bytes_within};
    for file in daihoi_test_support::hostile::corpus() {
        let format = Format::from_path(Path::new(file.name)).expect("known extension");
        let started = std::time::Instant::now();
        let err = read_bytes_within(file.name, format, &file.bytes, &Limits::default())
            .expect_err(&format!("{} ({}) must be refused", file.name, file.what));
        let message = err.to_string();
        assert!(message.starts_with(file.name), "{message}");
        assert!(
            matches!(err, SheetError::OverLimit { .. } | SheetError::NotThisFormat { .. } | SheetError::Corrupt { .. }),
            "{}: {message}",
            file.name
        );
        eprintln!("{} refused in {:?}: {message}", file.name, started.elapsed());
    }
}
