fn main() {
    let path = std::env::args().nth(1).unwrap();
    let d = lantai::document::read_text(std::path::Path::new(&path)).unwrap();
    let n = lantai::normalize::normalize(&d.text);
    if std::env::var("TOK").is_ok() { for s in &n.sentences { for t in lantai::segment::tag(&n.text[s.start..s.end], 0) { print!("{}/{} ", t.word, t.tag); } println!(); } }
    let r = lantai::extract::read(&n);
    let ex = lantai::link::link("x.txt", &n, r);
    for e in &ex.entities {
        println!("{:?}\t{}\t{:?}\t{:?}", e.kind, e.label, e.subclass, e.date.as_ref().map(|d| d.iso()));
    }
    for r in &ex.relations {
        println!("{:?}\t{} -> {}\t{:?}", r.kind, ex.entities[r.from].label, ex.entities[r.to].label, r.post);
    }
}
#[allow(dead_code)]
fn toks() {}
