//! Extraction: reads a normalised document sentence by sentence and finds the
//! mentions of units, people, events and publications, the relations between
//! them, and the document's metadata. One rule family per file; `link` turns
//! the mentions into canonical entities afterwards.

pub mod attendance;
pub mod date;
pub mod event;
pub mod locality;
pub mod metadata;
pub mod person;
pub mod person_tagger;
pub mod publication;
pub mod rules;
pub mod topic;
pub mod unit;
pub mod unit_list;
pub mod unit_tagger;

use crate::model::{DateValue, EntityType, RelationType};
use crate::normalize::Normalized;
use crate::segment::{self, Token};
use locality::Locality;
use rules::RuleId;

/// One sentence with its tokens; offsets are bytes into the normalised text.
pub struct Sent<'a> {
    pub index: usize,
    pub start: usize,
    pub end: usize,
    pub paragraph: usize,
    pub text: &'a str,
    pub tokens: Vec<Token<'a>>,
    /// The statistical tagger's words (LAC), offsets absolute like `tokens`;
    /// empty when the tagger is off.
    pub lac: Vec<crate::tagger::Word>,
}

impl<'a> Sent<'a> {
    /// `text` as the only sentence of a document, segmented, untagged: what
    /// the rules' unit tests read.
    #[cfg(test)]
    pub fn for_test(text: &'a str) -> Sent<'a> {
        Sent { index: 0, start: 0, end: text.len(), paragraph: 0, text, tokens: segment::tag(text, 0), lac: Vec::new() }
    }

    /// The sentence text between two absolute offsets.
    pub fn slice(&self, start: usize, end: usize) -> &str {
        &self.text[start - self.start..end - self.start]
    }

    /// The tagger's word that holds the byte at absolute offset `pos`.
    pub fn lac_at(&self, pos: usize) -> Option<&crate::tagger::Word> {
        let i = self.lac.partition_point(|w| w.end <= pos);
        self.lac.get(i).filter(|w| w.start <= pos)
    }
}

/// How to read a document.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// Run the statistical tagger (LAC) and let its names count as evidence.
    pub tagger: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { tagger: true }
    }
}

/// A mention of an entity, as written (normalised), before linking.
#[derive(Clone, Debug, PartialEq)]
pub struct Mention {
    pub kind: EntityType,
    pub surface: String,
    pub start: usize,
    pub end: usize,
    pub sentence: usize,
    pub subclass: Option<&'static str>,
    pub date: Option<DateValue>,
    /// The date was inferred (the article's own date for an event in its
    /// header, the year the text speaks of), not read in the event's sentence:
    /// another mention's date read in its sentence wins over it.
    pub weak_date: bool,
    pub place: Option<String>,
    /// A unit mention that names its own place or organ (`路桥区档案馆`,
    /// `中共…`), as opposed to a bare `史志办` that needs an antecedent.
    pub anchored: bool,
    /// Another name given for it in the text (`市档案馆(市文史研究馆)`).
    pub alias: Option<String>,
    /// Extra labels (the form written in a title, `党的十八大`).
    pub alt: Vec<String>,
    /// For a bare department (`综合科科长`): the unit it belongs to, when
    /// no unit of the document ends with its name.
    pub parent_hint: Option<usize>,
    /// The rules that read this mention (`rules.rs`), first one first.
    pub rules: Vec<RuleId>,
}

impl Mention {
    pub fn new(kind: EntityType, surface: &str, start: usize, end: usize, sentence: usize) -> Self {
        Mention {
            kind,
            surface: surface.to_owned(),
            start,
            end,
            sentence,
            subclass: None,
            date: None,
            weak_date: false,
            place: None,
            anchored: true,
            alias: None,
            alt: Vec::new(),
            parent_hint: None,
            rules: Vec::new(),
        }
    }
}

/// A relation between two mentions.
#[derive(Clone, Debug, PartialEq)]
pub struct RawRelation {
    pub kind: RelationType,
    pub from: usize,
    pub to: usize,
    pub post: Option<String>,
    pub sentence: usize,
    /// The rules that read this relation.
    pub rules: Vec<RuleId>,
}

/// What extraction hands to linking.
pub struct Reading {
    pub meta: metadata::RawMeta,
    pub locality: Locality,
    pub mentions: Vec<Mention>,
    pub relations: Vec<RawRelation>,
    /// The year the document speaks of (for dates given without one).
    pub year: Option<i32>,
    /// Time spent in word segmentation.
    pub segment_secs: f64,
    /// Time spent in the statistical tagger.
    pub tag_secs: f64,
}

/// Everything the rule families share while reading one document.
pub struct Ctx<'a> {
    pub doc: &'a Normalized,
    pub sents: Vec<Sent<'a>>,
    pub locality: Locality,
    pub year: Option<i32>,
    pub mentions: Vec<Mention>,
    pub relations: Vec<RawRelation>,
    pub topics: topic::Topics,
    pub yearbook: bool,
    /// The document's own date and its header paragraphs.
    pub header_date: Option<DateValue>,
    pub header_paragraphs: Vec<usize>,
    /// Mention indices per sentence, and per (kind, span, surface), so that
    /// lookups stay constant-time on long documents.
    by_sentence: Vec<Vec<usize>>,
    by_key: rustc_hash::FxHashMap<(EntityType, usize, usize, String), usize>,
    relation_keys: rustc_hash::FxHashMap<(RelationType, usize, usize, Option<String>), usize>,
}

impl Ctx<'_> {
    /// Adds a mention read by `rule`; the same mention read again keeps its
    /// index and records the other rule too.
    pub fn add(&mut self, rule: RuleId, mut m: Mention) -> usize {
        let key = (m.kind, m.start, m.end, m.surface.clone());
        if let Some(&i) = self.by_key.get(&key) {
            if !self.mentions[i].rules.contains(&rule) {
                self.mentions[i].rules.push(rule);
            }
            return i;
        }
        m.rules = vec![rule];
        let i = self.mentions.len();
        if self.by_sentence.len() <= m.sentence {
            self.by_sentence.resize(m.sentence + 1, Vec::new());
        }
        self.by_sentence[m.sentence].push(i);
        self.by_key.insert(key, i);
        self.mentions.push(m);
        i
    }

    /// Records that `rule` also took part in reading mention `i`.
    pub fn also(&mut self, i: usize, rule: RuleId) {
        if !self.mentions[i].rules.contains(&rule) {
            self.mentions[i].rules.push(rule);
        }
    }

    /// Adds a relation read by `rule` (once per kind, ends and post).
    pub fn relate(
        &mut self,
        rule: RuleId,
        kind: RelationType,
        from: usize,
        to: usize,
        post: Option<String>,
        sentence: usize,
    ) {
        if from == to {
            return;
        }
        let key = (kind, from, to, post.clone());
        match self.relation_keys.get(&key) {
            Some(&i) => {
                if !self.relations[i].rules.contains(&rule) {
                    self.relations[i].rules.push(rule);
                }
            }
            None => {
                self.relation_keys.insert(key, self.relations.len());
                self.relations.push(RawRelation { kind, from, to, post, sentence, rules: vec![rule] });
            }
        }
    }

    /// Every mention inside a sentence, in the order read (ascending index).
    /// Rules look
    /// mentions up through this, never by scanning the whole document, so
    /// that extraction stays linear in the document's length.
    pub fn of_sentence(&self, sentence: usize) -> impl Iterator<Item = (usize, &Mention)> + '_ {
        self.by_sentence
            .get(sentence)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .map(|&i| (i, &self.mentions[i]))
            .filter(move |(_, m)| m.sentence == sentence)
    }

    /// The latest mention before byte `pos` (of sentence `sentence` or an
    /// earlier one) that `want` accepts: sentences are searched backwards
    /// from `sentence`, so a near antecedent is found at once.
    pub fn latest_before(&self, sentence: usize, pos: usize, want: impl Fn(&Mention) -> bool) -> Option<usize> {
        self.latest_within(sentence, usize::MAX, pos, want)
    }

    /// `latest_before`, searching at most `back` sentences before `sentence`.
    pub fn latest_within(
        &self,
        sentence: usize,
        back: usize,
        pos: usize,
        want: impl Fn(&Mention) -> bool,
    ) -> Option<usize> {
        let last = sentence.min(self.sents.len().saturating_sub(1));
        (last.saturating_sub(back)..=last).rev().find_map(|si| {
            self.of_sentence(si).filter(|(_, m)| m.start < pos && want(m)).max_by_key(|(_, m)| m.start).map(|(i, _)| i)
        })
    }

    /// Mentions of a kind inside a sentence, in text order.
    pub fn in_sentence(&self, kind: EntityType, sentence: usize) -> Vec<usize> {
        let mut v: Vec<usize> = self
            .by_sentence
            .get(sentence)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .copied()
            .filter(|&i| self.mentions[i].kind == kind && self.mentions[i].sentence == sentence)
            .collect();
        v.sort_by_key(|&i| self.mentions[i].start);
        v
    }

    /// Is the byte offset inside a 《》 title?
    pub fn in_title(&self, s: &Sent, pos: usize) -> bool {
        let before = &s.text[..pos - s.start];
        before.rfind('《').is_some_and(|o| before.rfind('》').is_none_or(|c| c < o))
    }
}

/// Read one normalised document, with the tagger.
pub fn read(doc: &Normalized) -> Reading {
    read_with(doc, Options::default())
}

/// Where a clause ends inside a sentence (text is width-folded, so `，` is `,`).
const CLAUSE_BREAK: char = ',';
/// Characters before an anchored clause the tagger reads with it, as context.
const CONTEXT_CHARS: usize = 8;

/// Where a name may stand, so that the tagger is worth its cost there: the
/// segmenter reads a name-like word (`nr…`), or a post, a role cue or `同志`
/// is written (the rules read names after them). Byte ranges relative to the
/// sentence. The tagger is the costliest stage by far; text with none of
/// these (most of a report's prose) keeps the rules' reading alone.
fn name_anchors(s: &Sent) -> Vec<std::ops::Range<usize>> {
    let lx = crate::lexicon::get();
    // a name-like word that starts with a surname, as the tagger's people
    // must (`person_tagger::is_personal_name`): other `nr` words betray none
    let mut out: Vec<std::ops::Range<usize>> = s
        .tokens
        .iter()
        .filter(|t| t.tag.starts_with("nr") && lx.surname_len(t.word).is_some())
        .map(|t| t.start - s.start..t.end - s.start)
        .collect();
    for cue in std::iter::once("同志").chain(lx.person_cues.iter().copied()) {
        out.extend(s.text.match_indices(cue).map(|(i, m)| i..i + m.len()));
    }
    for (i, _) in s.text.char_indices() {
        if let Some(p) = lx.post_prefix_of(&s.text[i..]) {
            out.push(i..i + p.len());
        }
    }
    out
}

/// The stretches of a sentence the tagger reads: every clause (split at
/// commas) that holds an anchor, with up to `CONTEXT_CHARS` characters
/// before it as context, overlapping ones joined. A name and the post, cue
/// or name-like word that betrays it stand in one clause (`馆长张三`,
/// `作者:张三`, `张三、李四出席`); the few characters before keep the
/// tagger's reading of the clause's start as it is in the whole sentence.
/// Measured on the 35 annotated documents against whole sentences: the same
/// people (with no context, one false person more: `学史崇德` in a list of
/// slogans; with 8 characters, none), one unit fewer, for about half of the
/// tagger's time on the 10 MB bench corpus. Relative byte ranges, in order.
fn tagger_windows(s: &Sent) -> Vec<std::ops::Range<usize>> {
    let anchors = name_anchors(s);
    if anchors.is_empty() {
        return Vec::new();
    }
    let mut clauses: Vec<std::ops::Range<usize>> = Vec::new();
    let mut start = 0;
    for end in s.text.match_indices(CLAUSE_BREAK).map(|(i, m)| i + m.len()).chain([s.text.len()]) {
        if end > start {
            clauses.push(start..end);
        }
        start = end;
    }
    let anchored: Vec<bool> =
        clauses.iter().map(|c| anchors.iter().any(|a| a.start < c.end && a.end > c.start)).collect();
    let mut windows: Vec<std::ops::Range<usize>> = Vec::new();
    for (i, c) in clauses.iter().enumerate() {
        if !anchored[i] {
            continue;
        }
        let before = &s.text[..c.start];
        let from = before.char_indices().rev().take(CONTEXT_CHARS).last().map_or(c.start, |(j, _)| j);
        match windows.last_mut() {
            Some(w) if w.end >= from => w.end = c.end,
            _ => windows.push(from..c.end),
        }
    }
    windows
}

/// A document split into sentences and segmented into words: what the
/// tagger reads before the rules run (`segment`, `tag_documents`, `finish`).
pub struct Segmented<'a> {
    doc: &'a Normalized,
    sents: Vec<Sent<'a>>,
    segment_secs: f64,
    tag_secs: f64,
}

impl<'a> Segmented<'a> {
    /// The document segmented.
    pub fn doc(&self) -> &'a Normalized {
        self.doc
    }
}

/// Splits and segments a document's sentences.
pub fn segment(doc: &Normalized) -> Segmented<'_> {
    let t = std::time::Instant::now();
    let sents: Vec<Sent> = doc
        .sentences
        .iter()
        .enumerate()
        .map(|(index, s)| {
            let text = &doc.text[s.start..s.end];
            Sent {
                index,
                start: s.start,
                end: s.end,
                paragraph: s.paragraph,
                text,
                tokens: segment::tag(text, s.start),
                lac: Vec::new(),
            }
        })
        .collect();
    Segmented { doc, sents, segment_secs: t.elapsed().as_secs_f64(), tag_secs: 0.0 }
}

/// Runs the tagger over the stretches of every document where a name may
/// stand, all documents' stretches batched together (the network is
/// fastest on many sequences of like length: on the 10 MB bench corpus,
/// documents tagged one by one ran at about half the speed of the same
/// stretches batched across documents). Each document's words get absolute
/// offsets; its tag time is its share, by characters, of the time spent.
pub fn tag_documents(docs: &mut [&mut Segmented]) {
    let mut jobs: Vec<(usize, usize, usize)> = Vec::new(); // (document, sentence, window start in it)
    let mut texts: Vec<&str> = Vec::new();
    for (d, seg) in docs.iter().enumerate() {
        for (i, s) in seg.sents.iter().enumerate() {
            for w in tagger_windows(s) {
                jobs.push((d, i, w.start));
                texts.push(&s.text[w]);
            }
        }
    }
    let (tagged, secs) = crate::tagger::Tagger::embedded().tag_lines_parallel(&texts);
    let mut chars = vec![0usize; docs.len()];
    for (&(d, _, _), t) in jobs.iter().zip(&texts) {
        chars[d] += t.len();
    }
    let total: usize = chars.iter().sum::<usize>().max(1);
    for (&(d, i, at), words) in jobs.iter().zip(tagged) {
        let s = &mut docs[d].sents[i];
        let base = s.start + at;
        s.lac.extend(words.into_iter().map(|w| crate::tagger::Word {
            start: base + w.start,
            end: base + w.end,
            tag: w.tag,
        }));
    }
    for (seg, c) in docs.iter_mut().zip(chars) {
        seg.tag_secs += secs * c as f64 / total as f64;
    }
}

/// Read one normalised document.
pub fn read_with(doc: &Normalized, opts: Options) -> Reading {
    let mut seg = segment(doc);
    if opts.tagger {
        tag_documents(&mut [&mut seg]);
    }
    finish(seg)
}

/// Runs the rules over a segmented (and, if wanted, tagged) document.
pub fn finish(seg: Segmented) -> Reading {
    let Segmented { doc, sents, segment_secs, tag_secs } = seg;
    let meta = metadata::read(doc);
    let title_zone = format!("{} {}", meta.title.clone().unwrap_or_default(), meta.header_zone);
    let locality = locality::detect(&title_zone, &doc.text);
    let year = meta.content_year;
    let mut ctx = Ctx {
        doc,
        sents,
        locality,
        year,
        mentions: Vec::new(),
        relations: Vec::new(),
        topics: topic::Topics::default(),
        yearbook: meta.yearbook,
        header_date: meta.date.clone().filter(|d| matches!(d, DateValue::Day(..))),
        header_paragraphs: meta.header_paragraphs.clone(),
        by_sentence: Vec::new(),
        by_key: Default::default(),
        relation_keys: Default::default(),
    };
    unit::extract(&mut ctx);
    topic::assign(&mut ctx, &meta);
    topic::departments(&mut ctx);
    topic::governed_by(&mut ctx);
    person::extract(&mut ctx, &meta);
    publication::extract(&mut ctx);
    person_tagger::extract(&mut ctx);
    unit_tagger::extract(&mut ctx);
    unit_list::extract(&mut ctx);
    event::extract(&mut ctx);
    attendance::extract(&mut ctx);
    Reading {
        meta,
        locality: ctx.locality,
        mentions: ctx.mentions,
        relations: ctx.relations,
        year,
        segment_secs,
        tag_secs,
    }
}

/// The (from, to) surfaces of the relations of one kind read in `text`
/// (tests of the rules that read them).
#[cfg(test)]
pub(crate) fn related(text: &str, kind: crate::model::RelationType) -> Vec<(String, String)> {
    let r = read(&crate::normalize::normalize(text));
    r.relations
        .iter()
        .filter(|x| x.kind == kind)
        .map(|x| (r.mentions[x.from].surface.clone(), r.mentions[x.to].surface.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn windows(text: &str) -> Vec<&str> {
        let s = Sent::for_test(text);
        tagger_windows(&s).into_iter().map(|w| &text[w]).collect()
    }

    #[test]
    fn the_tagger_reads_the_clauses_around_a_post() {
        let w = windows("全年共接收档案三千余卷,会议于上午召开,市档案馆馆长张三出席并讲话,会后开展了参观活动。");
        assert_eq!(w, ["会议于上午召开,市档案馆馆长张三出席并讲话,"], "8 characters before are context");
    }

    #[test]
    fn adjacent_clauses_with_anchors_are_one_window() {
        let w = windows("本期共印三千份,为推进各项工作,本刊主编王小明,副主编李红,本期共印三千份。");
        assert_eq!(w, ["为推进各项工作,本刊主编王小明,副主编李红,"]);
    }

    #[test]
    fn prose_without_anchors_is_not_tagged() {
        assert!(windows("全年共接收档案三千余卷,完成数字化扫描二十万页。").is_empty());
    }
}
