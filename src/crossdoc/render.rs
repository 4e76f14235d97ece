//! Renders a neighbourhood as text, Graphviz DOT, or SVG (laid out by layout-rs,
//! nodes coloured by type, edges labelled by relation, with a legend).

use super::graph::{Edge, Node, Relation};
use super::neighbours::Neighbourhood;
use crate::model::EntityType;
use layout::backends::svg::SVGWriter;
use layout::core::base::Orientation;
use layout::core::color::Color;
use layout::core::format::{ClipHandle, RenderBackend};
use layout::core::geometry::Point;
use layout::core::style::{LineStyleKind, StyleAttr};
use layout::std_shapes::shapes::{Arrow, Element, LineEndKind, ShapeKind};
use layout::topo::layout::VisualGraph;
use std::collections::{BTreeMap, HashMap};
use unicode_width::UnicodeWidthStr;

/// Fonts with CJK glyphs, for DOT and SVG.
pub const CJK_FONTS: &str = "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, sans-serif";
const FONT_SIZE: usize = 14;

/// Fill colour of a node by type.
pub fn type_colour(kind: Option<EntityType>) -> &'static str {
    match kind {
        Some(EntityType::Unit) => "#8ecae6",
        Some(EntityType::Person) => "#ffd166",
        Some(EntityType::Event) => "#95d5b2",
        Some(EntityType::Publication) => "#cdb4db",
        None => "#dddddd",
    }
}

/// Line colour of an edge by relation.
pub fn relation_colour(rel: &Relation) -> &'static str {
    match rel {
        Relation::Post(_) => "#1d3557",
        Relation::Organizer => "#2a9d8f",
        Relation::Participant => "#e76f51",
        Relation::Publisher => "#6a4c93",
        Relation::SubUnitOf => "#457b9d",
        Relation::CloseMatch | Relation::SameDocument => "#999999",
    }
}

/// Edges merged by (from, to, label): the same statement read in several
/// documents is drawn once. Values: the first edge and the number of documents.
fn distinct_edges(n: &Neighbourhood) -> Vec<(&Edge, usize)> {
    let mut seen: BTreeMap<(&str, &str, String), (&Edge, usize)> = BTreeMap::new();
    for e in n.edges.iter().filter(|e| e.from != e.to) {
        seen.entry((&e.from, &e.to, e.rel.label())).or_insert((e, 0)).1 += 1;
    }
    seen.into_values().collect()
}

/// Labels to draw: a label shared by several nodes gets the person's locality
/// (or the document of a document-local node) in brackets.
pub fn display_labels(n: &Neighbourhood) -> HashMap<String, String> {
    let mut count: HashMap<&str, usize> = HashMap::new();
    for x in &n.nodes {
        *count.entry(x.label.as_str()).or_default() += 1;
    }
    n.nodes
        .iter()
        .map(|x| {
            let label = if count[x.label.as_str()] > 1 { qualified(x) } else { x.label.clone() };
            (x.iri.clone(), label)
        })
        .collect()
}

fn qualified(x: &Node) -> String {
    let path = super::graph::short_iri(&x.iri);
    let parts: Vec<&str> = path.split('/').collect();
    match parts.as_slice() {
        ["person", place, _] => format!("{}（{place}）", x.label),
        ["local", doc, ..] => format!("{}（{doc}）", x.label),
        _ => format!("{}（{path}）", x.label),
    }
}

fn cap_note(n: &Neighbourhood) -> Option<String> {
    n.capped.then(|| format!("capped at {} nodes: use fewer hops to see everything", n.max_nodes))
}

/// Plain text: the nodes, then one line per edge with its document and evidence.
pub fn render_text(n: &Neighbourhood) -> String {
    let hops = if n.hops == 1 { "hop" } else { "hops" };
    let mut out = format!(
        "Neighbourhood of {} ({} {hops}): {} nodes, {} edges\n\nNodes:\n",
        n.label(&n.center),
        n.hops,
        n.nodes.len(),
        n.edges.len()
    );
    for node in &n.nodes {
        let kind = node.kind.map(|k| k.to_string()).unwrap_or_else(|| "?".into());
        out.push_str(&format!("  {}  [{kind}]  {}\n", node.label, node.iri));
    }
    out.push_str("\nEdges:\n");
    for e in &n.edges {
        out.push_str(&format!("  {} —{}→ {}   [{}]\n", n.label(&e.from), e.rel.label(), n.label(&e.to), n.file(e)));
        if let Some(ev) = &e.evidence {
            out.push_str(&format!("      “{ev}”\n"));
        }
    }
    if let Some(note) = cap_note(n) {
        out.push_str(&format!("\n({note})\n"));
    }
    out
}

/// A DOT string literal: quoted, with `\` and `"` escaped.
fn dot_quote(s: &str) -> String {
    let escaped = s.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n");
    format!("\"{escaped}\"")
}

/// Graphviz DOT (UTF-8): nodes filled by type, edges labelled by relation.
pub fn render_dot(n: &Neighbourhood) -> String {
    let ids: HashMap<&str, String> =
        n.nodes.iter().enumerate().map(|(i, x)| (x.iri.as_str(), format!("n{i}"))).collect();
    let labels = display_labels(n);
    let font = dot_quote(CJK_FONTS);
    let mut out = format!(
        "digraph neighbours {{\n  graph [charset=\"UTF-8\", rankdir=LR, fontname={font}];\n  \
         node [shape=box, style=\"rounded,filled\", fontname={font}];\n  edge [fontname={font}, fontsize=10];\n"
    );
    if let Some(note) = cap_note(n) {
        out.push_str(&format!("  label={};\n", dot_quote(&note)));
    }
    for x in &n.nodes {
        let pen = if x.iri == n.center { ", penwidth=3" } else { "" };
        out.push_str(&format!(
            "  {} [label={}, fillcolor=\"{}\", tooltip={}{pen}];\n",
            ids[x.iri.as_str()],
            dot_quote(&labels[&x.iri]),
            type_colour(x.kind),
            dot_quote(&x.iri)
        ));
    }
    for (e, count) in distinct_edges(n) {
        let (Some(a), Some(b)) = (ids.get(e.from.as_str()), ids.get(e.to.as_str())) else { continue };
        let style = if matches!(e.rel, Relation::CloseMatch) { ", style=dashed, dir=none" } else { "" };
        let tip = e.evidence.as_deref().map(|t| format!(", tooltip={}", dot_quote(t))).unwrap_or_default();
        let label = if count > 1 { format!("{} ×{count}", e.rel.label()) } else { e.rel.label() };
        let colour = relation_colour(&e.rel);
        out.push_str(&format!("  {a} -> {b} [label={}, color=\"{colour}\"{style}{tip}];\n", dot_quote(&label)));
    }
    out.push_str("}\n");
    out
}

/// XML text escape (element content and attribute values).
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && c != '\t' && c != '\n' => {}
            c => out.push(c),
        }
    }
    out
}

/// Wraps the SVG writer and records the true extent of what is drawn (the
/// writer's own estimate over-grows for multi-byte text).
struct Tracked {
    svg: SVGWriter,
    min: Point,
    max: Point,
}

impl Tracked {
    fn grow(&mut self, a: Point, b: Point) {
        self.min = Point::new(self.min.x.min(a.x), self.min.y.min(a.y));
        self.max = Point::new(self.max.x.max(b.x), self.max.y.max(b.y));
    }
}

impl RenderBackend for Tracked {
    fn draw_rect(&mut self, xy: Point, size: Point, look: &StyleAttr, p: Option<String>, clip: Option<ClipHandle>) {
        self.grow(xy, xy.add(size));
        self.svg.draw_rect(xy, size, look, p, clip);
    }
    fn draw_line(&mut self, start: Point, stop: Point, look: &StyleAttr, p: Option<String>) {
        self.grow(start, start);
        self.grow(stop, stop);
        self.svg.draw_line(start, stop, look, p);
    }
    fn draw_circle(&mut self, xy: Point, size: Point, look: &StyleAttr, p: Option<String>) {
        self.grow(xy.sub(size.scale(0.5)), xy.add(size.scale(0.5)));
        self.svg.draw_circle(xy, size, look, p);
    }
    fn draw_text(&mut self, xy: Point, text: &str, look: &StyleAttr) {
        let half = Point::new(text_width(text, look.font_size) / 2., look.font_size as f64);
        self.grow(xy.sub(half), xy.add(half));
        self.svg.draw_text(xy, text, look);
    }
    fn draw_arrow(
        &mut self,
        path: &[(Point, Point)],
        dashed: bool,
        head: (bool, bool),
        look: &StyleAttr,
        p: Option<String>,
        text: &str,
    ) {
        for (a, b) in path {
            self.grow(*a, *a);
            self.grow(*b, *b);
        }
        self.svg.draw_arrow(path, dashed, head, look, p, text);
    }
    fn create_clip(&mut self, xy: Point, size: Point, rounded_px: usize) -> ClipHandle {
        self.svg.create_clip(xy, size, rounded_px)
    }
}

/// Width of a text in pixels (CJK characters are two columns wide).
fn text_width(text: &str, font_size: usize) -> f64 {
    let cols = text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0).max(1);
    cols as f64 * font_size as f64 * 0.55
}

fn node_element(node: &Node, label: &str, center: bool) -> Element {
    let fill = Color::from_name(type_colour(node.kind));
    let look = StyleAttr::new(Color::fast("black"), if center { 3 } else { 1 }, fill, 8, FONT_SIZE);
    let size = Point::new(text_width(label, FONT_SIZE) + 24., FONT_SIZE as f64 * 2.4);
    Element::create(ShapeKind::new_box(label), look, Orientation::LeftToRight, size)
}

fn edge_arrow(e: &Edge) -> Arrow {
    let colour = Color::from_name(relation_colour(&e.rel)).unwrap_or(Color::fast("black"));
    let look = StyleAttr::new(colour, 1, None, 0, 11);
    let (line, end) = match e.rel {
        Relation::CloseMatch | Relation::SameDocument => (LineStyleKind::Dashed, LineEndKind::None),
        _ => (LineStyleKind::Normal, LineEndKind::Arrow),
    };
    Arrow::new(LineEndKind::None, end, line, &e.rel.label(), &look, &None, &None)
}

/// Lay out with layout-rs into the tracking writer; None when layout-rs panics.
fn layout_svg(n: &Neighbourhood) -> Option<Tracked> {
    let mut vg = VisualGraph::new(Orientation::LeftToRight);
    let labels = display_labels(n);
    let handles: HashMap<&str, _> = n
        .nodes
        .iter()
        .map(|x| (x.iri.as_str(), vg.add_node(node_element(x, &labels[&x.iri], x.iri == n.center))))
        .collect();
    for (e, _) in distinct_edges(n) {
        if let (Some(&a), Some(&b)) = (handles.get(e.from.as_str()), handles.get(e.to.as_str())) {
            vg.add_edge(edge_arrow(e), a, b);
        }
    }
    let far = Point::splat(f64::MAX);
    let mut t = Tracked { svg: SVGWriter::new(), min: far, max: far.neg() };
    let ok = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| vg.do_it(false, false, false, &mut t)));
    ok.ok().map(|_| t)
}

/// SVG of the neighbourhood: laid out by layout-rs, with CJK fonts and a legend.
pub fn render_svg(n: &Neighbourhood) -> String {
    let Some(t) = layout_svg(n).filter(|t| t.max.x >= t.min.x) else { return fallback_svg(n) };
    let body = t.svg.finalize().replace("font-family: Times, serif;", &format!("font-family: {CJK_FONTS};"));
    let (start, end) = match (body.find("<svg "), body.find("<defs>")) {
        (Some(s), Some(e)) if s < e => (s, e),
        _ => return fallback_svg(n),
    };
    let content = body[end..].trim_end().trim_end_matches("</svg>");
    let (min, max) = (t.min.sub(Point::splat(10.)), t.max.add(Point::splat(10.)));
    let (legend, lw, lh) = legend(n, Point::new(min.x, max.y + 10.));
    let (w, h) = ((max.x - min.x).max(lw), max.y - min.y + lh + 10.);
    format!("{}{}\n{content}\n{legend}</svg>\n", &body[..start], svg_open(min.x, min.y, w, h))
}

fn svg_open(x: f64, y: f64, w: f64, h: f64) -> String {
    format!(
        "<svg width=\"{w:.0}\" height=\"{h:.0}\" viewBox=\"{x:.1} {y:.1} {w:.1} {h:.1}\" \
         xmlns=\"http://www.w3.org/2000/svg\" font-family=\"{CJK_FONTS}\">"
    )
}

/// A legend below the drawing: node types, relation colours, cap note.
/// Returns the SVG group, its width and height.
fn legend(n: &Neighbourhood, at: Point) -> (String, f64, f64) {
    let mut out = format!("<g class=\"legend\" font-size=\"12\" transform=\"translate({:.1},{:.1})\">\n", at.x, at.y);
    let mut x = 0.;
    for k in EntityType::ALL {
        out.push_str(&format!(
            "<rect x=\"{x}\" y=\"0\" width=\"14\" height=\"14\" rx=\"3\" fill=\"{}\" stroke=\"black\"/>\
             <text x=\"{}\" y=\"11\">{k}</text>\n",
            type_colour(Some(k)),
            x + 18.
        ));
        x += 110.;
    }
    let rels = [
        ("post (e.g. 主任)", Relation::Post(None)),
        ("organizer", Relation::Organizer),
        ("participant", Relation::Participant),
        ("publisher", Relation::Publisher),
        ("sub-unit of", Relation::SubUnitOf),
        ("close match", Relation::CloseMatch),
    ];
    for (i, (name, rel)) in rels.iter().enumerate() {
        let x = (i % 3) as f64 * 150.;
        let y = 26. + (i / 3) as f64 * 18.;
        out.push_str(&format!(
            "<line x1=\"{x}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"2\"/>\
             <text x=\"{}\" y=\"{}\">{}</text>\n",
            y + 6.,
            x + 24.,
            y + 6.,
            relation_colour(rel),
            x + 30.,
            y + 10.,
            xml_escape(name)
        ));
    }
    let mut h = 70.;
    if let Some(note) = cap_note(n) {
        out.push_str(&format!("<text x=\"0\" y=\"82\" fill=\"#b00020\">{}</text>\n", xml_escape(&note)));
        h += 20.;
    }
    out.push_str("</g>\n");
    (out, 450., h)
}

/// A plain grid drawing, used only if layout-rs fails on a graph.
fn fallback_svg(n: &Neighbourhood) -> String {
    let cols = 4usize;
    let pos = |i: usize| (20. + (i % cols) as f64 * 220., 20. + (i / cols) as f64 * 70.);
    let index: HashMap<&str, usize> = n.nodes.iter().enumerate().map(|(i, x)| (x.iri.as_str(), i)).collect();
    let labels = display_labels(n);
    let mut body = String::new();
    for (e, _) in distinct_edges(n) {
        let (Some(&a), Some(&b)) = (index.get(e.from.as_str()), index.get(e.to.as_str())) else { continue };
        let ((x1, y1), (x2, y2)) = (pos(a), pos(b));
        body.push_str(&format!(
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\"><title>{}</title></line>\n",
            x1 + 90.,
            y1 + 15.,
            x2 + 90.,
            y2 + 15.,
            relation_colour(&e.rel),
            xml_escape(&e.rel.label())
        ));
    }
    for (i, x) in n.nodes.iter().enumerate() {
        let (px, py) = pos(i);
        body.push_str(&format!(
            "<rect x=\"{px}\" y=\"{py}\" width=\"180\" height=\"30\" rx=\"6\" fill=\"{}\" stroke=\"black\"/>\
             <text x=\"{}\" y=\"{}\" font-size=\"13\">{}</text>\n",
            type_colour(x.kind),
            px + 6.,
            py + 20.,
            xml_escape(&super::clip(&labels[&x.iri], 12))
        ));
    }
    let rows = n.nodes.len().div_ceil(cols).max(1) as f64;
    let (legend, lw, lh) = legend(n, Point::new(20., 20. + rows * 70.));
    let (w, h) = ((cols as f64 * 220.).max(lw + 40.), 40. + rows * 70. + lh);
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{}\n{body}{legend}</svg>\n", svg_open(0., 0., w, h))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crossdoc::fixture::{iri, store};
    use crate::crossdoc::neighbours::{neighbours, neighbours_capped};

    fn around_unit() -> Neighbourhood {
        neighbours(&store(), &iri("unit/沈阳市档案馆"), 2).unwrap()
    }

    #[test]
    fn svg_is_well_formed_and_has_the_labels_and_legend() {
        let n = around_unit();
        let svg = render_svg(&n);
        let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{e}\n{svg}"));
        let text: String = doc.descendants().filter_map(|d| d.text()).collect();
        for l in
            ["沈阳市档案馆", "张春风", "沈阳档案", "沈阳市档案馆建馆60周年纪念展", "馆长", "organizer", "publisher"]
        {
            assert!(text.contains(l), "{l} missing");
        }
        assert!(text.contains("Publication") && svg.contains("Noto Sans CJK SC"));
        assert!(svg.contains("endarrow") && text.contains("张春风（大连市）"), "laid out by layout-rs");
        assert!(!svg.contains("Times, serif"));
    }

    #[test]
    fn svg_escapes_markup_in_labels_and_notes_the_cap() {
        let s = store();
        let n = neighbours(&s, &iri("unit/兰台"), 1).unwrap();
        let svg = render_svg(&n);
        let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{e}\n{svg}"));
        let text: String = doc.descendants().filter_map(|d| d.text()).collect();
        assert!(text.contains("口述历史&档案<第一辑>\"续\""), "{text}");
        let capped = neighbours_capped(&s, &iri("unit/沈阳市档案馆"), 2, 2).unwrap();
        let svg = render_svg(&capped);
        assert!(roxmltree::Document::parse(&svg).is_ok());
        assert!(svg.contains("capped at 2 nodes"));
        assert!(roxmltree::Document::parse(&fallback_svg(&capped)).is_ok());
    }

    #[test]
    fn dot_has_quoted_labels_and_the_edges() {
        let n = around_unit();
        let dot = render_dot(&n);
        let id = |label: &str| {
            let line = dot.lines().find(|l| l.contains(&format!("label=\"{label}\", fill"))).unwrap();
            line.split_whitespace().next().unwrap().to_owned()
        };
        let (p, u, e) = (id("张春风（沈阳市）"), id("沈阳市档案馆"), id("沈阳市档案馆建馆60周年纪念展"));
        assert!(dot.contains("label=\"张春风（大连市）\""), "{dot}");
        assert!(dot.contains(&format!("{p} -> {u} [label=\"馆长 ×2\"")), "{dot}");
        assert!(dot.contains(&format!("{e} -> {u} [label=\"organizer\"")), "{dot}");
        assert!(dot.contains("sub-unit of") && dot.contains("charset=\"UTF-8\""));
        let odd = neighbours(&store(), &iri("unit/兰台"), 1).unwrap();
        assert!(render_dot(&odd).contains(r#"label="口述历史&档案<第一辑>\"续\"""#));
    }

    #[test]
    fn text_lists_edges_with_evidence() {
        let t = render_text(&around_unit());
        assert!(t.contains("张春风 —馆长→ 沈阳市档案馆   [001_a.txt]"), "{t}");
        assert!(t.contains("“《沈阳档案》由沈阳市档案馆主办。”"), "{t}");
    }
}
