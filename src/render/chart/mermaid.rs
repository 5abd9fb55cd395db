//! The chart as a Mermaid flowchart, for Markdown that GitHub and GitLab render.

use std::fmt::Write;

use crate::analysis::chart::{Chart, Group, Node};
use crate::base::diag::Level;
use crate::render::chart::{level_color, GroupStyle};

/// Text inside a Mermaid `["…"]` label: quotes and angle brackets as entities; lines joined with
/// `<br/>`.
fn text(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '#' => out.push_str("#35;"),
            // `%%{init: …}%%` is a directive wherever Mermaid finds it, inside a label too.
            '%' => out.push_str("#37;"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn label(lines: &[&str]) -> String {
    let lines: Vec<String> = lines
        .iter()
        .filter(|l| !l.is_empty())
        .map(|l| text(l))
        .collect();
    format!("[\"{}\"]", lines.join("<br/>"))
}

pub fn render(chart: &Chart) -> String {
    let lang = chart.lang;
    let mut out = String::new();
    let u = &chart.unit;
    // Node ids are positions, not body ids: body ids may hold `-`, which Mermaid reads as an edge.
    let _ = writeln!(out, "flowchart TB");
    let codes = u.marks.line(lang);
    let _ = writeln!(
        out,
        "  unit{}",
        label(&[&u.name, &u.kind_line(lang), &u.meta_line(lang), &codes])
    );
    let mut n_id = 0usize;
    let mut edges = Vec::new();
    let mut classes: Vec<(String, Vec<String>)> = Vec::new();
    let mut add_class =
        |class: String, id: String| match classes.iter_mut().find(|(c, _)| *c == class) {
            Some((_, ids)) => ids.push(id),
            None => classes.push((class, vec![id])),
        };
    if let Some(l) = u.marks.level {
        add_class(format!("level_{}", l.as_str()), "unit".to_string());
    }
    for (g, roots) in &chart.groups {
        let _ = writeln!(
            out,
            "  subgraph {}[\"{}\"]",
            g.class().replace('-', "_"),
            text(g.title(lang))
        );
        let mut stack: Vec<(usize, String)> = Vec::new();
        for (depth, n) in roots.iter().flat_map(Node::walk) {
            let id = format!("b{n_id}");
            n_id += 1;
            let codes = n.marks.line(lang);
            let _ = writeln!(
                out,
                "    {id}{}",
                label(&[&n.name, &n.meta_line(lang), &codes])
            );
            stack.truncate(depth);
            let parent = stack
                .last()
                .map_or_else(|| "unit".to_string(), |(_, p)| p.clone());
            edges.push(format!("  {parent} --- {id}"));
            stack.push((depth, id.clone()));
            add_class(n.group.class().replace('-', "_"), id.clone());
            if let Some(l) = n.marks.level {
                add_class(format!("level_{}", l.as_str()), id);
            }
        }
        let _ = writeln!(out, "  end");
    }
    for e in edges {
        let _ = writeln!(out, "{e}");
    }
    let towns = chart.groups.iter().any(|(g, _)| *g == Group::Town);
    for g in Group::ALL.into_iter().chain(towns.then_some(Group::Town)) {
        let dash = if g == Group::Dispatched {
            ",stroke-dasharray:5 4"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "  classDef {} fill:{},stroke:{}{dash}",
            g.class().replace('-', "_"),
            g.fill(),
            g.stroke()
        );
    }
    for l in [Level::Error, Level::Warning, Level::Info] {
        let _ = writeln!(
            out,
            "  classDef level_{} stroke:{},stroke-width:3px",
            l.as_str(),
            level_color(l)
        );
    }
    let _ = writeln!(out, "  style unit fill:#37474f,color:#ffffff");
    for (class, ids) in classes {
        let _ = writeln!(out, "  class {} {class}", ids.join(","));
    }
    out
}
