//! The chart as Graphviz DOT, for people who lay it out with `dot` or paste it into other tools.

use std::fmt::Write;

use crate::analysis::chart::{Chart, Marks, Node};
use crate::render::chart::{level_color, svg::FONT_FAMILY, GroupStyle};

/// A DOT string literal: backslashes and quotes escaped, line breaks as `\n`.
fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn label(lines: &[&str]) -> String {
    quote(
        &lines
            .iter()
            .filter(|l| !l.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

fn finding_attrs(m: &Marks) -> String {
    match m.level {
        Some(l) => format!(
            ", color={}, penwidth=3, tooltip={}",
            quote(level_color(l)),
            quote(&m.notes.join("\n"))
        ),
        None => String::new(),
    }
}

pub fn render(chart: &Chart) -> String {
    let lang = chart.lang;
    let mut out = String::new();
    let u = &chart.unit;
    let _ = writeln!(out, "digraph {} {{", quote(&u.id));
    let _ = writeln!(out, "  rankdir=TB;");
    let _ = writeln!(
        out,
        "  node [shape=box, style=\"rounded,filled\", fontname={}];",
        quote(FONT_FAMILY)
    );
    let _ = writeln!(out, "  edge [arrowhead=none, color=\"#90a4ae\"];");
    let codes = u.marks.line(lang);
    let _ = writeln!(
        out,
        "  {} [label={}, fillcolor=\"#37474f\", fontcolor=\"#ffffff\"{}];",
        quote(&format!("unit:{}", u.id)),
        label(&[&u.name, &u.kind_line(lang), &u.meta_line(lang), &codes]),
        finding_attrs(&u.marks)
    );
    for (g, roots) in &chart.groups {
        let _ = writeln!(
            out,
            "  subgraph {} {{",
            quote(&format!("cluster_{}", g.class()))
        );
        let _ = writeln!(out, "    label={};", quote(g.title(lang)));
        let _ = writeln!(out, "    color={};", quote(g.stroke()));
        for (_, n) in roots.iter().flat_map(Node::walk) {
            node(&mut out, n, lang);
        }
        let _ = writeln!(out, "  }}");
    }
    for (_, roots) in &chart.groups {
        for r in roots {
            let _ = writeln!(
                out,
                "  {} -> {};",
                quote(&format!("unit:{}", u.id)),
                quote(&format!("body:{}", r.id))
            );
            for (_, n) in r.walk() {
                for c in &n.children {
                    let _ = writeln!(
                        out,
                        "  {} -> {};",
                        quote(&format!("body:{}", n.id)),
                        quote(&format!("body:{}", c.id))
                    );
                }
            }
        }
    }
    let _ = writeln!(out, "}}");
    out
}

fn node(out: &mut String, n: &Node, lang: crate::base::i18n::Lang) {
    let style = if n.dispatched() {
        "rounded,filled,dashed"
    } else {
        "rounded,filled"
    };
    let codes = n.marks.line(lang);
    let border = if n.marks.level.is_some() {
        String::new()
    } else {
        format!(", color={}", quote(n.group.stroke()))
    };
    let _ = writeln!(
        out,
        "    {} [label={}, style={}, fillcolor={}{border}{}];",
        quote(&format!("body:{}", n.id)),
        label(&[&n.name, &n.meta_line(lang), &codes]),
        quote(style),
        quote(n.group.fill()),
        finding_attrs(&n.marks)
    );
}
