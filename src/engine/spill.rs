//! Findings kept out of memory until they are written.
//!
//! A national run can report close to a million findings; held as [`Finding`]s they took most of
//! the run's memory (docs/benchmarks.md, "Findings in memory"). A streamed check instead packs
//! each file's findings as soon as they are made and appends them to an unnamed temporary file
//! ([`Scratch`]): what stays in memory is where each file's
//! findings are, and one copy of each rule's code, name and citation and of each unit id. The
//! findings are read back one file at a time to be merged, sorted and written in order
//! ([`Findings::iter`]).
//!
//! Without a temporary file (none can be made, or the offline page, which has no file system)
//! the packed bytes stay in memory: still a fraction of what the findings themselves take. A
//! write that fails (a full disk) keeps that file's findings in memory instead: nothing is lost.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io;
use std::sync::{Arc, Mutex, PoisonError};

use serde::{Deserialize, Serialize};

use crate::base::diag::{Finding, Label, Level, Target, TargetKind};
use crate::base::i18n::Text;
use crate::base::scratch::Scratch;
use crate::base::source::{FileId, Span};

/// The findings of a run, in their final order: held in memory, or packed in a spill.
pub enum Findings {
    Held(Vec<Finding>),
    /// Boxed: one per run, and far larger than a vector.
    Spilled(Box<Spilled>),
}

impl Default for Findings {
    fn default() -> Self {
        Findings::Held(Vec::new())
    }
}

impl From<Vec<Finding>> for Findings {
    fn from(findings: Vec<Finding>) -> Self {
        Findings::Held(findings)
    }
}

/// Findings written to a [`Spill`] in their final order, with their counts by level.
pub struct Spilled {
    spill: Spill,
    parts: Vec<Part>,
    len: usize,
    counts: [usize; 3],
    /// Why reading the spill back failed, if it did: the report is then incomplete, which the
    /// command line says (exit 2).
    failed: Mutex<Option<String>>,
}

impl Findings {
    pub fn len(&self) -> usize {
        match self {
            Findings::Held(v) => v.len(),
            Findings::Spilled(s) => s.len,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many findings are at `level`.
    pub fn count(&self, level: Level) -> usize {
        match self {
            Findings::Held(v) => v.iter().filter(|f| f.level == level).count(),
            Findings::Spilled(s) => match level {
                Level::Error => s.counts[0],
                Level::Warning => s.counts[1],
                Level::Info => s.counts[2],
                Level::Off => 0,
            },
        }
    }

    /// Every finding in order: borrowed when held, read back and unpacked one file's worth at a
    /// time when spilled.
    pub fn iter(&self) -> FindingsIter<'_> {
        match self {
            Findings::Held(v) => FindingsIter::Held(v.iter()),
            Findings::Spilled(s) => FindingsIter::Spilled {
                spilled: s,
                part: 0,
                batch: Vec::new().into_iter(),
            },
        }
    }

    /// All the findings as a slice, for the documents that look at them as a whole (a unit's
    /// chart, the HTML report). A spill is read back whole for them.
    pub fn held(&self) -> Cow<'_, [Finding]> {
        match self {
            Findings::Held(v) => Cow::Borrowed(v),
            Findings::Spilled(_) => Cow::Owned(self.iter().map(Cow::into_owned).collect()),
        }
    }

    /// Why reading the findings back failed, if it did (after [`Findings::iter`] ended early).
    pub fn read_failure(&self) -> Option<String> {
        match self {
            Findings::Held(_) => None,
            Findings::Spilled(s) => s
                .failed
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .clone(),
        }
    }
}

/// The iterator of [`Findings::iter`].
pub enum FindingsIter<'a> {
    Held(std::slice::Iter<'a, Finding>),
    Spilled {
        spilled: &'a Spilled,
        part: usize,
        batch: std::vec::IntoIter<Finding>,
    },
}

impl<'a> Iterator for FindingsIter<'a> {
    type Item = Cow<'a, Finding>;

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            FindingsIter::Held(it) => it.next().map(Cow::Borrowed),
            FindingsIter::Spilled {
                spilled,
                part,
                batch,
            } => loop {
                if let Some(f) = batch.next() {
                    return Some(Cow::Owned(f));
                }
                let p = spilled.parts.get(*part)?;
                *part += 1;
                match spilled.spill.take(p) {
                    Ok(v) => *batch = v.into_iter(),
                    Err(e) => {
                        *spilled
                            .failed
                            .lock()
                            .unwrap_or_else(PoisonError::into_inner) = Some(e.to_string());
                        *part = spilled.parts.len();
                        return None;
                    }
                }
            },
        }
    }
}

/// Where the findings of one file went: into the spill, or kept in memory when the spill could
/// not take them.
pub enum Part {
    Packed { offset: u64, len: u64 },
    Held(Vec<Finding>),
}

/// Packed findings: the bytes, and what they point at (rules and units, one copy each).
pub struct Spill {
    store: Mutex<Scratch>,
    dict: Mutex<Dict>,
}

impl Default for Spill {
    fn default() -> Self {
        Spill::new()
    }
}

impl Spill {
    /// A spill in an unnamed temporary file, or in memory where none can be made.
    pub fn new() -> Spill {
        Spill {
            store: Mutex::new(Scratch::new()),
            dict: Mutex::default(),
        }
    }

    /// Packs `findings` and appends them; if the spill cannot take them, they stay in memory.
    pub fn put(&self, findings: Vec<Finding>) -> Part {
        if findings.is_empty() {
            return Part::Held(findings);
        }
        let bytes = self.pack(&findings);
        let stored = lock(&self.store).append(&bytes);
        match stored {
            Ok(offset) => Part::Packed {
                offset,
                len: bytes.len() as u64,
            },
            Err(_) => Part::Held(findings),
        }
    }

    /// The findings of a part, unpacked.
    pub fn take(&self, part: &Part) -> io::Result<Vec<Finding>> {
        match part {
            Part::Held(v) => Ok(v.clone()),
            &Part::Packed { offset, len } => {
                let len = usize::try_from(len).map_err(io::Error::other)?;
                let mut bytes = vec![0; len];
                lock(&self.store).read_at(offset, &mut bytes)?;
                self.unpack(&bytes)
            }
        }
    }

    /// Like [`Spill::take`], but moves held findings out instead of copying them.
    pub fn take_owned(&self, part: Part) -> io::Result<Vec<Finding>> {
        match part {
            Part::Held(v) => Ok(v),
            packed => self.take(&packed),
        }
    }

    /// Turns findings already in their final order into [`Findings`], with their counts.
    pub fn finish(self, parts: Vec<Part>, counts: [usize; 3]) -> Findings {
        Findings::Spilled(Box::new(Spilled {
            spill: self,
            parts,
            len: counts.iter().sum(),
            counts,
            failed: Mutex::new(None),
        }))
    }

    /// Each finding as a length and its postcard bytes.
    fn pack(&self, findings: &[Finding]) -> Vec<u8> {
        // The rule and unit of each finding, looked up under one lock for the whole file; the
        // findings of one rule share their texts, so the previous lookup usually answers.
        let ids: Vec<(u32, u32)> = {
            let mut dict = lock(&self.dict);
            let mut last: Option<(*const Text, *const u8, *const u8, u32)> = None;
            findings
                .iter()
                .map(|f| {
                    let key = (Arc::as_ptr(&f.cite), f.code.as_ptr(), f.name.as_ptr());
                    let rule = match last {
                        Some((c, k, n, id)) if (c, k, n) == key => id,
                        _ => {
                            let id = dict.rule(f);
                            last = Some((key.0, key.1, key.2, id));
                            id
                        }
                    };
                    (rule, dict.unit(&f.unit))
                })
                .collect()
        };
        let mut out = Vec::new();
        for (f, (rule, unit)) in findings.iter().zip(ids) {
            let packed = Packed {
                rule,
                unit,
                level: level_byte(f.level),
                fixed_level: f.fixed_level.map(level_byte),
                uncompared: f.uncompared,
                file: f.file.0,
                span: (f.span.start, f.span.end),
                target: f
                    .target
                    .as_ref()
                    .map(|t| (kind_byte(t.kind), Cow::Borrowed(t.id.as_str()))),
                message: PackedText::of(&f.message),
                primary: f.primary.as_deref().map(PackedText::of),
                help: f.help.as_deref().map(PackedText::of),
                labels: f
                    .labels
                    .iter()
                    .map(|l| PackedLabel {
                        file: l.file.0,
                        span: (l.span.start, l.span.end),
                        message: PackedText::of(&l.message),
                    })
                    .collect(),
            };
            let at = out.len();
            out.extend_from_slice(&[0; 4]);
            // Serializing into a vector cannot fail: every field is a plain value.
            if let Ok(bytes) = postcard::to_extend(&packed, std::mem::take(&mut out)) {
                out = bytes;
            }
            let n = (out.len() - at - 4) as u32;
            out[at..at + 4].copy_from_slice(&n.to_le_bytes());
        }
        out
    }

    fn unpack(&self, mut bytes: &[u8]) -> io::Result<Vec<Finding>> {
        let bad = |what: &str| io::Error::new(io::ErrorKind::InvalidData, what.to_string());
        let dict = lock(&self.dict);
        let mut out = Vec::new();
        // A help or label text equal to the previous finding's is shared, as it was when made.
        let mut last_help: Option<Arc<Text>> = None;
        while !bytes.is_empty() {
            let (n, rest) = bytes
                .split_first_chunk::<4>()
                .ok_or_else(|| bad("a packed finding is cut short"))?;
            let n = u32::from_le_bytes(*n) as usize;
            let record = rest
                .get(..n)
                .ok_or_else(|| bad("a packed finding is cut short"))?;
            bytes = &rest[n..];
            let p: Packed<'_> = postcard::from_bytes(record).map_err(io::Error::other)?;
            let (code, name, cite) = dict
                .rules
                .get(p.rule as usize)
                .ok_or_else(|| bad("a packed finding names no rule"))?;
            let unit = dict
                .units
                .get(p.unit as usize)
                .ok_or_else(|| bad("a packed finding names no unit"))?;
            let help = p.help.map(PackedText::into_text).map(|h| match &last_help {
                Some(last) if **last == h => last.clone(),
                _ => {
                    let h = Arc::new(h);
                    last_help = Some(h.clone());
                    h
                }
            });
            out.push(Finding {
                code: code.clone(),
                name: name.clone(),
                level: byte_level(p.level),
                fixed_level: p.fixed_level.map(byte_level),
                uncompared: p.uncompared,
                file: FileId(p.file),
                span: Span {
                    start: p.span.0,
                    end: p.span.1,
                },
                unit: unit.clone(),
                target: p.target.map(|(k, id)| Target::new(byte_kind(k), id)),
                message: p.message.into_text(),
                primary: p.primary.map(|t| Box::new(t.into_text())),
                help,
                labels: p
                    .labels
                    .into_iter()
                    .map(|l| Label {
                        file: FileId(l.file),
                        span: Span {
                            start: l.span.0,
                            end: l.span.1,
                        },
                        message: Arc::new(l.message.into_text()),
                    })
                    .collect(),
                cite: cite.clone(),
            });
        }
        Ok(out)
    }
}

/// A rule as findings name it: code, name and citation.
type RuleKey = (Arc<str>, Arc<str>, Arc<Text>);

/// One copy of each rule's code, name and citation and of each unit id, by number.
#[derive(Default)]
struct Dict {
    rules: Vec<RuleKey>,
    rule_ids: HashMap<RuleKey, u32>,
    units: Vec<Arc<str>>,
    unit_ids: HashMap<Arc<str>, u32>,
}

impl Dict {
    fn rule(&mut self, f: &Finding) -> u32 {
        let key = (f.code.clone(), f.name.clone(), f.cite.clone());
        if let Some(&id) = self.rule_ids.get(&key) {
            return id;
        }
        let id = self.rules.len() as u32;
        self.rules.push(key.clone());
        self.rule_ids.insert(key, id);
        id
    }

    fn unit(&mut self, unit: &Arc<str>) -> u32 {
        if let Some(&id) = self.unit_ids.get(unit) {
            return id;
        }
        let id = self.units.len() as u32;
        self.units.push(unit.clone());
        self.unit_ids.insert(unit.clone(), id);
        id
    }
}

/// A finding as packed: its rule and unit by number, its texts as they are.
#[derive(Serialize, Deserialize)]
struct Packed<'a> {
    rule: u32,
    unit: u32,
    level: u8,
    fixed_level: Option<u8>,
    uncompared: bool,
    file: u32,
    span: (usize, usize),
    #[serde(borrow)]
    target: Option<(u8, Cow<'a, str>)>,
    #[serde(borrow)]
    message: PackedText<'a>,
    #[serde(borrow)]
    primary: Option<PackedText<'a>>,
    #[serde(borrow)]
    help: Option<PackedText<'a>>,
    #[serde(borrow)]
    labels: Vec<PackedLabel<'a>>,
}

#[derive(Serialize, Deserialize)]
struct PackedText<'a> {
    #[serde(borrow)]
    en: Cow<'a, str>,
    #[serde(borrow)]
    zh: Cow<'a, str>,
}

impl<'a> PackedText<'a> {
    fn of(t: &'a Text) -> Self {
        PackedText {
            en: Cow::Borrowed(&t.en),
            zh: Cow::Borrowed(&t.zh),
        }
    }

    fn into_text(self) -> Text {
        Text::new(self.en.into_owned(), self.zh.into_owned())
    }
}

#[derive(Serialize, Deserialize)]
struct PackedLabel<'a> {
    file: u32,
    span: (usize, usize),
    #[serde(borrow)]
    message: PackedText<'a>,
}

const LEVELS: [Level; 4] = [Level::Error, Level::Warning, Level::Info, Level::Off];
const KINDS: [TargetKind; 5] = [
    TargetKind::Unit,
    TargetKind::Body,
    TargetKind::Person,
    TargetKind::Power,
    TargetKind::Exception,
];

fn level_byte(l: Level) -> u8 {
    LEVELS.iter().position(|&x| x == l).unwrap_or(0) as u8
}

fn byte_level(b: u8) -> Level {
    LEVELS.get(b as usize).copied().unwrap_or(Level::Error)
}

fn kind_byte(k: TargetKind) -> u8 {
    KINDS.iter().position(|&x| x == k).unwrap_or(0) as u8
}

fn byte_kind(b: u8) -> TargetKind {
    KINDS.get(b as usize).copied().unwrap_or(TargetKind::Unit)
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::source::FileId;

    fn finding(n: usize) -> Finding {
        let mut f = Finding::new(
            FileId(n as u32 % 3),
            Span {
                start: n,
                end: n + 4,
            },
            Text::new(format!("message {n}"), format!("消息{n}")),
        )
        .target(Target::person(format!("p{n}")))
        .help(Text::new("help", "建议"))
        .label(
            FileId(1),
            Span { start: 0, end: 1 },
            Text::new("label", "标签"),
        );
        f.code = Arc::from(if n.is_multiple_of(2) {
            "BZ101"
        } else {
            "BZ308"
        });
        f.name = Arc::from("over-quota");
        f.unit = Arc::from(format!("u{}", n % 5).as_str());
        f.cite = Arc::new(Text::new("Decree 486", "国务院令第486号"));
        f.level = LEVELS[n % 3];
        if n.is_multiple_of(4) {
            f.fixed_level = Some(Level::Info);
            f.primary = Some(Box::new(Text::new("here", "此处")));
        }
        f
    }

    /// What goes in comes out, equal in every field, in order, whether the spill is a file or
    /// memory.
    #[test]
    fn findings_come_back_as_they_went_in() {
        let spill = Spill::new();
        let first: Vec<Finding> = (0..50).map(finding).collect();
        let second: Vec<Finding> = (50..120).map(finding).collect();
        let a = spill.put(first.clone());
        let b = spill.put(second.clone());
        assert!(matches!(a, Part::Packed { .. }));
        assert_eq!(spill.take(&b).unwrap(), second);
        assert_eq!(spill.take(&a).unwrap(), first);

        let memory = Spill {
            store: Mutex::new(Scratch::in_memory()),
            dict: Mutex::default(),
        };
        let part = memory.put(first.clone());
        assert_eq!(memory.take(&part).unwrap(), first);
    }

    #[test]
    fn spilled_findings_iterate_in_order_with_their_counts() {
        let spill = Spill::new();
        let all: Vec<Finding> = (0..30).map(finding).collect();
        let parts = vec![
            spill.put(all[..10].to_vec()),
            Part::Held(all[10..12].to_vec()),
            spill.put(all[12..].to_vec()),
        ];
        let mut counts = [0; 3];
        for f in &all {
            counts[level_byte(f.level) as usize] += 1;
        }
        let findings = spill.finish(parts, counts);
        assert_eq!(findings.len(), 30);
        assert_eq!(findings.count(Level::Warning), 10);
        let back: Vec<Finding> = findings.iter().map(Cow::into_owned).collect();
        assert_eq!(back, all);
        assert_eq!(&*findings.held(), &all[..]);
        assert_eq!(findings.read_failure(), None);
    }

    /// Bytes that are not packed findings are an error, never a panic or a wrong finding.
    #[test]
    fn damaged_bytes_are_an_error() {
        let spill = Spill::new();
        let part = spill.put((0..5).map(finding).collect());
        let Part::Packed { offset, len } = part else {
            panic!("not packed");
        };
        for cut in [1, len / 2, len - 1] {
            let short = Part::Packed { offset, len: cut };
            assert!(spill.take(&short).is_err());
        }
        let findings = spill.finish(
            vec![Part::Packed {
                offset,
                len: len + 100,
            }],
            [5, 0, 0],
        );
        assert_eq!(findings.iter().count(), 0);
        assert!(findings.read_failure().is_some());
    }
}
