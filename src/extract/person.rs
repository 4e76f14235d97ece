//! People: a name after a post (`桃源县史志办主任朱浩`, `省委常委、秘书长陈奕君`)
//! with the unit the post is held in, names after a role noun (`老战士陈锡云、
//! 方中、郏国红`), names before `同志`, national figures, bylines and the
//! `作者:`/`编辑:` lines. A name must start with a known surname.
//! Known misses: a name that appears only in running text with no post or cue.

use super::metadata::RawMeta;
use super::rules::{self, RuleId};
use super::{Ctx, Mention, Sent};
use crate::lexicon;
use crate::model::{EntityType, RelationType};

/// Words that start right after a name (so a 3-character reading would eat them).
const FOLLOWERS: &[&str] = &[
    "介绍", "陪同", "在", "到", "等", "就", "出席", "参加", "主持", "讲话", "表示", "指出", "强调", "说", "对", "和",
    "与", "及", "同志", "一行", "带队", "为", "是", "也", "又", "还", "率", "代表", "作", "向", "从", "的", "了",
    "分别", "先后", "亲自", "专门", "同", "致辞", "宣读", "参观", "考察", "调研", "视察", "来", "去", "任", "被", "将",
    "已", "曾", "都", "现", "发表", "获", "荣获", "对此", "认为", "要求", "提出", "下达", "带领", "首先",
];

/// What a national figure's name must not be followed by (it then names a place).
pub const PLACE_AFTER_NAME: &[&str] = &[
    "新时代",
    "思想",
    "理论",
    "故居",
    "旧居",
    "纪念馆",
    "纪念碑",
    "路",
    "街",
    "广场",
    "中学",
    "小学",
    "大学",
    "公园",
    "陵园",
    "墓",
    "铜像",
    "塑像",
];

/// Does the text after a name make the name part of a place or thing named
/// after the person: `宋教仁故居`, or the name is an item of a list that ends
/// so (`覃振、翦伯赞、宋教仁故居`)?
pub fn names_a_place(after: &str) -> bool {
    let mut rest = after;
    // skip the list items that follow: `、NAME` of 2-4 Han characters
    while let Some(r) = rest.strip_prefix('、') {
        let n = r.chars().take_while(|c| is_han(*c)).count();
        let item_end = r.char_indices().nth(n).map_or(r.len(), |(i, _)| i);
        let item = &r[..item_end];
        // the last item carries the place word itself: `宋教仁故居和…`
        let named_place = (2..=4).any(|k| {
            item.char_indices().nth(k).is_some_and(|(i, _)| PLACE_AFTER_NAME.iter().any(|p| item[i..].starts_with(p)))
        });
        if named_place {
            return true;
        }
        if !(2..=4).contains(&n) {
            return false;
        }
        rest = &r[item_end..];
    }
    PLACE_AFTER_NAME.iter().any(|p| rest.starts_with(p))
}

/// Posts whose unit is implied when none is named.
fn implied_unit(post: &str) -> Option<&'static str> {
    let base = post.trim_start_matches("常务").trim_start_matches('副');
    Some(match base {
        "县长" => "县人民政府",
        "市长" => "市人民政府",
        "区长" => "区人民政府",
        "省长" => "省人民政府",
        "镇长" => "镇人民政府",
        "总书记" => "党中央",
        _ => return None,
    })
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Byte length of a personal name at the start of `text`, if one stands there.
pub fn read_name(text: &str) -> Option<usize> {
    let lx = lexicon::get();
    let k = lx.surname_len(text)?;
    let chars: Vec<(usize, char)> = text.char_indices().take(k + 3).collect();
    let han_run = chars.iter().take_while(|(_, c)| is_han(*c)).count();
    if han_run < k + 1 {
        return None;
    }
    let byte_at = |n: usize| chars.get(n).map_or(text.len(), |c| c.0);
    let short = byte_at(k + 1);
    if han_run == k + 1 {
        return Some(short);
    }
    if han_run == k + 2 {
        // the name fills the run up to punctuation or the line end: `李向来`
        return Some(byte_at(k + 2));
    }
    let after_short = &text[short..];
    if FOLLOWERS.iter().any(|f| after_short.starts_with(f)) || lx.post_prefix_of(after_short).is_some() {
        return Some(short);
    }
    Some(byte_at(k + 2))
}

pub fn extract(ctx: &mut Ctx, meta: &RawMeta) {
    for si in 0..ctx.sents.len() {
        posts(ctx, si);
        appointments(ctx, si);
        roster_line(ctx, si);
        cues(ctx, si);
        comrades(ctx, si);
        figures(ctx, si);
    }
    from_metadata(ctx, meta);
}

/// (start, end, post) of the posts in a sentence, longest first, not overlapping.
fn find_posts(s: &Sent) -> Vec<(usize, usize, &'static str)> {
    let lx = lexicon::get();
    let mut out = Vec::new();
    let mut i = 0;
    let t = s.text;
    while i < t.len() {
        if let Some(p) = lx.post_prefix_of(&t[i..]) {
            out.push((s.start + i, s.start + i + p.len(), p));
            i += p.len();
        } else {
            i += t[i..].chars().next().map_or(1, char::len_utf8);
        }
    }
    out
}

/// Tags of words that are not names (`全面`, `关于`, `具体`, `配合`).
const NOT_NAME_TAGS: &[&str] = &["d", "p", "v", "c", "a", "ad", "vn", "u", "r", "m", "q", "f", "t", "vd", "l", "i"];

/// Parts of speech of a word that joins phrases: conjunction, preposition.
const JOINING_TAGS: &[&str] = &["c", "p"];

fn person_at(ctx: &mut Ctx, rule: RuleId, si: usize, pos: usize) -> Option<usize> {
    let s = &ctx.sents[si];
    let rest = &s.text[pos - s.start..];
    // the segmenter reads a common word where a name would start
    let len = read_name(rest)?;
    // the segmenter reads a common word where the name would start: `全面|抓`,
    // `关于|党`; a word exactly as long as the name may still be one (`方中`/f,
    // `陈奕君`/i), unless it is a longer common noun (`纪念碑`)
    let word_here = s.tokens.iter().find(|t| t.start == pos);
    let common = |t: &&crate::segment::Token| {
        let n = t.word.len();
        n >= 6 && n < len && NOT_NAME_TAGS.contains(&t.tag) || n >= len && n >= 9 && t.tag == "n"
    };
    if word_here.is_some_and(|t| common(&t)) {
        return None;
    }
    // `成员|和|全区`, `成员|与|全市`: the surname read as a conjunction or a
    // preposition and the rest of the name as one word that is no name
    let joins_a_word = word_here.is_some_and(|t| {
        JOINING_TAGS.contains(&t.tag)
            && s.tokens.iter().any(|u| u.start == t.end && u.end == pos + len && !u.tag.starts_with("nr"))
    });
    // `专家|成员|与`: a role word of its own where a name would start
    let lx = lexicon::get();
    if joins_a_word || word_here.is_some_and(|t| lx.person_cues.contains(&t.word) || lx.is_post(t.word)) {
        return None;
    }
    let (len, by_tagger) = match tagger_reading(s, pos, len) {
        TaggerReading::NoName => return None,
        TaggerReading::Name(n) => (n, true),
        TaggerReading::Silent => (len, false),
    };
    let name = rest[..len].to_owned();
    if lexicon::get().unit_suffix_of(&name).is_some_and(|u| u.chars().count() >= 2) {
        return None;
    }
    let i = ctx.add(rule, Mention::new(EntityType::Person, &name, pos, pos + len, si));
    if by_tagger {
        ctx.also(i, rules::PERSON_TAGGER_BOUNDARY);
    }
    Some(i)
}

/// What the statistical tagger says of a name the rules read at `pos`.
enum TaggerReading {
    /// It reads a name there, this long (bytes).
    Name(usize),
    /// It reads no name there: the place is inside one of its words.
    NoName,
    /// Nothing that decides (tagger off, or its words agree with the rule).
    Silent,
}

/// Rule `person/tagger-boundary`: where the rules and the tagger disagree on
/// a name after a post or cue, the evidence decides.
/// - The tagger reads a name starting at the same place: its end wins
///   (`刘芸赴舟山` → `刘芸`, not `刘芸赴`; `李良担任` → `李良`).
/// - The place is inside a word of the tagger's that is no name
///   (`办|公室的`, `单|位审`): there is no name there.
/// - The name would cut a word of the tagger's that is no name (`全面|抓`,
///   `单位|审核`, `和|专家`), or the tagger reads the very span as a common
///   word (`常委`/n): no name, unless the segmenter reads a name word there
///   (`查全洁`, which the tagger cuts `查|全洁`).
/// - The segmenter reads the rule's name as one name word where the tagger
///   ends it earlier (`刘玉平|分别` vs `刘玉|平分`): the two readers agreeing win.
///
/// Known misses: a name the tagger reads as one common word (`吉祥`) is kept
/// by the rule, since a word that starts where the name starts decides nothing.
fn tagger_reading(s: &Sent, pos: usize, rule_len: usize) -> TaggerReading {
    let Some(w) = s.lac_at(pos) else { return TaggerReading::Silent };
    // the segmenter (jieba), a third reader, reads a name word here
    let segmenter_name = |end: Option<usize>| {
        s.tokens.iter().any(|t| t.start == pos && end.is_none_or(|e| t.end == e) && t.tag.starts_with("nr"))
    };
    if w.tag == "PER" && w.start == pos {
        let len = w.end - w.start;
        // `刘玉平|分别` where the tagger read `刘玉|平分`: rule and segmenter agree
        let rule_backed = segmenter_name(Some(pos + rule_len));
        return if len != rule_len && !rule_backed && super::person_tagger::is_personal_name(s.slice(pos, w.end)) {
            TaggerReading::Name(len)
        } else {
            TaggerReading::Silent
        };
    }
    // the tagger reads no name here; unless the segmenter reads one, there is none:
    // - the name would start inside one of the tagger's words (`办|公室的`, `分|管常委`)
    // - the name would cut one of its words (`全面|抓`, `单位|审核`, `和|专家`)
    // - it reads the very span as a common word (`常委`/n, `成员`/n)
    const COMMON: &[&str] = &["n", "v", "vn", "a", "ad", "d", "p", "c", "u", "r", "m", "q", "f", "t", "vd", "an"];
    let inside = w.start < pos;
    let cuts = w.start == pos && w.end != pos + rule_len && !w.tag.is_empty();
    let common = w.start == pos && w.end == pos + rule_len && COMMON.contains(&w.tag);
    if (inside || cuts || common) && !segmenter_name(None) {
        return TaggerReading::NoName;
    }
    TaggerReading::Silent
}

/// `[unit][post]、[post][unit][post] NAME`: the post chain before a name.
fn posts(ctx: &mut Ctx, si: usize) {
    let found = find_posts(&ctx.sents[si]);
    for (idx, &(_, pend, _)) in found.iter().enumerate() {
        let Some(first) = person_at(ctx, rules::PERSON_AFTER_POST, si, pend) else { continue };
        let chain = post_chain(ctx, si, &found[..=idx]);
        // `副馆长孙丽、周涛`: everyone listed after the posts holds them
        let people = listed_after(ctx, si, first);
        let mut inherited: Option<usize> = None;
        for (post, unit, pstart, department) in chain {
            // `省委常委、宣传部部长`: a department of the committee just named
            let department = department.zip(inherited).and_then(|((a, b), c)| committee_department(ctx, si, c, a, b));
            // `市委党史研究室综合部部长`: the section's head, of the section
            let (unit, post) = match unit.zip(section_and_post(&post)) {
                Some((u, (section, head))) => {
                    (Some(part_of(ctx, si, u, pstart - section.len(), pstart, rules::UNIT_SECTION_BEFORE_POST)), head)
                }
                None => (unit, post),
            };
            // `市委副书记、市长韩正`: a government post's own unit wins over
            // the committee of the post before it
            let unit = unit
                .or(department)
                .or_else(|| committee_before(ctx, si, pstart))
                .or_else(|| implied(ctx, si, &post, pend))
                .or(inherited)
                .or_else(|| subject_with_ending_for(ctx, si, &post));
            let (unit, rule) = match unit {
                Some(u) => (Some(u), rules::POST_CHAIN),
                None => (unit_of_item_before(ctx, si, pstart, &post), rules::POST_SHARED_UNIT_IN_LIST),
            };
            if let Some(u) = unit {
                for &person in &people {
                    ctx.relate(rule, RelationType::HoldsPost, person, u, Some(post.clone()), si);
                }
                inherited = Some(u);
            }
        }
    }
}

/// Ranks held in whatever unit employs the holder (`一级巡视员`, `二级调研员`).
const RANKS: &[&str] = &["巡视员", "调研员"];

/// Rule `post/shared-unit-in-list`: in a list of post holders, a post written
/// with no unit is held in the unit of the item before it, when the post is a
/// rank (`一级巡视员`) or the same office as that item's (`副馆长` after `馆长`):
/// `省委党史研究室副主任梁月兰、一级巡视员刘玉平` → 刘玉平 of 省委党史研究室.
/// Known misses: a bare post after an item of another unit's kind stays unbound
/// (`市委书记甲、市长乙` is read by `unit/implied-by-post` instead).
fn unit_of_item_before(ctx: &Ctx, si: usize, pstart: usize, post: &str) -> Option<usize> {
    let s = &ctx.sents[si];
    let before = &s.text[..pstart - s.start];
    let sep = ['、', ',', ','].into_iter().find(|c| before.ends_with(*c))?;
    let item_end = pstart - sep.len_utf8();
    let office = |p: &str| p.trim_start_matches("常务").trim_start_matches('副').to_owned();
    let is_rank = RANKS.iter().any(|r| post.ends_with(r));
    // the holder whose name ends the item before, and the unit of their post
    ctx.relations.iter().rev().find_map(|r| {
        let holder = &ctx.mentions[r.from];
        let same_office = r.post.as_deref().is_some_and(|p| office(p) == office(post));
        (r.kind == RelationType::HoldsPost
            && r.sentence == si
            && holder.sentence == si
            && holder.end == item_end
            && (is_rank || same_office))
            .then_some(r.to)
    })
}

/// Verbs of appointment, longest first: `NAME任UNIT POST`, `NAME被任命为…`.
const APPOINTED: &[&str] = &["被任命为", "任命为", "当选为", "担任", "兼任", "出任", "调任", "改任", "升任", "任"];

/// `3月,张建华任漳州市档案馆馆长`: the name before an appointment verb holds
/// the post after the unit the verb is followed by.
fn appointments(ctx: &mut Ctx, si: usize) {
    let lx = lexicon::get();
    let mut found = Vec::new();
    for u in ctx.in_sentence(EntityType::Unit, si) {
        let s = &ctx.sents[si];
        let m = &ctx.mentions[u];
        let before = &s.text[..m.start - s.start];
        let Some(verb) = APPOINTED.iter().find(|v| before.ends_with(*v)) else { continue };
        let Some(post) = lx.post_prefix_of(&s.text[m.end - s.start..]) else { continue };
        let lead = &before[..before.len() - verb.len()];
        let lead = lead.strip_suffix('被').unwrap_or(lead);
        // the whole name right before the verb, after a separator or the start
        let name = [3, 2].into_iter().find_map(|n| {
            let at = lead.char_indices().rev().nth(n - 1)?.0;
            let cand = &lead[at..];
            let clean_start = lead[..at].chars().last().is_none_or(|c| !is_han(c));
            (clean_start && read_name(cand) == Some(cand.len())).then_some((s.start + at, cand.len()))
        });
        if let Some((at, len)) = name {
            found.push((u, post, at, len));
        }
    }
    for (u, post, at, len) in found {
        let surface = ctx.sents[si].slice(at, at + len).to_owned();
        let p = ctx.add(rules::PERSON_APPOINTMENT, Mention::new(EntityType::Person, &surface, at, at + len, si));
        ctx.relate(rules::POST_APPOINTMENT, RelationType::HoldsPost, p, u, Some(post.to_owned()), si);
    }
}

/// A yearbook's roster: a line `副馆长:林志强、吴晓燕` names the holders of the
/// post in the unit the entry is about (when that unit is of the post's kind).
fn roster_line(ctx: &mut Ctx, si: usize) {
    let s = &ctx.sents[si];
    let Some((head, names)) = s.text.trim_end_matches(['。', ';']).split_once([':', ':']) else { return };
    let Some(post) = lexicon::get().post_prefix_of(head).filter(|p| p.len() == head.len()) else { return };
    let Some(unit) = subject_with_ending_for(ctx, si, post) else { return };
    let base = s.start + head.len() + s.text[head.len()..].chars().next().map_or(0, char::len_utf8);
    let mut at = base;
    let mut people = Vec::new();
    for name in names.split('、') {
        if is_whole_name(name) {
            people.push((at, name.to_owned()));
        }
        at += name.len() + '、'.len_utf8();
    }
    for (start, name) in people {
        let p =
            ctx.add(rules::PERSON_ROSTER_LINE, Mention::new(EntityType::Person, &name, start, start + name.len(), si));
        ctx.relate(rules::POST_ROSTER_LINE, RelationType::HoldsPost, p, unit, Some(post.to_owned()), si);
    }
}

/// Is `s` one personal name from end to end (an item of a list)?
fn is_whole_name(s: &str) -> bool {
    (2..=4).contains(&s.chars().count()) && read_name(s) == Some(s.len())
}

/// The person at `first` and those enumerated right after it (`孙丽、周涛`),
/// each a whole name up to the next separator.
fn listed_after(ctx: &mut Ctx, si: usize, first: usize) -> Vec<usize> {
    let mut people = vec![first];
    loop {
        let s = &ctx.sents[si];
        let end = ctx.mentions[*people.last().expect("non-empty")].end;
        let Some(rest) = s.text[end - s.start..].strip_prefix('、') else { break };
        let item = rest.split(['、', ',', '。', ';', ':', '(']).next().unwrap_or("");
        if !is_whole_name(item) {
            break;
        }
        let Some(p) = person_at(ctx, rules::PERSON_LISTED_AFTER_POST, si, end + '、'.len_utf8()) else { break };
        people.push(p);
    }
    people
}

/// `【概况】…市档案馆…。馆长赵建国,副馆长孙丽`: a post named with no unit is
/// held in the unit the passage is about, when that unit is of the post's
/// kind (a 馆长 heads a …馆, a 局长 a …局).
fn subject_with_ending_for(ctx: &Ctx, si: usize, post: &str) -> Option<usize> {
    let base = post.trim_start_matches("常务").trim_start_matches('副');
    let endings: &[&str] = match base {
        "馆长" => &["馆"],
        "局长" => &["局"],
        "处长" => &["处"],
        "科长" => &["科"],
        "部长" => &["部"],
        "院长" => &["院"],
        "所长" => &["所"],
        "社长" => &["社"],
        "会长" => &["会"],
        "站长" => &["站"],
        "主任" => &["室", "办", "中心", "办公室"],
        _ => return None,
    };
    let u = super::topic::implicit_subject(ctx, si)?;
    endings.iter().any(|e| ctx.mentions[u].surface.ends_with(e)).then_some(u)
}

/// `省委书记`, `县委常委` are single words for the segmenter, so no unit
/// mention ends before the post: read the committee from the text itself.
fn committee_before(ctx: &mut Ctx, si: usize, post_start: usize) -> Option<usize> {
    let s = &ctx.sents[si];
    let before = &s.text[..post_start - s.start];
    let head: String = before.chars().rev().take(2).collect::<Vec<_>>().into_iter().rev().collect();
    if !is_bare_committee(&head) {
        return None;
    }
    let start = s.start + before.len() - head.len();
    // the first unit read that holds `start` (mentions never cross sentences)
    let taken = ctx
        .of_sentence(si)
        .filter(|(_, m)| m.kind == EntityType::Unit && m.start <= start && start < m.end)
        .map(|(i, _)| i)
        .min();
    if taken.is_some() {
        return taken;
    }
    Some(
        ctx.add(
            rules::UNIT_COMMITTEE_BEFORE_POST,
            Mention::new(EntityType::Unit, &head, start, start + head.len(), si),
        ),
    )
}

/// The department written at `start..end` (`宣传部`) of a committee unit
/// (`浙江省委`), as one unit: `浙江省委宣传部`.
fn committee_department(ctx: &mut Ctx, si: usize, committee: usize, start: usize, end: usize) -> Option<usize> {
    if !ctx.mentions[committee].surface.ends_with('委') {
        return None;
    }
    Some(part_of(ctx, si, committee, start, end, rules::UNIT_COMMITTEE_DEPARTMENT))
}

/// The part of `parent` written at `start..end` (`宣传部`, `综合部`) as one
/// unit named with its parent (`浙江省委宣传部`), anchored as the parent is.
fn part_of(ctx: &mut Ctx, si: usize, parent: usize, start: usize, end: usize, rule: RuleId) -> usize {
    let p = &ctx.mentions[parent];
    let surface = format!("{}{}", p.surface, ctx.sents[si].slice(start, end));
    let mut m = Mention::new(EntityType::Unit, &surface, start, end, si);
    m.anchored = p.anchored;
    ctx.add(rule, m)
}

/// Endings of a unit's sections whose head's post repeats them (`部|部长`,
/// `处|处长`, `科|科长`, `组|组长`).
const SECTION_ENDINGS: &[char] = &['部', '处', '科', '室', '组', '股'];

/// Rule `unit/section-before-post`: a post read with the nouns before it
/// (`综合部部长`) that repeats the last of them is the head of that section:
/// (`综合部`, `部长`). `文献研究学科馆员` repeats nothing and stays one post.
/// Known misses: a section whose head is not named after it (`研究一处调研员`).
fn section_and_post(post: &str) -> Option<(String, String)> {
    let lx = lexicon::get();
    post.char_indices().skip(2).find_map(|(i, c)| {
        let (section, head) = post.split_at(i);
        let last = section.chars().last()?;
        (last == c && SECTION_ENDINGS.contains(&c) && lx.is_post(head)).then(|| (section.to_owned(), head.to_owned()))
    })
}

fn implied(ctx: &mut Ctx, si: usize, post: &str, at: usize) -> Option<usize> {
    let surface = implied_unit(post)?;
    let mut m = Mention::new(EntityType::Unit, surface, at, at, si);
    m.anchored = true;
    Some(ctx.add(rules::UNIT_IMPLIED_BY_POST, m))
}

/// Walk left from the last post: each post with the unit written right before
/// it (or before `分管…的`, or before `原` for a former post: `市政协原副主席`),
/// linked by nothing, `、` or `兼`. A role in a work (`、《江苏年鉴》主编`) is
/// passed over: it is no post in a unit, and the posts before it go on.
/// Each post comes with its unit, its start, and for a committee's department
/// written bare after the committee's post (`省委常委、宣传部部长`), the span
/// of the department's name.
type ChainLink = (String, Option<usize>, usize, Option<(usize, usize)>);

fn post_chain(ctx: &Ctx, si: usize, posts: &[(usize, usize, &'static str)]) -> Vec<ChainLink> {
    let s = &ctx.sents[si];
    let units = ctx.in_sentence(EntityType::Unit, si);
    let unit_ending_at = |pos: usize| {
        units.iter().copied().find(|&u| {
            let m = &ctx.mentions[u];
            m.end <= pos && {
                let gap = s.slice(m.end, pos);
                gap.is_empty() || (gap.starts_with("分管") && gap.ends_with('的') && gap.chars().count() <= 12)
            }
        })
    };
    // `文献研究学科馆员`: nouns between the unit and the post belong to the post
    let modified = |pos: usize| {
        units.iter().copied().find_map(|u| {
            let m = &ctx.mentions[u];
            let gap = (m.end <= pos).then(|| s.slice(m.end, pos))?;
            let n = gap.chars().count();
            let plain = gap.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
                && !gap.contains(['的', '和', '与', '及', '在']);
            (n > 0 && n <= 8 && plain).then(|| (u, gap.to_owned()))
        })
    };
    let mut chain: Vec<ChainLink> = Vec::new();
    let mut k = posts.len();
    let mut boundary = posts[k - 1].1;
    while k > 0 {
        let (pstart, pend, post) = posts[k - 1];
        // a post word inside the unit name just read (`人大常委会主任`) ends the chain
        if pend > boundary {
            break;
        }
        if pend != boundary {
            let gap = s.slice(pend, boundary);
            let department = gap.strip_prefix('、').and_then(|d| {
                if is_department(d) {
                    return Some((boundary - d.len(), boundary));
                }
                // `常委、宣传部长`: the department's `部` is the post's own first character
                let contracted =
                    chain.last().is_some_and(|l| l.0.starts_with('部')) && is_department(&format!("{d}部"));
                contracted.then(|| (boundary - d.len(), boundary + '部'.len_utf8()))
            });
            // `省委常委、市委书记`: the later post's committee is written as one word
            // with it (no unit mention yet; `committee_before` reads it)
            let bare_committee =
                gap.strip_prefix('、').is_some_and(is_bare_committee) && chain.last().is_some_and(|l| l.1.is_none());
            match (department, chain.last_mut()) {
                (Some(span), Some(later)) if later.1.is_none() => later.3 = Some(span),
                _ if gap == "、" || gap == "兼" || bare_committee => {}
                _ => break,
            }
        }
        // `、《江苏年鉴》主编`: a role in a work, not a post in a unit; the
        // chain goes on before the title
        let lead = s.slice(s.start, pstart);
        let work = lead.ends_with('》').then(|| lead.rfind('《')).flatten();
        if let Some(open) = work {
            boundary = s.start + open;
            k -= 1;
            continue;
        }
        let mut unit = unit_ending_at(pstart);
        let mut post = post.to_owned();
        // `市政协原副主席`: a former post, of the unit before `原`
        if unit.is_none() && lead.ends_with(FORMER) {
            unit = unit_ending_at(pstart - FORMER.len());
            if unit.is_some() {
                post = format!("{FORMER}{post}");
            }
        }
        if unit.is_none() && chain.is_empty() {
            if let Some((u, gap)) = modified(pstart) {
                unit = Some(u);
                post = format!("{gap}{post}");
            }
        }
        // a bare department read as a unit of its own (`、宣传部部长`) belongs to
        // the committee of the post before it
        let mut department = None;
        if let Some(u) = unit {
            let m = &ctx.mentions[u];
            let after_post = k >= 2 && s.slice(posts[k - 2].1.min(m.start), m.start) == "、";
            if !m.anchored && is_department(&m.surface) && after_post {
                department = Some((m.start, m.end));
                unit = None;
            }
        }
        boundary = department.map_or_else(|| unit.map_or(pstart, |u| ctx.mentions[u].start), |d| d.0);
        chain.push((post, unit, pstart, department));
        k -= 1;
    }
    chain.reverse();
    chain
}

/// `原`: the post before which it stands was held before (`市政协原副主席`).
const FORMER: &str = "原";

/// A locality's own party committee written short: `省委`, `市委`, `县委`.
fn is_bare_committee(s: &str) -> bool {
    s.chars().count() == 2 && s.ends_with('委') && s.starts_with(['省', '市', '区', '县', '州'])
}

/// A committee's working department written bare: `宣传部`, `组织部`, `政法委`;
/// not a locality's own committee (`省委常委、市委书记`: 市委 is the city's).
fn is_department(name: &str) -> bool {
    let locality_committee =
        name.chars().count() == 2 && name.ends_with('委') && name.starts_with(['省', '市', '区', '县', '州', '旗']);
    (2..=5).contains(&name.chars().count())
        && !locality_committee
        && lexicon::get().unit_suffix_of(name) == Some(name)
        && ['部', '委', '厅', '办'].iter().any(|c| name.ends_with(*c))
}

/// `老战士陈锡云、方中、郏国红`, `抗日将领黄显声`.
fn cues(ctx: &mut Ctx, si: usize) {
    let lx = lexicon::get();
    let s = &ctx.sents[si];
    let mut starts = Vec::new();
    for cue in &lx.person_cues {
        if *cue == "同志" {
            continue;
        }
        for (i, _) in s.text.match_indices(cue) {
            starts.push(s.start + i + cue.len());
        }
    }
    for mut pos in starts {
        while let Some(p) = person_at(ctx, rules::PERSON_AFTER_CUE, si, pos) {
            let s = &ctx.sents[si];
            let end = ctx.mentions[p].end;
            let rest = &s.text[end - s.start..];
            if !rest.starts_with('、') {
                break;
            }
            pos = end + '、'.len_utf8();
            // an enumeration item must be a whole name: up to the next separator
            let item = rest['、'.len_utf8()..].split(['、', ',', '。', ';']).next().unwrap_or("");
            if !(2..=4).contains(&item.chars().count()) {
                break;
            }
        }
    }
}

/// `陈云同志`, `尉凤英同志`: the name right before `同志`.
fn comrades(ctx: &mut Ctx, si: usize) {
    let s = &ctx.sents[si];
    let mut found = Vec::new();
    for (i, _) in s.text.match_indices("同志") {
        let before: Vec<(usize, char)> = s.text[..i].char_indices().collect();
        for n in [3, 2] {
            if before.len() < n {
                continue;
            }
            let (b, _) = before[before.len() - n];
            let cand = &s.text[b..i];
            let no_name = matches!(tagger_reading(s, s.start + b, cand.len()), TaggerReading::NoName);
            if read_name(cand) == Some(cand.len()) && !cand.starts_with('全') && !no_name {
                found.push((s.start + b, cand.to_owned()));
                break;
            }
        }
    }
    for (start, name) in found {
        ctx.add(rules::PERSON_COMRADE, Mention::new(EntityType::Person, &name, start, start + name.len(), si));
    }
}

/// All national figures as one automaton (the regex crate compiles an
/// alternation of literals to Aho-Corasick).
fn figures_pattern() -> &'static regex::Regex {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| regex::Regex::new(&lexicon::get().figures.join("|")).expect("figures"))
}

/// National figures named anywhere (not as part of a place: `宋教仁故居`).
fn figures(ctx: &mut Ctx, si: usize) {
    let lx = lexicon::get();
    let s = &ctx.sents[si];
    let mut found = Vec::new();
    for hit in figures_pattern().find_iter(s.text) {
        let (i, f): (usize, &'static str) =
            (hit.start(), lx.figures.iter().copied().find(|f| *f == hit.as_str()).unwrap_or(""));
        let after = &s.text[i + f.len()..];
        // a figure inside a unit's or work's name (`上海市孙中山宋庆龄文物管理委员会`)
        let pos = s.start + i;
        let inside = ctx.of_sentence(si).any(|(_, m)| {
            matches!(m.kind, EntityType::Unit | EntityType::Publication) && m.start <= pos && pos < m.end
        });
        if f.is_empty() || names_a_place(after) || inside {
            continue;
        }
        found.push((s.start + i, f, after.to_owned()));
    }
    for (start, name, after) in found {
        let p = ctx
            .add(rules::PERSON_NATIONAL_FIGURE, Mention::new(EntityType::Person, name, start, start + name.len(), si));
        // `习近平总书记`: a post right after the name
        if let Some(post) = lx.post_prefix_of(&after) {
            if let Some(u) = implied(ctx, si, post, start) {
                ctx.relate(rules::POST_AFTER_FIGURE, RelationType::HoldsPost, p, u, Some(post.to_owned()), si);
            }
        }
    }
}

/// Authors and editors from the metadata lines, as people of the document.
fn from_metadata(ctx: &mut Ctx, meta: &RawMeta) {
    for name in meta.authors.iter().chain(&meta.editors) {
        let hit = ctx.sents.iter().find_map(|s| s.text.find(name.as_str()).map(|i| (s.index, s.start + i)));
        let (si, start) = hit.unwrap_or((0, 0));
        ctx.add(rules::PERSON_BYLINE, Mention::new(EntityType::Person, name, start, start + name.len(), si));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_a_list_of_former_residences_name_places() {
        assert!(names_a_place("故居和旧址"));
        assert!(names_a_place("、翦伯赞、宋教仁故居和湘西北"));
        assert!(!names_a_place("、翦伯赞出席会议"));
        assert!(!names_a_place("同志指出"));
        // another shape: memorial halls
        assert!(names_a_place("、方志敏纪念馆"));
    }

    fn name(text: &str) -> Option<&str> {
        read_name(text).map(|n| &text[..n])
    }

    #[test]
    fn names_stop_before_what_follows_them() {
        assert_eq!(name("朱浩介绍了该办近几年"), Some("朱浩"));
        assert_eq!(name("杨松陪同,县黨史"), Some("杨松"));
        assert_eq!(name("张志红,副县长"), Some("张志红"));
        assert_eq!(name("刘芸在会上对下阶段"), Some("刘芸"));
        assert_eq!(name("李向来"), Some("李向来"));
        assert_eq!(name("袁家军到省委党史"), Some("袁家军"));
    }

    #[test]
    fn a_name_needs_a_surname() {
        assert_eq!(name("的同志"), None);
        assert_eq!(name("张"), None);
    }

    #[test]
    fn implied_units() {
        assert_eq!(implied_unit("副县长"), Some("县人民政府"));
        assert_eq!(implied_unit("总书记"), Some("党中央"));
        assert_eq!(implied_unit("主任"), None);
    }
}

#[cfg(test)]
mod chain_tests {
    use super::*;
    use crate::normalize;

    /// A post word inside a unit name (`人大常委会主任`) once made the post
    /// chain slice backwards and panic.
    /// People read by the rules alone (tagger off).
    fn people_by_rules(text: &str) -> Vec<String> {
        let opts = crate::extract::Options { tagger: false };
        let r = crate::extract::read_with(&normalize::normalize(text), opts);
        r.mentions.iter().filter(|m| m.kind == EntityType::Person).map(|m| m.surface.clone()).collect()
    }

    #[test]
    fn a_conjunction_before_a_noun_is_no_name() {
        for t in [
            "完成印刷,并向区四套班子成员和全区1633个基层支部进行发放。",
            "编委会专家成员与全市史志工作者座谈。",
            "老同志和全县党员一起参观。",
        ] {
            assert!(people_by_rules(t).is_empty(), "{t}: {:?}", people_by_rules(t));
        }
        assert_eq!(people_by_rules("市党史联络组成员罗础出席座谈会。"), ["罗础"]);
    }

    #[test]
    fn post_inside_unit_name_does_not_panic() {
        let doc = normalize::normalize("平山县人大常委会主任仇慧松出席会议。县纪律检查委员会书记王某某讲话。");
        let r = crate::extract::read(&doc);
        assert!(r.mentions.iter().any(|m| m.kind == EntityType::Person));
    }
}

#[cfg(test)]
mod list_tests {
    use crate::model::RelationType;
    use crate::normalize;

    /// (person, post, unit) of every holdsPost read from `text`.
    fn posts(text: &str) -> Vec<(String, String, String)> {
        let r = crate::extract::read(&normalize::normalize(text));
        r.relations
            .iter()
            .filter(|x| x.kind == RelationType::HoldsPost)
            .map(|x| {
                (
                    r.mentions[x.from].surface.clone(),
                    x.post.clone().unwrap_or_default(),
                    r.mentions[x.to].surface.clone(),
                )
            })
            .collect()
    }

    fn has(found: &[(String, String, String)], who: &str, post: &str, unit: &str) -> bool {
        found.iter().any(|(p, q, u)| p == who && q == post && u == unit)
    }

    /// A yearbook 【概况】: the unit opens the entry, its heads follow with no
    /// unit named; everyone listed after a post holds it.
    #[test]
    fn a_rank_in_a_list_shares_the_unit_of_the_item_before() {
        let found = posts("会议由省委党史研究室副主任梁月兰、一级巡视员刘玉平主持。");
        assert!(has(&found, "刘玉平", "一级巡视员", "省委党史研究室"), "{found:?}");
        // another shape: a comma, a list of deputies before, a deputy after a head
        let found = posts("市档案馆副馆长赵深、孙敏,二级调研员宫琳陪同。县志办主任汪建斌、副主任邵本武参加会议。");
        assert!(has(&found, "宫琳", "二级调研员", "市档案馆"), "{found:?}");
        assert!(has(&found, "邵本武", "副主任", "县志办"), "{found:?}");
    }

    /// `、《江苏年鉴》主编`: an editor's role in a work sits in the chain
    /// but is no post in a unit; the posts before it still reach the name.
    #[test]
    fn a_role_in_a_work_does_not_end_the_chain() {
        let found = posts("省志办副主任、《江苏年鉴》主编牟国义出席会议。");
        assert!(has(&found, "牟国义", "副主任", "省志办"), "{found:?}");
        assert!(!found.iter().any(|f| f.1 == "主编"), "{found:?}");
        // another shape: the work's role alone holds nothing
        let found = posts("《桃源县志》主编王明介绍了编纂情况。");
        assert!(found.is_empty(), "{found:?}");
    }

    /// `市政协原副主席`: a former post of the unit before `原`.
    #[test]
    fn a_former_post_is_held_in_the_unit_before_it() {
        let found = posts("市政协原副主席、市党史联络组常务副组长杨建新一行来区调研。");
        assert!(has(&found, "杨建新", "原副主席", "市政协"), "{found:?}");
        let found = posts("县档案馆原馆长李春华参加座谈。");
        assert!(has(&found, "李春华", "原馆长", "县档案馆"), "{found:?}");
    }

    #[test]
    fn a_bare_post_of_another_office_stays_unbound() {
        // 秘书长 is neither a rank nor 主任's office: no unit is guessed for it
        let found = posts("县志办主任汪建斌、秘书长邵本武参加会议。");
        assert!(!found.iter().any(|f| f.0 == "邵本武"), "{found:?}");
    }

    #[test]
    fn a_government_post_after_a_committee_post_is_of_the_government() {
        let found = posts("市委副书记、市长王新伟出席仪式。");
        assert!(has(&found, "王新伟", "副书记", "市委"), "{found:?}");
        assert!(has(&found, "王新伟", "市长", "市人民政府"), "{found:?}");
        assert!(!has(&found, "王新伟", "市长", "市委"), "{found:?}");
    }

    #[test]
    fn a_provincial_post_before_a_city_post() {
        let found = posts("省委常委、市委书记张雷,市委副书记、市长王新伟出席开展仪式。");
        assert!(has(&found, "张雷", "常委", "省委"), "{found:?}");
        assert!(has(&found, "张雷", "书记", "市委"), "{found:?}");
        assert!(!has(&found, "王新伟", "常委", "省委"), "{found:?}");
    }

    #[test]
    fn heads_listed_under_the_unit_of_the_entry() {
        let found = posts("【概况】2021年,石家庄市档案馆有在编人员45人。馆长赵建国,副馆长孙丽、周涛。");
        assert!(has(&found, "赵建国", "馆长", "石家庄市档案馆"), "{found:?}");
        assert!(has(&found, "孙丽", "副馆长", "石家庄市档案馆"), "{found:?}");
        assert!(has(&found, "周涛", "副馆长", "石家庄市档案馆"), "{found:?}");
    }

    /// A post of another kind than the unit of the passage is not bound to it.
    #[test]
    fn a_post_of_another_kind_stays_unbound() {
        let found = posts("【概况】石家庄市档案馆有在编人员45人。局长赵建国出席。");
        assert!(found.is_empty(), "{found:?}");
    }

    /// A yearbook's roster lines, under the entry's unit.
    #[test]
    fn roster_lines_under_the_entry_unit() {
        let found =
            posts("福州市档案馆\n馆长:黄建平\n副馆长:林志强、吴晓燕\n【概况】2022年,福州市档案馆馆藏档案32万卷。");
        assert!(has(&found, "黄建平", "馆长", "福州市档案馆"), "{found:?}");
        assert!(has(&found, "吴晓燕", "副馆长", "福州市档案馆"), "{found:?}");
    }

    /// Yearbook personnel changes: `NAME任UNIT POST`.
    #[test]
    fn appointments_name_the_post_after_the_unit() {
        let found = posts("【人事变动】3月,张建华任漳州市档案馆馆长;6月,李文明任市档案馆副馆长。");
        assert!(has(&found, "张建华", "馆长", "漳州市档案馆"), "{found:?}");
        assert!(has(&found, "李文明", "副馆长", "市档案馆"), "{found:?}");
        let found = posts("王芳当选为市档案学会会长。");
        assert!(has(&found, "王芳", "会长", "市档案学会"), "{found:?}");
        // a unit after 任 with no post names no one
        assert!(posts("主任张三任务繁重,市档案馆工作有序。").iter().all(|(p, _, _)| p == "张三"));
    }

    /// `省委常委、宣传部部长赵承`: the department is the committee's.
    #[test]
    fn a_committee_post_then_its_department() {
        let found = posts("浙江省委常委、宣传部部长赵承出席开幕式。");
        assert!(has(&found, "赵承", "常委", "浙江省委"), "{found:?}");
        assert!(has(&found, "赵承", "部长", "浙江省委宣传部"), "{found:?}");
        let found = posts("市委常委、组织部部长刘国强出席会议并讲话。");
        assert!(has(&found, "刘国强", "部长", "市委组织部"), "{found:?}");
        // a section's head: the section is a unit of its own
        let found = posts("市委党史研究室综合部部长陈秧林出席。");
        assert!(has(&found, "陈秧林", "部长", "市委党史研究室综合部"), "{found:?}");
        let found = posts("市档案局档案管理处处长王明出席。");
        assert!(has(&found, "王明", "处长", "市档案局档案管理处"), "{found:?}");
        let found = posts("区图书馆文献研究学科馆员张崇生出席。");
        assert!(has(&found, "张崇生", "文献研究学科馆员", "区图书馆"), "{found:?}");
        // `宣传部长`: the department head's post written short
        let found = posts("舟山市委常委、宣传部长骆梅英出席座谈会。");
        assert!(has(&found, "骆梅英", "常委", "舟山市委"), "{found:?}");
        assert!(has(&found, "骆梅英", "部长", "舟山市委宣传部"), "{found:?}");
        // a city's own committee after the province's is no department of it
        let found = posts("省委常委、市委书记张雷出席开展仪式。");
        assert!(has(&found, "张雷", "书记", "市委"), "{found:?}");
        assert!(!found.iter().any(|(_, _, u)| u.contains("省委市委")), "{found:?}");
    }

    #[test]
    fn a_list_stops_at_what_is_not_a_name() {
        let found = posts("市档案馆馆长赵建国、副馆长孙丽出席。");
        assert!(has(&found, "赵建国", "馆长", "市档案馆"), "{found:?}");
        assert!(!found.iter().any(|(p, q, _)| p == "赵建国" && q == "副馆长"), "{found:?}");
    }
}
