//! A corpus of hostile spreadsheets, made on the spot (no blobs in the
//! repository): each is small as sent and claims or inflates to far more
//! than any reader may allocate. Every entry point that reads a spreadsheet
//! (the web's uploads, `daihoi import`, `daihoi task import`, `daihoi tally`)
//! must refuse each one with a clear error, and the process must stay small
//! while it does.

use std::io::{Cursor, Write};
use std::sync::OnceLock;

use zip::write::SimpleFileOptions;

/// One hostile file.
#[derive(Debug, Clone)]
pub struct HostileFile {
    /// A file name with the extension it pretends to.
    pub name: &'static str,
    /// What it does, for a failing test's message.
    pub what: &'static str,
    /// The bytes as sent.
    pub bytes: Vec<u8>,
}

/// The whole corpus, made once per process (the zip bomb takes a few
/// seconds to deflate).
pub fn corpus() -> &'static [HostileFile] {
    static CORPUS: OnceLock<Vec<HostileFile>> = OnceLock::new();
    CORPUS.get_or_init(|| {
        vec![
            HostileFile {
                name: "huge-dimension.xlsx",
                what: "a sheet whose cells are A1 and XFD1048576 (17 billion cells claimed)",
                bytes: huge_dimension_xlsx(),
            },
            HostileFile {
                name: "huge-unique-count.xlsx",
                what: "sharedStrings.xml claims uniqueCount=100000000000",
                bytes: huge_unique_count_xlsx(),
            },
            HostileFile {
                name: "zip-bomb.xlsx",
                what: "2,000,000 rows: a few MB that inflate to about 660 MB of XML",
                bytes: zip_bomb_xlsx(2_000_000),
            },
            HostileFile {
                name: "repeated-rows.ods",
                what: "one row of 100 cells repeated 100,000 times (10 million cells)",
                bytes: repeated_rows_ods(),
            },
            HostileFile { name: "truncated.xlsx", what: "a valid xlsx cut in half", bytes: truncated_xlsx() },
            HostileFile {
                name: "wrong-magic.xlsx",
                what: "an executable's bytes named .xlsx",
                bytes: b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xFF\xFF\x00\x00".repeat(64),
            },
            HostileFile {
                name: "lying-dimensions.xls",
                what: "an .xls whose DIMENSIONS record claims four billion rows",
                bytes: xls(Some((0, 0xFFFF_FFF0, 0, 4)), &[(0, 0)]),
            },
            HostileFile {
                name: "lying-cells.xls",
                what: "an .xls claiming one cell but holding A1 and IV65536 (16.7 million cells to lay out)",
                bytes: xls(Some((0, 1, 0, 1)), &[(0, 0), (65_535, 255)]),
            },
            HostileFile {
                name: "many-rows.csv",
                what: "a CSV of 2,000,000 short rows",
                bytes: "Số thẻ đảng viên,Họ tên\n".bytes().chain(b"1,a\n".repeat(2_000_000)).collect(),
            },
            HostileFile { name: "wide.csv", what: "a CSV row of 1,000,000 columns", bytes: b"a,".repeat(1_000_000) },
        ]
    })
}

fn options() -> SimpleFileOptions {
    SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated).compression_level(Some(9))
}

/// An xlsx of one sheet: `sheet` writes the sheet's XML, `shared` the
/// shared strings part if any.
pub fn xlsx(sheet: impl FnOnce(&mut dyn Write), shared: Option<&str>) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let part = |zip: &mut zip::ZipWriter<Cursor<Vec<u8>>>, name: &str, text: &str| {
        zip.start_file(name, options()).expect("zip part");
        zip.write_all(text.as_bytes()).expect("zip write");
    };
    part(
        &mut zip,
        "[Content_Types].xml",
        r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
    );
    part(
        &mut zip,
        "_rels/.rels",
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
    );
    part(
        &mut zip,
        "xl/workbook.xml",
        r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
    );
    part(
        &mut zip,
        "xl/_rels/workbook.xml.rels",
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#,
    );
    if let Some(shared) = shared {
        part(&mut zip, "xl/sharedStrings.xml", shared);
    }
    zip.start_file("xl/worksheets/sheet1.xml", options()).expect("zip part");
    sheet(&mut zip);
    zip.finish().expect("zip").into_inner()
}

const SHEET_START: &str = r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#;

fn huge_dimension_xlsx() -> Vec<u8> {
    xlsx(
        |w| {
            write!(
                w,
                r#"{SHEET_START}<dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Số thẻ đảng viên</t></is></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>"#
            )
            .expect("write");
        },
        None,
    )
}

fn huge_unique_count_xlsx() -> Vec<u8> {
    xlsx(
        |w| {
            write!(
                w,
                r#"{SHEET_START}<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>"#
            )
            .expect("write");
        },
        Some(
            r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="100000000000" uniqueCount="100000000000"><si><t>Số thẻ đảng viên</t></si></sst>"#,
        ),
    )
}

/// An xlsx of `rows` rows of a member file's shape, about 330 bytes of XML
/// a row. The rows are alike (positions are implied by order, as the format
/// allows), so that the zip deflates them about 200 to 1.
pub fn zip_bomb_xlsx(rows: u32) -> Vec<u8> {
    const ROW: &str = r#"<row><c><v>1234567890</v></c><c t="inlineStr"><is><t>Nguyễn Văn An</t></is></c><c t="inlineStr"><is><t>01/01/1970</t></is></c><c t="inlineStr"><is><t>Nam</t></is></c><c t="inlineStr"><is><t>QN.DH.QT.CB01</t></is></c><c t="inlineStr"><is><t>chính thức</t></is></c><c t="inlineStr"><is><t>Kinh</t></is></c></row>"#;
    xlsx(
        |w| {
            write!(w, "{SHEET_START}<sheetData>").expect("write");
            let block = ROW.repeat(1_000);
            for _ in 0..rows / 1_000 {
                w.write_all(block.as_bytes()).expect("write");
            }
            for _ in 0..rows % 1_000 {
                w.write_all(ROW.as_bytes()).expect("write");
            }
            write!(w, "</sheetData></worksheet>").expect("write");
        },
        None,
    )
}

fn repeated_rows_ods() -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).expect("zip part");
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet").expect("write");
    zip.start_file("META-INF/manifest.xml", options()).expect("zip part");
    zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#).expect("write");
    zip.start_file("content.xml", options()).expect("zip part");
    zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Sheet1"><table:table-row><table:table-cell office:value-type="string"><text:p>S&#7889; th&#7867; &#273;&#7843;ng vi&#234;n</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="100000"><table:table-cell table:number-columns-repeated="100" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#).expect("write");
    zip.finish().expect("zip").into_inner()
}

fn truncated_xlsx() -> Vec<u8> {
    let whole = zip_bomb_xlsx(50);
    whole[..whole.len() / 2].to_vec()
}

/// A BIFF8 record.
fn record(out: &mut Vec<u8>, typ: u16, data: &[u8]) {
    out.extend(typ.to_le_bytes());
    out.extend(u16::try_from(data.len()).expect("record fits").to_le_bytes());
    out.extend(data);
}

/// An .xls (BIFF8 in a compound file) of one sheet: its DIMENSIONS record
/// as (first row, last row + 1, first column, last column + 1), and a
/// NUMBER record at each (row, column) of `cells`.
pub fn xls(dimensions: Option<(u32, u32, u16, u16)>, cells: &[(u16, u16)]) -> Vec<u8> {
    let bof = |dt: u16| [&0x0600u16.to_le_bytes()[..], &dt.to_le_bytes(), &[0u8; 12]].concat();
    let mut sheet = Vec::new();
    record(&mut sheet, 0x0809, &bof(0x0010));
    if let Some((rf, rl, cf, cl)) = dimensions {
        let data = [&rf.to_le_bytes()[..], &rl.to_le_bytes(), &cf.to_le_bytes(), &cl.to_le_bytes(), &[0, 0]].concat();
        record(&mut sheet, 0x0200, &data);
    }
    for &(row, column) in cells {
        let data = [&row.to_le_bytes()[..], &column.to_le_bytes(), &0u16.to_le_bytes(), &1.0f64.to_le_bytes()].concat();
        record(&mut sheet, 0x0203, &data);
    }
    record(&mut sheet, 0x000A, &[]);

    let name = b"Sheet1";
    let bound_len = 4 + 8 + name.len();
    let mut globals = Vec::new();
    record(&mut globals, 0x0809, &bof(0x0005));
    let globals_len = globals.len() + bound_len + 4;
    let mut bound = u32::try_from(globals_len).expect("small").to_le_bytes().to_vec();
    bound.extend([0, 0, u8::try_from(name.len()).expect("short"), 0]);
    bound.extend(name);
    record(&mut globals, 0x0085, &bound);
    record(&mut globals, 0x000A, &[]);
    assert_eq!(globals.len(), globals_len, "BoundSheet8 points at the sheet's BOF");
    globals.extend(sheet);

    let mut file = cfb::CompoundFile::create(Cursor::new(Vec::new())).expect("compound file");
    let mut stream = file.create_stream("/Workbook").expect("stream");
    stream.write_all(&globals).expect("write");
    drop(stream);
    file.flush().expect("flush");
    file.into_inner().into_inner()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_corpus_is_small_as_sent() {
        for file in corpus() {
            eprintln!("{}: {} bytes", file.name, file.bytes.len());
            assert!(file.bytes.len() < 8 << 20, "{}: {} bytes", file.name, file.bytes.len());
        }
    }
}
