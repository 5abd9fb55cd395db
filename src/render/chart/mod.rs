//! Org charts drawn: one file per format draws the tree that [`Chart::build`] makes.

pub mod dot;
pub mod mermaid;
pub mod svg;

use crate::analysis::chart::{Chart, Group};
use crate::base::diag::Level;
use crate::base::i18n::{words, Lang};
use crate::render::Emitter;

/// How a column of bodies ([`Group`]) is drawn in every format: its heading, its CSS class (the
/// DOT and Mermaid style name too) and its colours.
pub trait GroupStyle {
    fn title(self, lang: Lang) -> &'static str;
    fn class(self) -> &'static str;
    /// Fill of a body's box.
    fn fill(self) -> &'static str;
    /// Border of a body's box without findings, and fill of the column heading.
    fn stroke(self) -> &'static str;
}

impl GroupStyle for Group {
    fn title(self, lang: Lang) -> &'static str {
        use words::chart as w;
        match self {
            Group::Front => w::front_offices(lang),
            Group::Back => w::back_offices(lang),
            Group::Institution => w::institutions(lang),
            Group::PartyMass => w::party_mass(lang),
            Group::Coordination => w::coordination(lang),
            Group::Dispatched => w::dispatched_bodies(lang),
            Group::Town => w::towns(lang),
        }
    }

    fn class(self) -> &'static str {
        match self {
            Group::Front => "front",
            Group::Back => "back",
            Group::Institution => "institution",
            Group::PartyMass => "party-mass",
            Group::Coordination => "coordination",
            Group::Dispatched => "dispatched",
            Group::Town => "town",
        }
    }

    fn fill(self) -> &'static str {
        match self {
            Group::Front => "#e0f2f1",
            Group::Back => "#e3eefa",
            Group::Institution => "#f1ebf8",
            Group::PartyMass => "#f5efeb",
            Group::Coordination => "#eceff1",
            Group::Dispatched => "#ffffff",
            Group::Town => "#fff8e1",
        }
    }

    fn stroke(self) -> &'static str {
        match self {
            Group::Front => "#00796b",
            Group::Back => "#1e63b5",
            Group::Institution => "#7b5ea7",
            Group::PartyMass => "#8d6e63",
            Group::Coordination => "#78909c",
            Group::Dispatched => "#546e7a",
            Group::Town => "#a1740f",
        }
    }
}

/// The output formats of `bianzhi chart`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Svg,
    Dot,
    Mermaid,
}

/// Renders a chart in one format.
pub fn render(chart: &Chart, format: Format) -> String {
    format.emit(chart)
}

impl Emitter<&Chart> for Format {
    fn emit(&self, chart: &Chart) -> String {
        match self {
            Format::Svg => svg::render(chart),
            Format::Dot => dot::render(chart),
            Format::Mermaid => mermaid::render(chart),
        }
    }
}

/// The colour of a finding level (borders and codes).
pub fn level_color(level: Level) -> &'static str {
    match level {
        Level::Error => "#d32f2f",
        Level::Warning => "#ef6c00",
        Level::Info | Level::Off => "#0277bd",
    }
}

/// Estimated width of `s` in pixels at font size `px`: CJK and full-width characters take a whole
/// em, Latin letters and digits a little over half of one. Generous on purpose: a box a little too
/// wide looks fine, cut-off Chinese text does not.
pub fn text_width(s: &str, px: f64) -> f64 {
    s.chars()
        .map(|c| match c {
            ' ' => 0.3,
            'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '!' | '|' | '\'' => 0.3,
            'm' | 'w' | 'M' | 'W' => 0.9,
            'A'..='Z' => 0.7,
            '0'..='9' | 'a'..='z' => 0.6,
            c if c.is_ascii() => 0.6,
            '·' => 0.6,
            c if (c as u32) < 0x1100 => 0.7,
            _ => 1.0,
        })
        .sum::<f64>()
        * px
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::i18n::Lang;
    use crate::base::source::{FileId, SourceFile};
    use crate::load::{load_org, Loaded};
    use crate::model::OrgFile;

    fn org(toml: &str) -> OrgFile {
        let src = SourceFile::new("t.toml", toml);
        match load_org(FileId(0), &src, true) {
            Loaded::Org(o) => *o,
            _ => panic!("not an org file"),
        }
    }

    #[test]
    fn parent_cycles_and_dangling_parents_are_drawn_once() {
        let o = org(r#"
[unit]
id = "t"
name = "某镇"
kind = "town"
as_of = 2018-01-01

[[body]]
id = "a"
name = "甲"
kind = "functional"
parent = "b"

[[body]]
id = "b"
name = "乙"
kind = "functional"
parent = "a"

[[body]]
id = "c"
name = "丙"
kind = "institution"
parent = "nowhere"

[[body]]
id = "d"
name = "丁"
kind = "institution"
parent = "d"
"#);
        let chart = Chart::build(&o, &[], Lang::Zh, crate::rules::short_name);
        let mut ids: Vec<&str> = chart.nodes().iter().map(|(_, n)| n.id.as_str()).collect();
        ids.sort();
        assert_eq!(ids, ["a", "b", "c", "d"]);
        for f in [Format::Svg, Format::Dot, Format::Mermaid] {
            assert!(render(&chart, f).contains("丙"));
        }
    }

    #[test]
    fn cjk_is_wider_than_latin() {
        assert_eq!(text_width("党政办公室", 10.0), 50.0);
        assert!(text_width("abcde", 10.0) < 35.0);
        assert!(text_width("（一）", 10.0) >= 30.0);
    }
}
