//! Memory in proportion to the input (issue 20, item 11), counted by this test binary's own
//! allocator: the bytes held at the peak of loading a large org file, against the file's size.
//! Counted, not timed: the figure is the same on any machine. A test binary of its own, not a
//! module of `tests/it/`: the allocator counts the whole process, and other tests would be counted.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use bianzhi::base::source::{FileId, SourceFile};
use bianzhi::load::{load_org, Loaded};

/// The system allocator, counting the bytes held now and the most held since [`reset_peak`].
struct Counting;

static HELD: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = HELD.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        HELD.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

/// Held by each test while it counts: the counters are the process's, and tests run in threads.
static COUNTING_ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn reset_peak() -> usize {
    let now = HELD.load(Ordering::Relaxed);
    PEAK.store(now, Ordering::Relaxed);
    now
}

/// A town with `n` persons of about 120 bytes each.
fn roster(n: usize) -> String {
    let mut text = String::from(
        "[unit]\nid = \"t\"\nname = \"大镇\"\nkind = \"town\"\nas_of = 2020-01-01\n\n[quota]\nadministrative = 10\n\n[[body]]\nid = \"dzb\"\nname = \"党政办公室\"\nkind = \"functional\"\nquota = { administrative = 10 }\n",
    );
    for i in 0..n {
        text.push_str(&format!(
            "\n[[person]]\nid = \"P{i:07}\"\nname = \"王伟\"\nbody = \"dzb\"\nestablishment = \"行政编制\"\ntitle = \"科员\"\n"
        ));
    }
    text
}

/// Loading a 10 MB roster holds less than ten times its size at the peak, and less than half of
/// what the file parsed whole into one document holds (about 33 times its size): its
/// `[[person]]` tables are parsed a piece at a time (src/load/chunks.rs).
#[test]
fn loading_a_large_roster_holds_a_few_times_its_size() {
    let _alone = COUNTING_ONE_AT_A_TIME.lock();
    let text = roster(100_000);
    let size = text.len();
    assert!(size > 10 << 20, "{size}");
    let before = reset_peak();
    let src = SourceFile::new("big.toml", text);
    let loaded = load_org(FileId(0), &src, true);
    let peak = PEAK.load(Ordering::Relaxed) - before;
    match &loaded {
        Loaded::Org(org) => assert_eq!(org.persons.len(), 100_000),
        other => panic!("{other:?}"),
    }
    drop(loaded);
    // What parsing the whole file into one spanned document holds, as loading did before.
    let before = reset_peak();
    let doc = toml::de::DeTable::parse(&src.text);
    let whole = PEAK.load(Ordering::Relaxed) - before;
    drop(doc);
    let ratio = peak as f64 / size as f64;
    eprintln!(
        "loading: {peak} bytes ({ratio:.1}×); the parsed document alone: {whole} bytes ({:.1}×)",
        whole as f64 / size as f64
    );
    assert!(
        ratio < 10.0,
        "peak {peak} bytes for {size} bytes of TOML: {ratio:.1}×"
    );
    assert!(
        peak < whole / 2,
        "loading {peak} bytes, the document alone {whole}"
    );
}

/// Importing a roster of 100,000 new persons holds under 2 KB a row at its peak (the result
/// included: the edited file's text and the change list): new persons are written as text, not as
/// `toml_edit` tables (about 2 KB each), and the result is checked a piece of its roster at a
/// time (max RSS 4 KB a row before, 7 KB before that). Counted here are the bytes asked for,
/// of which about 0.8 KB a row is the TOML lexer's room for tokens, reserved in proportion to the
/// text it is given and never filled for the file's outline (`chunks::skeleton`): the memory used
/// (max RSS) is about 0.6–1.0 KB a row (docs/benchmarks.md).
#[test]
fn importing_a_large_roster_holds_about_a_kilobyte_a_row() {
    let _alone = COUNTING_ONE_AT_A_TIME.lock();
    use bianzhi::app::{import_roster_given, ImportRequest};
    use bianzhi::base::i18n::Lang;

    let rows = 100_000;
    let org = "[unit]\nid = \"t\"\nname = \"大镇\"\nkind = \"town\"\nas_of = 2020-01-01\n\n[quota]\nadministrative = 10\n\n[[body]]\nid = \"dzb\"\nname = \"党政办公室\"\nkind = \"functional\"\nquota = { administrative = 10 }\n";
    let mut csv = String::from("id,name,body,establishment,title\n");
    for i in 0..rows {
        csv.push_str(&format!("P{i:07},王伟{i},dzb,行政编制,科员\n"));
    }
    let csv = csv.into_bytes();
    let request = ImportRequest {
        file: std::path::Path::new("roster.csv"),
        into: std::path::Path::new("org.toml"),
        map: &[],
        sheet: None,
        force: false,
        replace: false,
    };
    let before = reset_peak();
    let report = import_roster_given(
        "org.toml",
        org.as_bytes().to_vec(),
        "roster.csv",
        csv,
        &request,
        Lang::En,
    );
    let peak = PEAK.load(Ordering::Relaxed) - before;
    let report = report.unwrap_or_else(|_| panic!("the import failed"));
    assert_eq!(report.changes.added, rows);
    let per_row = peak / rows;
    eprintln!(
        "import: {peak} bytes at the peak, {per_row} a row; the result's text {} bytes",
        report.text.len()
    );
    assert!(per_row < 2_000, "{per_row} bytes a row");
}
