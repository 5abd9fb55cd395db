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
