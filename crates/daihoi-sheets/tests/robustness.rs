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
