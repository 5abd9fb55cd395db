//! The chart as SVG, laid out here in a few lines rather than by a general graph layout.
//!
//! An org chart is a shallow tree with many siblings. A general layered layout (`layout-rs`) puts
//! the twenty bodies of a town in one very wide row, and it estimates label widths as characters ×
//! font size, which is wrong for mixed Chinese and Latin text. The layout here is the one
//! establishment offices draw by hand: the unit on top, a bus line to one column per kind of body
//! (front offices, back offices, institutions, …), the bodies of a column stacked under its heading
//! with sub-bodies indented under their parent, and a legend at the bottom. Column widths come from
//! [`text_width`], which counts a Chinese character as a whole em. Coordinates are whole pixels, so
//! the output is the same on every machine.

use std::fmt::Write;

use crate::analysis::chart::{
    level_name, Change, ChangeChart, ChangeItem, Chart, Group, Marks, Node,
};
use crate::base::diag::Level;
use crate::base::i18n::{doc, msg, Lang};
use crate::render::chart::{level_color, text_width, GroupStyle};

/// Fonts that have Chinese glyphs on Linux, macOS and Windows, then the browser's default.
pub const FONT_FAMILY: &str =
    "'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC',sans-serif";

const MARGIN: i32 = 24;
const PAD: i32 = 12;
const NAME_PX: f64 = 14.0;
const META_PX: f64 = 12.0;
const UNIT_NAME_PX: f64 = 20.0;
const BOX_H: i32 = 50;
const CODES_H: i32 = 16;
const MIN_BOX_W: i32 = 120;
const HEADER_H: i32 = 32;
const COL_GAP: i32 = 28;
const ROW_GAP: i32 = 10;
/// Where a column's spine runs, from its left edge; boxes start at `INDENT`.
const SPINE: i32 = 10;
const INDENT: i32 = 22;
/// Extra indent per level of sub-body.
const STEP: i32 = 22;
const BUS_GAP: i32 = 22;

/// XML-escapes text and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 forbids: shown as their symbols (safe_text::xml).
            c if !crate::base::safe_text::is_xml_char(c) => {
                out.push_str(&crate::base::safe_text::xml(&c.to_string()))
            }
            c => out.push(c),
        }
    }
    out
}

fn w(s: &str, px: f64, bold: bool) -> i32 {
    let f = if bold { 1.06 } else { 1.0 };
    (text_width(s, px) * f).ceil() as i32
}

/// The rules found in a box, by their short names.
fn codes_line(m: &Marks, lang: Lang) -> String {
    m.line(lang)
}

fn box_height(n: &Node) -> i32 {
    if n.marks.codes.is_empty() {
        BOX_H
    } else {
        BOX_H + CODES_H
    }
}

fn box_width(n: &Node, lang: Lang) -> i32 {
    let content = w(&n.name, NAME_PX, true)
        .max(w(&n.meta_line(lang), META_PX, false))
        .max(w(&codes_line(&n.marks, lang), META_PX, true));
    (content + 2 * PAD).max(MIN_BOX_W)
}

fn indent(depth: usize) -> i32 {
    INDENT + STEP * depth as i32
}

/// One column: its heading and its bodies, depth first.
struct Column<'a> {
    group: Group,
    count: usize,
    nodes: Vec<(usize, &'a Node)>,
    width: i32,
}

fn header_text(group: Group, count: usize, lang: Lang) -> String {
    msg::chart_column(group.title(lang), count)
        .get(lang)
        .to_string()
}

/// The legend entries: (fill, stroke, dashed, stroke width, label).
fn legend_items(chart: &Chart) -> Vec<(&'static str, &'static str, bool, i32, String)> {
    let lang = chart.lang;
    let towns = chart.groups.iter().any(|(g, _)| *g == Group::Town);
    let mut items: Vec<_> = Group::ALL
        .iter()
        .chain(towns.then_some(&Group::Town))
        .map(|g| {
            (
                g.fill(),
                g.stroke(),
                *g == Group::Dispatched,
                1,
                g.title(lang).to_string(),
            )
        })
        .collect();
    for level in [Level::Error, Level::Warning, Level::Info] {
        let label = msg::chart_level_found(level_name(level, lang))
            .get(lang)
            .to_string();
        items.push(("#ffffff", level_color(level), false, 3, label));
    }
    items
}

const SWATCH_W: i32 = 22;
const SWATCH_GAP: i32 = 6;
const ITEM_GAP: i32 = 18;
const LEGEND_ROW: i32 = 22;

/// One entry of a legend: a swatch drawn as `(fill, stroke, stroke width, dash attribute)`, and
/// its label, with the text's baseline at `y`.
fn legend_item(
    body: &mut String,
    (x, y): (i32, i32),
    (fill, stroke, sw, dash): (&str, &str, impl std::fmt::Display, &str),
    label: &str,
) {
    let _ = writeln!(
        body,
        "<rect x=\"{x}\" y=\"{}\" width=\"{SWATCH_W}\" height=\"14\" rx=\"3\" fill=\"{fill}\" \
         stroke=\"{stroke}\" stroke-width=\"{sw}\"{dash}/>",
        y - 11
    );
    let _ = writeln!(
        body,
        "<text x=\"{}\" y=\"{y}\" font-size=\"{META_PX}\" fill=\"#37474f\">{}</text>",
        x + SWATCH_W + SWATCH_GAP,
        esc(label)
    );
}

fn legend_item_width(label: &str) -> i32 {
    SWATCH_W + SWATCH_GAP + w(label, META_PX, false)
}

/// Renders the chart as a standalone SVG document (also fit to inline into HTML).
pub fn render(chart: &Chart) -> String {
    let lang = chart.lang;
    let columns: Vec<Column<'_>> = chart
        .groups
        .iter()
        .map(|(g, roots)| {
            let nodes: Vec<(usize, &Node)> = roots.iter().flat_map(Node::walk).collect();
            let header = w(&header_text(*g, roots.len(), lang), NAME_PX, true) + 2 * PAD;
            let width = nodes
                .iter()
                .map(|(d, n)| indent(*d) + box_width(n, lang))
                .fold(header, i32::max);
            Column {
                group: *g,
                count: roots.len(),
                nodes,
                width,
            }
        })
        .collect();

    let unit = &chart.unit;
    let unit_lines = [
        unit.kind_line(lang),
        unit.meta_line(lang),
        codes_line(&unit.marks, lang),
    ];
    let unit_w = w(&unit.name, UNIT_NAME_PX, true)
        .max(w(&unit_lines[0], META_PX, false))
        .max(w(&unit_lines[1], META_PX, false))
        .max(w(&unit_lines[2], META_PX, true))
        + 2 * PAD
        + 8;
    let unit_w = unit_w.max(200);
    let unit_h = if unit.marks.codes.is_empty() { 78 } else { 94 };

    let cols_w: i32 =
        columns.iter().map(|c| c.width).sum::<i32>() + COL_GAP * (columns.len() as i32 - 1).max(0);
    let legend = legend_items(chart);
    let legend_one_row: i32 = legend
        .iter()
        .map(|(_, _, _, _, l)| legend_item_width(l) + ITEM_GAP)
        .sum::<i32>()
        - ITEM_GAP;
    // The legend wraps to the width of the chart, but the chart is never narrower than 480 px.
    let inner = cols_w.max(unit_w).max(480.min(legend_one_row));
    let width = inner + 2 * MARGIN;

    let mut body = String::new();

    // The unit.
    let unit_x = MARGIN + (inner - unit_w) / 2;
    let unit_y = MARGIN;
    let cx = unit_x + unit_w / 2;
    {
        let stroke = unit.marks.level.map_or("#263238", level_color);
        let sw = if unit.marks.level.is_some() { 3 } else { 1 };
        let _ = writeln!(body, "<g class=\"unit\">");
        write_title(&mut body, &unit.name, &unit.marks);
        let _ = writeln!(
            body,
            "<rect x=\"{unit_x}\" y=\"{unit_y}\" width=\"{unit_w}\" height=\"{unit_h}\" rx=\"6\" \
             fill=\"#37474f\" stroke=\"{stroke}\" stroke-width=\"{sw}\"/>"
        );
        let _ = writeln!(
            body,
            "<text x=\"{cx}\" y=\"{}\" font-size=\"{UNIT_NAME_PX}\" font-weight=\"bold\" \
             fill=\"#ffffff\" text-anchor=\"middle\">{}</text>",
            unit_y + 30,
            esc(&unit.name)
        );
        for (i, line) in unit_lines[..2].iter().enumerate() {
            let _ = writeln!(
                body,
                "<text x=\"{cx}\" y=\"{}\" font-size=\"{META_PX}\" fill=\"#eceff1\" \
                 text-anchor=\"middle\">{}</text>",
                unit_y + 50 + 18 * i as i32,
                esc(line)
            );
        }
        if let Some(level) = unit.marks.level {
            let _ = writeln!(
                body,
                "<text x=\"{cx}\" y=\"{}\" font-size=\"{META_PX}\" font-weight=\"bold\" \
                 fill=\"{}\" text-anchor=\"middle\">{}</text>",
                unit_y + 86,
                level_on_dark(level),
                esc(&unit_lines[2])
            );
        }
        let _ = writeln!(body, "</g>");
    }

    // The bus from the unit to the column headings.
    let mut bottom = unit_y + unit_h;
    if !columns.is_empty() {
        let bus_y = unit_y + unit_h + BUS_GAP;
        let head_y = bus_y + BUS_GAP;
        let mut x = MARGIN + (inner - cols_w) / 2;
        let mut centers = Vec::new();
        let mut col_x = Vec::new();
        for c in &columns {
            centers.push(x + c.width / 2);
            col_x.push(x);
            x += c.width + COL_GAP;
        }
        let _ = writeln!(
            body,
            "<g class=\"edges\" stroke=\"#90a4ae\" stroke-width=\"1.5\" fill=\"none\">"
        );
        let _ = writeln!(body, "<path d=\"M{cx} {} V{bus_y}\"/>", unit_y + unit_h);
        let (first, last) = (centers[0].min(cx), centers[centers.len() - 1].max(cx));
        let _ = writeln!(body, "<path d=\"M{first} {bus_y} H{last}\"/>");
        for c in &centers {
            let _ = writeln!(body, "<path d=\"M{c} {bus_y} V{head_y}\"/>");
        }
        let _ = writeln!(body, "</g>");

        for (c, x0) in columns.iter().zip(col_x) {
            let y = draw_column(&mut body, c, x0, head_y, lang);
            bottom = bottom.max(y);
        }
    }

    // The legend.
    let legend_y = bottom + 28;
    let mut x = MARGIN;
    let mut y = legend_y;
    let _ = writeln!(body, "<g class=\"legend\">");
    for (fill, stroke, dashed, sw, label) in &legend {
        let iw = legend_item_width(label);
        if x > MARGIN && x + iw > MARGIN + inner {
            x = MARGIN;
            y += LEGEND_ROW;
        }
        let dash = if *dashed {
            " stroke-dasharray=\"4 3\""
        } else {
            ""
        };
        legend_item(&mut body, (x, y), (fill, stroke, sw, dash), label);
        x += iw + ITEM_GAP;
    }
    let _ = writeln!(body, "</g>");
    let height = y + 8 + MARGIN;

    let title = msg::chart_title(&unit.name, &unit.as_of)
        .get(lang)
        .to_string();
    svg_document("bianzhi-chart", width, height, &title, &body)
}

/// The `<svg>` element around a drawing: its size, fonts, accessible title and white ground.
fn svg_document(class: &str, width: i32, height: i32, title: &str, body: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"{class}\" width=\"{width}\" \
         height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"{FONT_FAMILY}\" \
         role=\"img\" aria-label=\"{}\">",
        esc(title)
    );
    let _ = writeln!(out, "<title>{}</title>", esc(title));
    let _ = writeln!(
        out,
        "<rect x=\"0\" y=\"0\" width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>"
    );
    out.push_str(body);
    out.push_str("</svg>\n");
    out
}

/// The level colours, lightened to read on the unit's dark fill.
fn level_on_dark(level: Level) -> &'static str {
    match level {
        Level::Error => "#ff8a80",
        Level::Warning => "#ffd180",
        Level::Info | Level::Off => "#80d8ff",
    }
}

fn write_title(out: &mut String, name: &str, marks: &Marks) {
    let mut t = name.to_string();
    for n in &marks.notes {
        t.push('\n');
        t.push_str(n);
    }
    let _ = writeln!(out, "<title>{}</title>", esc(&t));
}

/// Draws one column from `top` down and returns its bottom.
fn draw_column(out: &mut String, c: &Column<'_>, x0: i32, top: i32, lang: Lang) -> i32 {
    let g = c.group;
    let _ = writeln!(out, "<g class=\"column {}\">", g.class());
    let _ = writeln!(
        out,
        "<rect x=\"{x0}\" y=\"{top}\" width=\"{}\" height=\"{HEADER_H}\" rx=\"4\" fill=\"{}\"/>",
        c.width,
        g.stroke()
    );
    let _ = writeln!(
        out,
        "<text x=\"{}\" y=\"{}\" font-size=\"{NAME_PX}\" font-weight=\"bold\" fill=\"#ffffff\" \
         text-anchor=\"middle\">{}</text>",
        x0 + c.width / 2,
        top + 21,
        esc(&header_text(g, c.count, lang))
    );

    // Place the boxes, then draw the spines: for each node, from the bottom of its parent (or the
    // heading) down to the middle of its last child, with a tick to every child.
    let mut y = top + HEADER_H + 14;
    let mut places: Vec<(i32, i32, i32, i32)> = Vec::new(); // x, y, w, h
    for (d, n) in &c.nodes {
        let x = x0 + indent(*d);
        let h = box_height(n);
        places.push((x, y, c.width - indent(*d), h));
        y += h + ROW_GAP;
    }
    let bottom = y - ROW_GAP;

    let _ = writeln!(
        out,
        "<g class=\"edges\" stroke=\"#90a4ae\" stroke-width=\"1.5\" fill=\"none\">"
    );
    // Spine of the heading: its top-level bodies.
    let tops: Vec<usize> = (0..c.nodes.len()).filter(|&i| c.nodes[i].0 == 0).collect();
    spine(out, x0 + SPINE, top + HEADER_H, &tops, &places);
    for (i, (d, _)) in c.nodes.iter().enumerate() {
        let kids: Vec<usize> = (i + 1..c.nodes.len())
            .take_while(|&j| c.nodes[j].0 > *d)
            .filter(|&j| c.nodes[j].0 == d + 1)
            .collect();
        if !kids.is_empty() {
            let (px, py, _, ph) = places[i];
            spine(out, px + SPINE, py + ph, &kids, &places);
        }
    }
    let _ = writeln!(out, "</g>");

    for ((_, n), (x, y, bw, bh)) in c.nodes.iter().zip(&places) {
        draw_box(out, n, *x, *y, *bw, *bh, lang);
    }
    let _ = writeln!(out, "</g>");
    bottom
}

fn spine(out: &mut String, x: i32, from: i32, kids: &[usize], places: &[(i32, i32, i32, i32)]) {
    let Some(&last) = kids.last() else { return };
    let (_, ly, _, lh) = places[last];
    let _ = writeln!(out, "<path d=\"M{x} {from} V{}\"/>", ly + lh / 2);
    for &k in kids {
        let (kx, ky, _, kh) = places[k];
        let _ = writeln!(out, "<path d=\"M{x} {} H{kx}\"/>", ky + kh / 2);
    }
}

fn draw_box(out: &mut String, n: &Node, x: i32, y: i32, bw: i32, bh: i32, lang: Lang) {
    let mut class = format!("body {}", n.group.class());
    if let Some(l) = n.marks.level {
        class.push_str(&format!(" level-{}", l.as_str()));
    }
    let _ = writeln!(out, "<g class=\"{class}\">");
    write_title(out, &format!("{} ({})", n.name, n.id), &n.marks);
    let (stroke, sw) = match n.marks.level {
        Some(l) => (level_color(l), 3),
        None => (n.group.stroke(), 1),
    };
    let dash = if n.dispatched() {
        " stroke-dasharray=\"6 4\""
    } else {
        ""
    };
    let _ = writeln!(
        out,
        "<rect x=\"{x}\" y=\"{y}\" width=\"{bw}\" height=\"{bh}\" rx=\"5\" fill=\"{}\" \
         stroke=\"{stroke}\" stroke-width=\"{sw}\"{dash}/>",
        n.group.fill()
    );
    let cx = x + bw / 2;
    let _ = writeln!(
        out,
        "<text x=\"{cx}\" y=\"{}\" font-size=\"{NAME_PX}\" font-weight=\"bold\" fill=\"#1a1a1a\" \
         text-anchor=\"middle\">{}</text>",
        y + 21,
        esc(&n.name)
    );
    let _ = writeln!(
        out,
        "<text x=\"{cx}\" y=\"{}\" font-size=\"{META_PX}\" fill=\"#455a64\" \
         text-anchor=\"middle\">{}</text>",
        y + 39,
        esc(&n.meta_line(lang))
    );
    if let Some(l) = n.marks.level {
        let _ = writeln!(
            out,
            "<text x=\"{cx}\" y=\"{}\" font-size=\"{META_PX}\" font-weight=\"bold\" fill=\"{}\" \
             text-anchor=\"middle\">{}</text>",
            y + 55,
            level_color(l),
            esc(&codes_line(&n.marks, lang))
        );
    }
    let _ = writeln!(out, "</g>");
}

const CHANGE_BOX_H: i32 = 30;
const CHANGE_ROW: i32 = CHANGE_BOX_H + 8;
const CHANGE_GAP: i32 = 150;
const MERGE_COLOR: &str = "#1e63b5";
const NEW_COLOR: &str = "#2e7d32";
const ABOLISHED_COLOR: &str = "#d32f2f";

fn change_word(change: Change, lang: Lang) -> &'static str {
    let t = doc::words(lang);
    match change {
        Change::Continued => "",
        Change::Merged => t.merged,
        Change::New => t.new,
        Change::Abolished => t.abolished,
    }
}

fn change_box_width(items: &[ChangeItem], lang: Lang) -> i32 {
    items
        .iter()
        .map(|i| {
            let tag = change_word(i.change, lang);
            w(&i.name, NAME_PX, false) + w(tag, META_PX, false) + 2 * PAD + 12
        })
        .fold(180, i32::max)
}

/// A plan's before/after chart ([`ChangeChart`]) as a standalone SVG document: the baseline's
/// bodies on the left, the plan's on the right, a line from each baseline body to where it goes.
/// Merges are drawn in blue, new bodies in green, abolished ones dashed in red.
pub fn render_changes(c: &ChangeChart, lang: Lang) -> String {
    let t = doc::words(lang);
    let lw = change_box_width(&c.before, lang);
    let rw = change_box_width(&c.after, lang);
    let left_x = MARGIN;
    let right_x = MARGIN + lw + CHANGE_GAP;
    let width = right_x + rw + MARGIN;
    let top = MARGIN + 30;
    let row_y = |i: usize| top + CHANGE_ROW * i as i32;
    let mut body = String::new();

    for (x, cw, head) in [
        (left_x, lw, doc::with_detail(t.before, &c.base_as_of)),
        (right_x, rw, doc::with_detail(t.after, &c.new_as_of)),
    ] {
        let head = head.get(lang);
        let _ = writeln!(
            body,
            "<text x=\"{}\" y=\"{}\" font-size=\"{NAME_PX}\" font-weight=\"bold\" fill=\"#263238\" \
             text-anchor=\"middle\">{}</text>",
            x + cw / 2,
            MARGIN + 14,
            esc(head)
        );
    }

    let _ = writeln!(body, "<g class=\"links\" fill=\"none\">");
    for &(i, j) in &c.links {
        let (y1, y2) = (
            row_y(c.before_rows[i]) + CHANGE_BOX_H / 2,
            row_y(c.after_rows[j]) + CHANGE_BOX_H / 2,
        );
        let (x1, x2) = (left_x + lw, right_x);
        let merged = c.before[i].change == Change::Merged;
        let (stroke, sw) = if merged {
            (MERGE_COLOR, "2.5")
        } else {
            ("#90a4ae", "1.5")
        };
        let mid = (x1 + x2) / 2;
        let _ = writeln!(
            body,
            "<path class=\"{}\" d=\"M{x1} {y1} C{mid} {y1} {mid} {y2} {x2} {y2}\" stroke=\"{stroke}\" \
             stroke-width=\"{sw}\"/>",
            c.before[i].change.class()
        );
    }
    let _ = writeln!(body, "</g>");

    for (items, rows, x0, bw) in [
        (&c.before, &c.before_rows, left_x, lw),
        (&c.after, &c.after_rows, right_x, rw),
    ] {
        for (item, &row) in items.iter().zip(rows) {
            let y = row_y(row);
            let (stroke, sw, dash) = match item.change {
                Change::Continued => (item.group.stroke(), 1, ""),
                Change::Merged => (MERGE_COLOR, 2, ""),
                Change::New => (NEW_COLOR, 2, ""),
                Change::Abolished => (ABOLISHED_COLOR, 2, " stroke-dasharray=\"5 3\""),
            };
            let _ = writeln!(
                body,
                "<g class=\"body {}\"><title>{}</title>",
                item.change.class(),
                esc(&format!("{} ({})", item.name, item.id))
            );
            let _ = writeln!(
                body,
                "<rect x=\"{x0}\" y=\"{y}\" width=\"{bw}\" height=\"{CHANGE_BOX_H}\" rx=\"4\" \
                 fill=\"{}\" stroke=\"{stroke}\" stroke-width=\"{sw}\"{dash}/>",
                item.group.fill()
            );
            let _ = writeln!(
                body,
                "<text x=\"{}\" y=\"{}\" font-size=\"{NAME_PX}\" fill=\"#1a1a1a\">{}</text>",
                x0 + PAD,
                y + 20,
                esc(&item.name)
            );
            if item.change == Change::Abolished {
                let _ = writeln!(
                    body,
                    "<path d=\"M{} {} H{}\" stroke=\"{ABOLISHED_COLOR}\" stroke-width=\"1.5\"/>",
                    x0 + PAD,
                    y + 15,
                    x0 + PAD + w(&item.name, NAME_PX, false)
                );
            }
            let tag = change_word(item.change, lang);
            if !tag.is_empty() {
                let _ = writeln!(
                    body,
                    "<text x=\"{}\" y=\"{}\" font-size=\"{META_PX}\" font-weight=\"bold\" \
                     fill=\"{stroke}\" text-anchor=\"end\">{}</text>",
                    x0 + bw - PAD,
                    y + 19,
                    esc(tag)
                );
            }
            let _ = writeln!(body, "</g>");
        }
    }

    let mut x = MARGIN;
    let y = top + CHANGE_ROW * c.rows as i32 + 24;
    let _ = writeln!(body, "<g class=\"legend\">");
    for (stroke, sw, dashed, label) in [
        ("#90a4ae", 1, false, t.continued),
        (MERGE_COLOR, 2, false, t.merged),
        (NEW_COLOR, 2, false, t.new),
        (ABOLISHED_COLOR, 2, true, t.abolished),
    ] {
        let dash = if dashed {
            " stroke-dasharray=\"5 3\""
        } else {
            ""
        };
        legend_item(&mut body, (x, y), ("#ffffff", stroke, sw, dash), label);
        x += legend_item_width(label) + ITEM_GAP;
    }
    let _ = writeln!(body, "</g>");
    let height = y + 8 + MARGIN;

    let title = format!("{} · {}", c.name, t.change_chart);
    svg_document("bianzhi-changes", width, height, &title, &body)
}
