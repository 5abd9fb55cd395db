//! The zip package of a document (docx, xlsx), and, when it cannot be made, which part of it
//! failed: "cannot write report.docx: the part word/document.xml of the package failed: …" tells
//! a user (and whoever reads the bug report) more than the zip library's words alone.

use std::cell::Cell;
use std::io::{Seek, SeekFrom, Write};
use std::rc::Rc;

use zip8::result::ZipError;
use zip8::write::SimpleFileOptions;

use crate::base::i18n::{common, Text};

/// Why a document's package could not be made: the part the failure is in, where it is known,
/// and the library's own words.
#[derive(Debug)]
pub struct PackageError {
    pub part: Option<Part>,
    pub reason: String,
}

/// Where in a package a failure is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// An entry of the zip package, by its name in it: `word/document.xml`.
    Entry(String),
    /// A sheet of a workbook, by its name, where the workbook library names it.
    Sheet(String),
}

impl PackageError {
    /// The message for the output file `file` (as shown to users).
    pub fn text(&self, file: &str) -> Text {
        match &self.part {
            Some(Part::Entry(entry)) => common::cannot_write_part(file, entry, &self.reason),
            Some(Part::Sheet(sheet)) => common::cannot_write_sheet(file, sheet, &self.reason),
            None => common::cannot_write(file, &self.reason),
        }
    }
}

impl std::fmt::Display for PackageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.part {
            Some(Part::Entry(entry) | Part::Sheet(entry)) => write!(f, "{entry}: {}", self.reason),
            None => f.write_str(&self.reason),
        }
    }
}

impl From<rust_xlsxwriter::XlsxError> for PackageError {
    fn from(e: rust_xlsxwriter::XlsxError) -> Self {
        use rust_xlsxwriter::XlsxError as X;
        let part = match &e {
            X::SheetnameCannotBeBlank(s)
            | X::SheetnameLengthExceeded(s)
            | X::SheetnameReused(s)
            | X::SheetnameContainsInvalidCharacter(s)
            | X::SheetnameStartsOrEndsWithApostrophe(s)
            | X::UnknownWorksheetNameOrIndex(s) => Some(Part::Sheet(s.clone())),
            _ => None,
        };
        PackageError {
            part,
            reason: e.to_string(),
        }
    }
}

impl PackageError {
    /// An error of the workbook library while the sheet `sheet` was being written: named by that
    /// sheet where the library names none (a cell it refused, a failed package).
    pub fn in_sheet(e: rust_xlsxwriter::XlsxError, sheet: &str) -> Self {
        let mut error = PackageError::from(e);
        if error.part.is_none() && !sheet.is_empty() {
            error.part = Some(Part::Sheet(sheet.to_string()));
        }
        error
    }
}

/// Where the writer is, and where it first failed: zip finishes an entry (seeking back to its
/// header) only when the next one starts, so a failure while starting an entry may belong to the
/// one before, and the position tells which.
#[derive(Default)]
struct Track {
    pos: Cell<u64>,
    end: Cell<u64>,
    failed_at: Cell<Option<u64>>,
}

struct Tracked<W> {
    inner: W,
    track: Rc<Track>,
}

impl<W: Write> Write for Tracked<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let t = &self.track;
        match self.inner.write(buf) {
            Ok(n) => {
                t.pos.set(t.pos.get() + n as u64);
                t.end.set(t.end.get().max(t.pos.get()));
                Ok(n)
            }
            Err(e) => {
                if t.failed_at.get().is_none() {
                    t.failed_at.set(Some(t.pos.get()));
                }
                Err(e)
            }
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

impl<W: Seek> Seek for Tracked<W> {
    fn seek(&mut self, to: SeekFrom) -> std::io::Result<u64> {
        let pos = self.inner.seek(to)?;
        self.track.pos.set(pos);
        Ok(pos)
    }
}

/// A zip package written entry by entry, each failure named by the entry it is in.
struct Package<W: Write + Seek> {
    zip: zip8::ZipWriter<Tracked<W>>,
    track: Rc<Track>,
    /// The entry last started, and where its local header begins.
    current: Option<(String, u64)>,
}

impl<W: Write + Seek> Package<W> {
    fn new(w: W) -> Self {
        let track = Rc::new(Track::default());
        let zip = zip8::ZipWriter::new(Tracked {
            inner: w,
            track: Rc::clone(&track),
        });
        Package {
            zip,
            track,
            current: None,
        }
    }

    /// The entry a failure belongs to: the one started at or before where the writer failed.
    fn failed(&self, starting: &str, start: u64, e: ZipError) -> PackageError {
        let entry = match (&self.current, self.track.failed_at.get()) {
            (Some((before, _)), Some(at)) if at < start => before.clone(),
            _ => starting.to_string(),
        };
        PackageError {
            part: Some(Part::Entry(entry)),
            reason: e.to_string(),
        }
    }

    fn directory(&mut self, name: &str) -> Result<(), PackageError> {
        let start = self.track.end.get();
        self.zip
            .add_directory(name, SimpleFileOptions::default())
            .map_err(|e| self.failed(name, start, e))?;
        self.current = Some((name.to_string(), start));
        Ok(())
    }

    fn file(&mut self, name: &str, bytes: &[u8]) -> Result<(), PackageError> {
        // docx-rs's own options (its `zipper`): parts stored, not compressed.
        let options = SimpleFileOptions::default()
            .compression_method(zip8::CompressionMethod::Stored)
            .unix_permissions(0o755);
        let start = self.track.end.get();
        self.zip
            .start_file(name, options)
            .map_err(|e| self.failed(name, start, e))?;
        self.current = Some((name.to_string(), start));
        self.zip
            .write_all(bytes)
            .map_err(|e| self.failed(name, start, ZipError::Io(e)))
    }

    fn finish(self) -> Result<(), PackageError> {
        let start = self.track.end.get();
        let name = match &self.current {
            Some((name, _)) => name.clone(),
            None => String::new(),
        };
        let current = self.current.clone();
        let track = Rc::clone(&self.track);
        self.zip.finish().map(|_| ()).map_err(|e| {
            // The last entry is finished first; what follows is the package's table of entries
            // (its central directory), which is no entry of its own.
            let last =
                matches!((&current, track.failed_at.get()), (Some(_), Some(at)) if at < start);
            PackageError {
                part: last.then_some(Part::Entry(name)),
                reason: e.to_string(),
            }
        })
    }
}

/// Writes the parts docx-rs built as the package its `XMLDocx::pack` writes — the same entries
/// in the same order with the same options, so the same bytes — but says which entry failed.
pub fn pack_docx<W: Write + Seek>(xml: docx_rs::XMLDocx, w: W) -> Result<(), PackageError> {
    let mut p = Package::new(w);
    for dir in ["word/", "word/_rels", "_rels/", "docProps/"] {
        p.directory(dir)?;
    }
    let parts: [(&str, &[u8]); 14] = [
        ("[Content_Types].xml", &xml.content_type),
        ("_rels/.rels", &xml.rels),
        ("docProps/app.xml", &xml.doc_props.app),
        ("docProps/core.xml", &xml.doc_props.core),
        ("docProps/custom.xml", &xml.doc_props.custom),
        ("word/_rels/document.xml.rels", &xml.document_rels),
        ("word/document.xml", &xml.document),
        ("word/styles.xml", &xml.styles),
        ("word/settings.xml", &xml.settings),
        ("word/fontTable.xml", &xml.font_table),
        ("word/comments.xml", &xml.comments),
        ("word/numbering.xml", &xml.numberings),
        ("word/commentsExtended.xml", &xml.comments_extended),
        ("word/footnotes.xml", &xml.footnotes),
    ];
    for (name, bytes) in parts {
        p.file(name, bytes)?;
    }
    for (i, h) in xml.headers.iter().enumerate() {
        p.file(&format!("word/header{}.xml", i + 1), h)?;
        if let Some(rels) = xml.header_rels.get(i) {
            p.file(&format!("word/_rels/header{}.xml.rels", i + 1), rels)?;
        }
    }
    for (i, f) in xml.footers.iter().enumerate() {
        p.file(&format!("word/footer{}.xml", i + 1), f)?;
        if let Some(rels) = xml.footer_rels.get(i) {
            p.file(&format!("word/_rels/footer{}.xml.rels", i + 1), rels)?;
        }
    }
    if !xml.media.is_empty() {
        p.directory("word/media/")?;
        for (id, bytes) in &xml.media {
            p.file(&format!("word/media/{id}.png"), bytes)?;
        }
    }
    if let Some(taskpanes) = &xml.taskpanes {
        p.directory("word/webextensions/")?;
        p.file("word/webextensions/taskpanes.xml", taskpanes)?;
        p.directory("word/webextensions/_rels")?;
        p.file(
            "word/webextensions/_rels/taskpanes.xml.rels",
            &xml.taskpanes_rels,
        )?;
        for (i, ext) in xml.web_extensions.iter().enumerate() {
            p.file(
                &format!("word/webextensions/webextension{}.xml", i + 1),
                ext,
            )?;
        }
    }
    if !xml.custom_items.is_empty() {
        p.directory("customXml/_rels")?;
    }
    for (i, item) in xml.custom_items.iter().enumerate() {
        let n = i + 1;
        let empty = Vec::new();
        let rels = xml.custom_item_rels.get(i).unwrap_or(&empty);
        let props = xml.custom_item_props.get(i).unwrap_or(&empty);
        p.file(&format!("customXml/_rels/item{n}.xml.rels"), rels)?;
        p.file(&format!("customXml/item{n}.xml"), item)?;
        p.file(&format!("customXml/itemProps{n}.xml"), props)?;
    }
    p.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    /// A disk that fills up: every byte past `room` is refused.
    struct Full {
        out: Cursor<Vec<u8>>,
        room: u64,
    }

    impl Write for Full {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            let pos = self.out.position();
            if pos + buf.len() as u64 > self.room {
                let fits = self.room.saturating_sub(pos) as usize;
                if fits == 0 {
                    return Err(std::io::Error::from(std::io::ErrorKind::StorageFull));
                }
                return self.out.write(&buf[..fits]);
            }
            self.out.write(buf)
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    impl Seek for Full {
        fn seek(&mut self, to: SeekFrom) -> std::io::Result<u64> {
            self.out.seek(to)
        }
    }

    fn document() -> docx_rs::Docx {
        let mut docx = docx_rs::Docx::new()
            .created_at("2024-01-01T00:00:00Z")
            .updated_at("2024-01-01T00:00:00Z");
        for i in 0..200 {
            docx = docx.add_paragraph(
                docx_rs::Paragraph::new()
                    .add_run(docx_rs::Run::new().add_text(format!("第{i}段：编制核定"))),
            );
        }
        docx
    }

    fn packed() -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        pack_docx(document().build(), &mut out).unwrap();
        out.into_inner()
    }

    /// Where the data of `entry` begins in a package: after its local header (30 bytes, its
    /// name, no extra field).
    fn data_of(bytes: &[u8], entry: &str) -> u64 {
        let header = [b"PK\x03\x04".as_slice(), &[0; 26], entry.as_bytes()].concat();
        let at = bytes
            .windows(header.len())
            .position(|w| w[..4] == header[..4] && w[30..] == header[30..])
            .expect("the entry is in the package");
        (at + header.len()) as u64
    }

    #[test]
    fn the_package_is_the_one_docx_rs_writes() {
        let mut theirs = Cursor::new(Vec::new());
        document().build().pack(&mut theirs).unwrap();
        assert_eq!(packed(), theirs.into_inner());
    }

    #[test]
    fn a_disk_that_fills_up_inside_an_entry_names_that_entry() {
        let bytes = packed();
        for (entry, into) in [
            ("word/document.xml", 100),
            ("word/styles.xml", 10),
            ("[Content_Types].xml", 1),
        ] {
            let room = data_of(&bytes, entry) + into;
            let full = Full {
                out: Cursor::new(Vec::new()),
                room,
            };
            let e = pack_docx(document().build(), full).unwrap_err();
            assert_eq!(e.part, Some(Part::Entry(entry.to_string())), "{e}");
            let en = e.text("out/报告.docx");
            assert!(
                en.en.starts_with(&format!(
                    "cannot write out/报告.docx: the part {entry} of the package failed: "
                )),
                "{}",
                en.en
            );
            assert!(
                en.zh
                    .starts_with(&format!("无法写入 out/报告.docx：包内部件 {entry} 出错：")),
                "{}",
                en.zh
            );
        }
    }

    #[test]
    fn a_disk_full_at_the_table_of_entries_names_the_file() {
        let bytes = packed();
        // The central directory begins where the last entry's data ends; one byte short of the
        // whole package fails while writing it.
        let full = Full {
            out: Cursor::new(Vec::new()),
            room: bytes.len() as u64 - 1,
        };
        let e = pack_docx(document().build(), full).unwrap_err();
        assert_eq!(e.part, None, "{e}");
        assert!(e.text("a.docx").en.starts_with("cannot write a.docx: "));
    }

    #[test]
    fn a_cell_the_workbook_refuses_names_the_sheet_being_written() {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let sheet = wb.add_worksheet();
        // Past Excel's last row: the library's error names neither sheet nor cell.
        let Err(e) = sheet.write_string(2_000_000, 0, "x") else {
            panic!("a row past Excel's last was written");
        };
        let e = PackageError::in_sheet(e, "七都镇");
        assert_eq!(e.part, Some(Part::Sheet("七都镇".into())));
        let t = e.text("台账.xlsx");
        assert!(
            t.zh.starts_with("无法写入 台账.xlsx：工作表 七都镇 出错："),
            "{}",
            t.zh
        );
    }

    #[test]
    fn a_workbook_sheet_error_names_the_sheet() {
        let mut wb = rust_xlsxwriter::Workbook::new();
        wb.add_worksheet().set_name("汇总").unwrap();
        wb.add_worksheet().set_name("汇总").unwrap();
        let e = PackageError::from(wb.save_to_buffer().unwrap_err());
        assert_eq!(e.part, Some(Part::Sheet("汇总".into())));
        let t = e.text("台账.xlsx");
        assert!(
            t.en.starts_with("cannot write 台账.xlsx: the sheet 汇总 failed: "),
            "{}",
            t.en
        );
        assert!(
            t.zh.starts_with("无法写入 台账.xlsx：工作表 汇总 出错："),
            "{}",
            t.zh
        );
    }
}
