//! Events: a noun phrase ending with an event noun (`…工作会议`, `…图片展`,
//! `…培训班`, `…首发式`, `…主题实践活动`), with its quoted or marked title
//! (`“百年足迹”路桥党史图片展`, `《…》清廉书画展`); `全国、全省和全市…会议`
//! distributed over its places; `党的十八大`; visits (`X到Y调研`); and for each
//! its date, place, organisers (`由…主办`, `…举办`, `会同…`) and participants
//! (`出席`, `陪同`, people named with it).

use super::date;
use super::locality::DESTINATION_VERBS;
use super::rules;
use super::{topic, Ctx, Mention, Sent};
use crate::lexicon;
use crate::model::{DateValue, EntityType, RelationType};
use crate::segment::Token;

/// Verbs whose subject organises the event that follows.
const ORGANISING: &[&str] =
    &["举办", "举行", "主办", "承办", "组织", "召开", "开展", "筹办", "筹备", "开设", "策划", "启动", "联合"];
/// Verbs whose subject takes part in the event that follows.
const TAKING_PART: &[&str] = &["出席", "参加", "参观", "陪同", "列席", "观看", "参与", "主持"];
/// Visits: `X到Y调研`.
const VISIT_VERBS: &[&str] = &["巡回指导", "调研", "视察", "考察", "慰问", "检查指导"];
/// Words that may stand inside an event name although jieba tags them as verbs.
const NAME_VERBS: &[&str] = &[
    "编写", "联", "进", "建", "树", "学习", "教育", "宣传", "征集", "庆祝", "纪念", "迎接", "表彰", "工作", "研究",
    "培训", "交流", "推进", "发展", "服务", "建设", "创建", "管理", "编纂",
];
/// A people's congress's standing committee is a body, never a meeting (its
/// meetings are `…人大常委会会议`), unlike a party committee's `区委常委会`.
const CONGRESS_STANDING_COMMITTEE: &str = "人大常委会";
/// Verbs that take a meeting as their object in one dictionary word.
const ATTENDING: &[&str] = &["主持", "出席", "参加", "列席", "召开", "举行", "举办", "筹备", "参与"];

/// Words that end an event name on its left.
const STOP: &[&str] = &[
    "在",
    "于",
    "对",
    "向",
    "由",
    "把",
    "被",
    "将",
    "了",
    "和",
    "与",
    "及",
    "并",
    "等",
    "以",
    "为",
    "是",
    "有",
    "结合",
    "配合",
    "会同",
    "联合",
    "邀请",
    "通过",
    "完成",
    "落实",
    "贯彻",
    "围绕",
    "根据",
    "按照",
    "听取",
    "传达",
    "汇报",
    "报送",
    "到",
    "作",
    "给予",
    "取得",
    "成为",
    "获得",
    "获",
    "也",
    "还",
    "又",
    "积极",
    "大力",
    "先后",
    "正在",
    "已经",
    "首场",
    "各类",
    "一系列",
    "这",
    "该",
    "其",
    "各",
    "一",
    "次",
    "个",
    "项",
    "场",
];
/// Event nouns that name nothing on their own (`会议召开后` refers back).
const GENERIC_CAMPAIGNS: &[&str] = &[
    "活动",
    "宣传活动",
    "主题活动",
    "实践活动",
    "系列活动",
    "纪念活动",
    "竞赛",
    "比赛",
    "展",
    "展览",
    "会议",
    "大会",
    "培训班",
    "图片展",
    "档案展",
    "仪式",
    "论坛",
    "年会",
    "巡展",
    "展出",
];
/// Openings that make an event phrase a category, not an event (`重大活动`, `各类培训班`).
const GENERIC_OPENINGS: &[&str] = &[
    "重大",
    "重要",
    "各类",
    "各项",
    "多项",
    "有关",
    "相关",
    "其他",
    "各种",
    "此次",
    "本次",
    "这次",
    "高质量",
    "一系列",
    "系列",
    "专题",
    "年度",
    "技术",
    "档案",
    "教育",
    "党员干部",
    "多种",
    "各级",
    "大",
];
const PREFIX_PLACES: &[&str] = &["全国", "全省", "全市", "全区", "全县", "省", "市", "区", "县"];

pub fn extract(ctx: &mut Ctx) {
    for si in 0..ctx.sents.len() {
        let phrases = noun_phrases(&ctx.sents[si]);
        for (start, end, sub) in phrases {
            add_phrase(ctx, si, start, end, sub);
        }
        party_congress(ctx, si);
        visits(ctx, si);
        quoted_titles(ctx, si);
    }
    drop_contained(ctx);
    condolence_visits(ctx);
    let events: Vec<usize> = (0..ctx.mentions.len()).filter(|&i| ctx.mentions[i].kind == EntityType::Event).collect();
    let this_year = this_year_paragraphs(ctx);
    for &e in &events {
        attributes(ctx, e, &this_year);
    }
    dates_said_later(ctx);
    for &e in &events {
        let m = &mut ctx.mentions[e];
        if let (Some(DateValue::MonthDay(month, day)), Some(year)) = (&m.date, year_in_name(&m.surface)) {
            m.date = Some(DateValue::Day(year, *month, *day));
        }
    }
    organisers_said_later(ctx);
    visits_to_named_events(ctx);
    press_conference(ctx);
    for e in events {
        // a national congress is named, not organised or attended, in this genre
        if ctx.mentions[e].surface.starts_with("中国共产党第") {
            continue;
        }
        organisers(ctx, e);
        participants(ctx, e);
    }
}

/// `省第十二次党代会精神专题培训班` holds `党代会`: keep the longer event.
fn drop_contained(ctx: &mut Ctx) {
    let spans: Vec<(usize, usize, usize, usize)> = ctx
        .mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| m.kind == EntityType::Event)
        .map(|(i, m)| (i, m.sentence, m.start, m.end))
        .collect();
    let mut by_sentence: std::collections::HashMap<usize, Vec<(usize, usize, usize)>> = Default::default();
    for &(i, s, a, b) in &spans {
        by_sentence.entry(s).or_default().push((i, a, b));
    }
    let inner: Vec<usize> = spans
        .iter()
        .filter(|&&(i, s, a, b)| {
            by_sentence[&s].iter().any(|&(j, c, d)| j != i && c <= a && b <= d && (d - c) > (b - a))
        })
        .map(|x| x.0)
        .collect();
    // mentions are referred to by index: turn the inner ones into empty labels that link skips
    for i in inner {
        ctx.mentions[i].kind = EntityType::Event;
        ctx.mentions[i].surface.clear();
    }
}

/// Event noun phrases in a sentence: (start, end, sub-class).
fn noun_phrases(s: &Sent) -> Vec<(usize, usize, &'static str)> {
    let lx = lexicon::get();
    let toks = &s.tokens;
    let mut out = Vec::new();
    for (k, t) in toks.iter().enumerate() {
        let Some((noun, sub)) = lx.event_suffix_of(t.word).or_else(|| {
            // a noun split over two tokens: `图片|展`
            let two = k.checked_sub(1).map(|p| s.slice(toks[p].start, t.end))?;
            lx.event_suffix_of(two).filter(|(n, _)| n.len() > t.word.len())
        }) else {
            continue;
        };
        if !is_event_token(t, noun) {
            continue;
        }
        let noun_start = t.end - noun.len();
        let start = extend_left(s, k, noun_start);
        let start = held_name_start(s, start).unwrap_or(start);
        out.push((start, t.end, sub));
    }
    out
}

/// How many sentences back `本次展览`, `此次会议` may find the event they name.
const BACK_REFERENCE_WINDOW: usize = 40;

/// Verbs that hold an event, after which its whole name follows.
const HOLDING: &[&str] = &["举办", "召开", "举行"];

/// Rule part of `event/noun-phrase`: an event named right after the verb that
/// holds it runs from the verb, across what stops a name elsewhere: the two
/// parties of a name joined by `与`, two occasions held as one (`暨`) and a
/// title before a dash (`联合举办风雨同舟七十年——中共与民盟合作关系研讨会`,
/// `共同举办新书首发式暨出版座谈会`). The words between must be
/// name words only: no punctuation but `——`, `·` and quotes, no `的`, `了`.
/// Known misses: a name opening with a count (`举办首届…`) is read as before.
fn held_name_start(s: &Sent, start: usize) -> Option<usize> {
    // the verb stands at most 24 characters (and its own 2) before the name
    let whole = &s.text[..start - s.start];
    let from = whole.char_indices().rev().nth(26).map_or(0, |(i, _)| i);
    let lead = &whole[from..];
    let (at, verb) = HOLDING.iter().filter_map(|v| lead.rfind(v).map(|i| (i, *v))).max_by_key(|x| x.0)?;
    let gap = &lead[at + verb.len()..];
    let n = gap.chars().count();
    let joined = gap.contains("——") || gap.contains(['与', '暨']);
    let clean = gap.chars().all(|c| c.is_alphanumeric() || "—·“”‘’".contains(c))
        && !gap.contains(['的', '了', '在', '和', '及', '等'])
        && !gap.starts_with(['一', '首', '第']);
    (n > 0 && n <= 24 && joined && clean).then_some(s.start + from + at + verb.len())
}

/// Verbs that end like a show (`展`).
const VERBS_ENDING_LIKE_SHOWS: &[&str] = &["开展", "发展", "进展", "拓展", "扩展", "施展"];

/// `开展`, `发展` end with `展` but are verbs; an event noun token is a noun.
fn is_event_token(t: &Token, noun: &str) -> bool {
    if noun.chars().count() >= 2 {
        // `主持会议`, `出席会议`: a verb and its object, the meeting named before
        let verb_object = t.word.strip_suffix(noun).is_some_and(|v| ATTENDING.contains(&v));
        return t.word.ends_with(noun) && !verb_object && !VERBS_ENDING_LIKE_SHOWS.contains(&t.word);
    }
    // a one-character noun (`展`) only as a word of its own: `大力开展` ends with it too
    t.word == noun && t.tag != "v"
}

/// Where the event name starts: back over name-like words, quoted titles and
/// 《》 titles, up to a stop word, a verb or punctuation.
/// Verbs that make a course or campaign about a work: `《石家庄年鉴》编纂工作
/// 培训班`, `《档案法》宣传活动`. The title belongs to the event's name, and
/// the work stays a publication of its own.
pub const WORK_VERBS: &[&str] =
    &["编纂", "编写", "编修", "修订", "出版", "宣传", "学习", "贯彻", "解读", "宣讲", "征订"];

fn extend_left(s: &Sent, k: usize, noun_start: usize) -> usize {
    let toks = &s.tokens;
    let mut start = noun_start.min(toks[k].start.max(noun_start));
    if toks[k].start < noun_start && name_like(&toks[k]) {
        start = toks[k].start;
    }
    let mut j = k;
    let max = 40 * 3;
    while j > 0 {
        let t = &toks[j - 1];
        if t.end != start {
            break;
        }
        if matches!(t.word, "”" | "》" | "’") {
            // take the whole quoted or marked title
            let open = match t.word {
                "”" => "“",
                "’" => "‘",
                _ => "《",
            };
            let Some(o) = s.slice(s.start, t.start).rfind(open) else { break };
            start = s.start + o;
            while j > 0 && toks[j - 1].start >= start {
                j -= 1;
            }
            continue;
        }
        // `王明参观|…图片展`: who takes part is not in the name
        if TAKING_PART.contains(&t.word) {
            break;
        }
        let after_title = j >= 2 && toks[j - 2].word == "》" && toks[j - 2].end == t.start;
        if WORK_VERBS.contains(&t.word) && after_title {
            start = t.start;
            j -= 1;
            continue;
        }
        // `诞辰130周年`: a number counting the anniversary after it
        // (`建党100周年活动` stays a generic campaign, as `活动` alone is)
        let anniversary = !toks[k].word.ends_with("活动")
            && (t.word == "周年"
                || t.tag == "m"
                    && t.word.chars().all(|c| c.is_ascii_digit())
                    && s.text[t.end - s.start..].starts_with("周年"));
        // `2019|年全省…推进会`: the year the name opens with, cut apart from its `年`
        let year = t.word.len() == 4 && year_in_name(&s.text[t.start - s.start..]).is_some();
        // `80|后`: a generation cohort (`80后优秀年轻干部培训班`), cut apart by the segmenter
        let cohort = t.word == "后" && j >= 2 && toks[j - 2].end == t.start && is_decade(toks[j - 2].word)
            || is_decade(t.word) && s.text[t.end - s.start..].starts_with('后');
        if !(name_like(t) || anniversary || year || cohort || tagger_noun(s, t)) || noun_start - t.start > max {
            break;
        }
        // `传达学习|全国…会议精神`: a verb before a name that opens with its own
        // scope takes the event as its object; it is not part of the name
        let scoped = ["全国", "全省", "全市", "全区", "全县", "中共", "中国"]
            .iter()
            .any(|p| s.text[start - s.start..].starts_with(p));
        if NAME_VERBS.contains(&t.word) && scoped {
            break;
        }
        start = t.start;
        j -= 1;
    }
    start
}

/// The statistical tagger reads the very word as a noun where the segmenter
/// does not (`侨批|档案展`: 侨批 n for LAC): the evidence of the two decides
/// for the name.
fn tagger_noun(s: &Sent, t: &Token) -> bool {
    !STOP.contains(&t.word)
        && t.word.chars().count() >= 2
        && s.lac_at(t.start).is_some_and(|w| w.start == t.start && w.end == t.end && matches!(w.tag, "n" | "nz"))
}

/// `50`, `80`, `00`: a decade that names a generation before `后`.
fn is_decade(w: &str) -> bool {
    w.len() == 2 && w.ends_with('0') && w.chars().all(|c| c.is_ascii_digit())
}

fn name_like(t: &Token) -> bool {
    if STOP.contains(&t.word) || !t.word.chars().all(|c| c.is_alphanumeric() || c == '.' || c == '·') {
        return false;
    }
    let tag = t.tag;
    // numbers only as years, ordinals and cohorts: `2021年`, `第十二次`, `80后`, `6.9`
    let han_numeral = t.word.chars().all(|c| "一二三四五六七八九十百".contains(c));
    let number_ok = t.word.starts_with('第')
        || t.word.ends_with('年')
        || t.word.ends_with('后')
        || t.word.contains('.')
        || han_numeral;
    tag.starts_with('n')
        || matches!(tag, "j" | "vn" | "x" | "eng" | "b" | "an" | "a" | "nt" | "ns")
        // the history a show or meeting is about, whatever its tag (`近现代史`/l)
        || t.word.chars().count() >= 2 && t.word.ends_with('史')
        || tag == "m" && number_ok
        || NAME_VERBS.contains(&t.word)
        || t.word == "·"
        || t.word == "暨"
}

fn add_phrase(ctx: &mut Ctx, si: usize, start: usize, end: usize, sub: &'static str) {
    let s = &ctx.sents[si];
    let label = s.slice(start, end).to_owned();
    let in_heading = s.text[..start - s.start].contains('【') && !s.text[..start - s.start].contains('】');
    let lacked = LACKING.iter().any(|w| s.text[..start - s.start].ends_with(w));
    // `了解图书馆红色文化活动开展情况`: how such events go, not one of them
    let how_they_go = STATE_OF.iter().any(|w| s.text[end - s.start..].starts_with(w));
    if is_category(&label) || award_follows(&s.text[end - s.start..]) || in_heading || lacked || how_they_go {
        return;
    }
    if label.ends_with(CONGRESS_STANDING_COMMITTEE) {
        return;
    }
    if ctx.in_title(s, start) && !label.starts_with('《') {
        return;
    }
    for (p, l) in distribute(s, start, &label) {
        let mut m = Mention::new(EntityType::Event, &l, p, end, si);
        m.subclass = Some(sub);
        if let Some(inner) = l.strip_prefix('《') {
            if let Some((t, rest)) = inner.split_once('》') {
                m.alt.push(l.clone());
                m.surface = format!("{t}{rest}");
            }
        }
        ctx.add(rules::EVENT_NOUN_PHRASE, m);
    }
}

/// A phrase that names a kind of event, not one: a bare noun, a generic
/// opening, an abstract programme, a one-word quote (`“吃透”会议`).
fn is_category(label: &str) -> bool {
    if GENERIC_CAMPAIGNS.contains(&label) || label.chars().count() < 2 || label.ends_with("学习教育活动") {
        return true;
    }
    // a count, not a name: `余场巡展` (of `20余场巡展`)
    if label.starts_with(['余', '多', '等', '场', '次', '个', '项', '届']) {
        return true;
    }
    let bare = |rest: &str| {
        GENERIC_CAMPAIGNS.contains(&rest) || lexicon::get().event_suffix_of(rest).is_some_and(|(n, _)| n == rest)
    };
    if GENERIC_OPENINGS.iter().any(|o| label.strip_prefix(o).is_some_and(|r| bare(r) || r.chars().count() <= 4)) {
        return true;
    }
    // `参观展览`, `出席会议`: taking part in an event not named here
    if TAKING_PART.iter().any(|v| label.strip_prefix(v).is_some_and(bare)) {
        return true;
    }
    if let Some(rest) = label.strip_prefix('“') {
        if let Some((quoted, after)) = rest.split_once('”') {
            return quoted.chars().count() <= 2 && bare(after);
        }
    }
    false
}

/// Verbs of lacking: `缺乏近现代史专题展览` names a kind of event that was
/// not held, not one that was.
const LACKING: &[&str] = &["缺乏", "缺少", "没有", "尚无", "从未有"];

/// What follows an event noun phrase that speaks of how events of that kind
/// go (`…活动开展情况`, `…展览举办情况`), not of one of them.
const STATE_OF: &[&str] = &["开展情况", "举办情况", "进展情况", "情况"];

/// What a person named before it is kin of (`杨靖宇…等英雄模范的后人`): the
/// person is whom the kin descend from, not one who takes part.
const KIN: &[&str] = &["的后人", "的后代", "的亲属", "的家属", "的子女", "的遗属"];

/// `“…业务竞赛一等奖”`: the phrase names an award.
fn award_follows(after: &str) -> bool {
    ["一等奖", "二等奖", "三等奖", "特等奖", "优秀奖", "奖"].iter().any(|a| after.starts_with(a))
}

/// `全国、全省和全市党史和文献工作会议` is three meetings: (start, label) each.
fn distribute(s: &Sent, start: usize, label: &str) -> Vec<(usize, String)> {
    let mut out = vec![(start, label.to_owned())];
    let Some(own) = PREFIX_PLACES.iter().find(|p| label.starts_with(*p)) else { return out };
    let body = &label[own.len()..];
    let mut before = &s.text[..start - s.start];
    while let Some(sep) = ["、", "和", "及"].iter().find(|x| before.ends_with(*x)) {
        let b = &before[..before.len() - sep.len()];
        let Some(p) = PREFIX_PLACES.iter().find(|p| b.ends_with(*p)) else { break };
        let at = b.len() - p.len();
        out.push((s.start + at, format!("{p}{body}")));
        before = &b[..at];
    }
    out
}

/// `“庆祝新中国成立70周年——‘文史风华’首届全国市级文史研究馆书画展”`: a quoted
/// title that ends with an event noun is the event's full name.
fn quoted_titles(ctx: &mut Ctx, si: usize) {
    let s = &ctx.sents[si];
    let lx = lexicon::get();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(o) = s.text[from..].find('“').map(|i| from + i) {
        let inner_start = o + '“'.len_utf8();
        let Some(c) = s.text[inner_start..].find('”').map(|i| inner_start + i) else { break };
        let inner = &s.text[inner_start..c];
        // a one-character noun only as a show's name (`“案藏瑰宝-国家档案菁华展”`), not
        // a verb ending so (`“推动高质量发展”`)
        let show = |n: &str| n == "展" && !VERBS_ENDING_LIKE_SHOWS.iter().any(|v| inner.ends_with(v));
        let sub = lx.event_suffix_of(inner).filter(|(n, _)| (n.chars().count() >= 2 || show(n)) && *n != "活动");
        if let Some((_, sub)) = sub {
            if inner.chars().count() >= 6 && !is_category(inner) && !ctx.in_title(s, s.start + o) {
                found.push((s.start + o, s.start + c + '”'.len_utf8(), inner.to_owned(), sub));
            }
        }
        from = c + '”'.len_utf8();
    }
    for (start, end, label, sub) in found {
        let mut m = Mention::new(EntityType::Event, &label, start, end, si);
        m.subclass = Some(sub);
        m.alt.push(format!("“{label}”"));
        ctx.add(rules::EVENT_QUOTED_TITLE, m);
    }
}

/// `…举办“百年历程”档案史料展。展览将于6月25日在市档案馆开幕`: a sentence that
/// opens with a bare event noun gives the date of the event just named.
fn dates_said_later(ctx: &mut Ctx) {
    opening_dates(ctx);
    const BACK_REFERENCES: &[&str] =
        &["展览", "该展览", "此次展览", "本次展览", "会议", "活动", "培训班", "首发式", "仪式"];
    for si in 1..ctx.sents.len() {
        let s = &ctx.sents[si];
        if !BACK_REFERENCES.iter().any(|b| s.text.starts_with(b)) {
            continue;
        }
        let Some(date) = date::find_dates(s.text, ctx.year).into_iter().next().map(|d| d.value) else { continue };
        let prev = last_event_in(ctx, si - 1);
        if let Some(e) = prev {
            set_if_vaguer(&mut ctx.mentions[e].date, date);
        }
    }
}

/// The last event named in a sentence (not one dropped inside a longer one).
fn last_event_in(ctx: &Ctx, si: usize) -> Option<usize> {
    ctx.in_sentence(EntityType::Event, si).into_iter().rev().find(|&e| !ctx.mentions[e].surface.is_empty())
}

/// `展览由四川省档案馆、中共四川省委党史研究室联合主办`: a sentence that opens
/// with a bare event noun and `由` names the organisers of the event just named
/// (in the sentence before, or for `本次展览`, `此次会议`, the latest event of
/// that kind before); `,吉林省博物院承办` after it names one more.
fn organisers_said_later(ctx: &mut Ctx) {
    const BACK: &[&str] = &[
        "展览",
        "该展览",
        "此次展览",
        "本次展览",
        "该展",
        "本展",
        "会议",
        "此次会议",
        "本次会议",
        "活动",
        "此次活动",
        "本次活动",
        "培训班",
    ];
    let mut found = Vec::new();
    for si in 1..ctx.sents.len() {
        let s = &ctx.sents[si];
        let Some(back) = BACK.iter().filter(|b| s.text.starts_with(*b)).max_by_key(|b| b.len()) else { continue };
        let Some(rest) = s.text[back.len()..].strip_prefix('由') else { continue };
        let clause_end = rest.find([',', '。', ';']).unwrap_or(rest.len());
        let clause = &rest[..clause_end];
        let Some(verb_at) = ["主办", "承办", "举办", "组织"].iter().filter_map(|v| clause.find(v)).min() else {
            continue;
        };
        let from = s.start + back.len() + '由'.len_utf8();
        let mut spans = vec![(from, from + verb_at)];
        // `…联合主办,吉林省博物院承办`: the next clause names who hosts it
        let next = &rest[clause_end..];
        if let Some(c) = next.strip_prefix(',') {
            let c = &c[..c.find([',', '。', ';']).unwrap_or(c.len())];
            if let Some(v) = c.strip_suffix("承办").or_else(|| c.strip_suffix("共同承办")) {
                let at = from + clause_end + ','.len_utf8();
                spans.push((at, at + v.len()));
            }
        }
        let units: Vec<usize> = ctx
            .in_sentence(EntityType::Unit, si)
            .into_iter()
            .filter(|&u| spans.iter().any(|&(a, b)| ctx.mentions[u].start >= a && ctx.mentions[u].end <= b))
            .collect();
        let this = ["本次", "此次", "该"].iter().any(|p| back.starts_with(p));
        let kind = back.trim_start_matches(['本', '次', '此', '该']);
        let subclass = match kind {
            "展览" | "展" => Some("Exhibition"),
            "会议" => Some("Meeting"),
            "培训班" => Some("Course"),
            _ => None,
        };
        let event = last_event_in(ctx, si - 1).or_else(|| {
            let want = |m: &Mention| {
                m.kind == EntityType::Event && !m.surface.is_empty() && (subclass.is_none() || m.subclass == subclass)
            };
            // (the event of this text was named at most a few paragraphs before)
            this.then(|| ctx.latest_within(si - 1, BACK_REFERENCE_WINDOW, usize::MAX, want)).flatten()
        });
        if let Some(e) = event {
            found.extend(units.into_iter().map(|u| (e, u, si)));
        }
    }
    for (e, u, si) in found {
        ctx.relate(rules::ORGANIZER_SAID_LATER, RelationType::Organizer, e, u, None, si);
    }
}

/// `…指导组来路桥巡回指导时参观图片展`: `参观`/`出席` a bare event noun refers to
/// the latest event of the document ending with it; whoever is named before
/// the verb takes part in that event.
fn visits_to_named_events(ctx: &mut Ctx) {
    let mut found = Vec::new();
    // `省委党史研究室主任任宗哲出席会议`: the unit of a post is no participant
    let affiliations = post_units(ctx);
    for s in &ctx.sents {
        for verb in TAKING_PART {
            for (vi, _) in s.text.match_indices(verb) {
                let rest = &s.text[vi + verb.len()..];
                let Some(noun) = GENERIC_CAMPAIGNS
                    .iter()
                    .filter(|n| n.chars().count() >= 2 && rest.starts_with(*n))
                    .max_by_key(|n| n.len())
                else {
                    continue;
                };
                let at = s.start + vi;
                // a meeting relayed (`传达…会议精神`) is not the one attended: the
                // one before it is (`召开…主任会议,传达…会议精神。…出席会议`)
                let target = ctx.latest_before(s.index, at, |m| {
                    m.kind == EntityType::Event
                        && !m.surface.is_empty()
                        && (m.surface.ends_with(noun) || same_kind(noun, m.subclass))
                        && !relayed_mention(ctx, m)
                });
                let Some(e) = target else { continue };
                let clause = s.text[..vi].rfind([',', ';']).map_or(0, |i| i + 1);
                for kind in [EntityType::Person, EntityType::Unit] {
                    for m in ctx.in_sentence(kind, s.index) {
                        let mm = &ctx.mentions[m];
                        // `干部到市档案馆参观展览`: where they go is not who takes part
                        let taking_part = mm.start >= s.start + clause && mm.end <= at && !gone_to(s, mm);
                        if taking_part && !affiliations.contains(&m) {
                            found.push((e, m, s.index));
                        }
                    }
                }
            }
        }
    }
    for (e, m, si) in found {
        ctx.relate(rules::PARTICIPANT_ATTENDS_NAMED, RelationType::Participant, e, m, None, si);
    }
}

/// A generic noun standing for an event of its kind: `出席会议` after a
/// `推进会`, `参观展览` after a `档案史料展`.
fn same_kind(noun: &str, subclass: Option<&str>) -> bool {
    match noun {
        "会议" | "大会" => subclass == Some("Meeting"),
        "展览" | "展" | "展出" => subclass == Some("Exhibition"),
        "仪式" => subclass == Some("Ceremony"),
        _ => false,
    }
}

/// A press-conference report: the units that present (`市档案馆发布` section
/// headers) and the people who answer (`…就记者提出的问题进行了解答`) take
/// part in the 发布会 the report is about.
fn press_conference(ctx: &mut Ctx) {
    let Some(conference) = ctx.mentions.iter().position(|m| {
        m.kind == EntityType::Event
            && m.surface.ends_with("发布会")
            && ctx.header_paragraphs.contains(&ctx.sents[m.sentence].paragraph)
    }) else {
        return;
    };
    let mut found = Vec::new();
    for (i, s) in ctx.sents.iter().enumerate() {
        // a section header: the sentence is a unit's name and `发布`
        for u in ctx.in_sentence(EntityType::Unit, i) {
            let m = &ctx.mentions[u];
            if m.start == s.start && s.text[m.end - s.start..].trim() == "发布" {
                found.push((u, i));
            }
        }
        // the people of the line before `就记者提出的问题进行了解答`
        if s.text.starts_with("就记者") && i > 0 {
            for p in ctx.in_sentence(EntityType::Person, i - 1) {
                found.push((p, i - 1));
            }
        }
    }
    for (x, si) in found {
        ctx.relate(rules::PARTICIPANT_PRESS_CONFERENCE, RelationType::Participant, conference, x, None, si);
    }
}

/// `6月9日,…举办首场展出`: a dated sentence about an exhibition opening that
/// names no exhibition dates the latest exhibition of its paragraph.
fn opening_dates(ctx: &mut Ctx) {
    for si in 1..ctx.sents.len() {
        let s = &ctx.sents[si];
        if !["首场展出", "开幕", "首展", "正式展出"].iter().any(|w| s.text.contains(w)) {
            continue;
        }
        let here = ctx.in_sentence(EntityType::Event, si);
        if here.iter().any(|&e| ctx.mentions[e].subclass == Some("Exhibition") && !ctx.mentions[e].surface.is_empty()) {
            continue;
        }
        let Some(date) = date::find_dates(s.text, ctx.year).into_iter().next().map(|d| d.value) else { continue };
        let p = s.paragraph;
        let target = (0..si)
            .rev()
            .take_while(|&i| ctx.sents[i].paragraph == p)
            .flat_map(|i| ctx.in_sentence(EntityType::Event, i).into_iter().rev())
            .find(|&e| ctx.mentions[e].subclass == Some("Exhibition") && !ctx.mentions[e].surface.is_empty());
        if let Some(e) = target {
            set_if_vaguer(&mut ctx.mentions[e].date, date);
        }
    }
}

/// Rule `event/year-in-name`: a day written without its year (`4月17日-19日,`)
/// takes the year the event's own name opens with (`2019年全省年鉴编纂工作推进会`,
/// `2023年全省史志机构主任会议`).
pub(crate) fn year_in_name(label: &str) -> Option<i32> {
    let year = label.get(..4)?;
    (year.bytes().all(|b| b.is_ascii_digit()) && label[4..].starts_with('年')).then(|| year.parse().ok())?
}

/// Replace a date by a more precise one of the same year (or none by any).
fn set_if_vaguer(slot: &mut Option<DateValue>, date: DateValue) {
    if slot.as_ref().is_none_or(|old| old.is_vaguer_than(&date)) {
        *slot = Some(date);
    }
}

/// `九一八事变`, `七七事变`: a historical event named by its month and day
/// in Chinese numerals, dated with the year written beside it.
fn day_in_name(label: &str, year: Option<i32>) -> Option<DateValue> {
    let digit = |c: char| "〇一二三四五六七八九".find(c).map(|i| (i / 3) as u32);
    let nums: Vec<u32> = label.chars().skip_while(|c| digit(*c).is_none()).map_while(digit).collect();
    let (m, d) = match nums.as_slice() {
        [m, d] => (*m, *d),
        // a leading 一 is ambiguous (`一二九`: 1-29 or 12-9): only 2–9 lead
        [m, a, b] if *m >= 2 => (*m, a * 10 + b),
        _ => return None,
    };
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some(match year {
        Some(y) => DateValue::Day(y, m, d),
        None => DateValue::MonthDay(m, d),
    })
}

/// A plenary session of a Central Committee: `中共十一届三中全会`,
/// `党的十九届六中全会`, `十八届三中全会` → `中国共产党第十一届中央委员会第三次全体会议`.
fn plenum_pattern() -> &'static regex::Regex {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| {
        regex::Regex::new(r"(?:中共|党的)?(十[一二三四五六七八九]?|二十[一二三四五六七八九]?|[一二三四五六七八九])届([一二三四五六七八九])中全会")
            .expect("plenum")
    })
}

/// `党的十八大`, `党的二十大`: the national congresses; and the Central
/// Committees' plenary sessions (`中共十一届三中全会`).
fn party_congress(ctx: &mut Ctx, si: usize) {
    let s = &ctx.sents[si];
    let mut found = Vec::new();
    for c in plenum_pattern().captures_iter(s.text) {
        let whole = c.get(0).expect("whole match");
        let label = format!("中国共产党第{}届中央委员会第{}次全体会议", &c[1], &c[2]);
        found.push((s.start + whole.start(), whole.len(), label, whole.as_str().to_owned()));
    }
    for (i, _) in s.text.match_indices("党的") {
        let rest = &s.text[i + "党的".len()..];
        let num: String = rest.chars().take_while(|c| "一二三四五六七八九十".contains(*c)).collect();
        if num.is_empty() || !rest[num.len()..].starts_with('大') {
            continue;
        }
        let written = format!("党的{num}大");
        found.push((s.start + i, written.len(), format!("中国共产党第{num}次全国代表大会"), written));
    }
    for (start, len, label, written) in found {
        let mut m = Mention::new(EntityType::Event, &label, start, start + len, si);
        m.subclass = Some("Meeting");
        m.alt.push(written);
        ctx.add(rules::EVENT_PARTY_CONGRESS, m);
    }
}

/// `袁家军到省委党史和文献研究室调研`, `…指导组来路桥巡回指导`.
fn visits(ctx: &mut Ctx, si: usize) {
    let s = &ctx.sents[si];
    let mut found = Vec::new();
    for verb in VISIT_VERBS {
        for (vi, _) in s.text.match_indices(verb) {
            let before = &s.text[..vi];
            let Some(go) = ["到", "来", "赴"].iter().filter_map(|w| before.rfind(w).map(|i| (i, w.len()))).max()
            else {
                continue;
            };
            let place = &before[go.0 + go.1..];
            if place.is_empty() || place.chars().count() > 16 || place.contains([',', '。', '、']) {
                continue;
            }
            // the visitors: people of the clause before `到` (else its units); a
            // delegation (`甲,乙,丙、丁一行来…`) runs back over its commas
            let delegation = before[..go.0].ends_with("一行");
            let clause = if delegation {
                before[..go.0].rfind(['。', ';']).map_or(0, |i| i + 1)
            } else {
                before[..go.0].rfind([',', ';', '。']).map_or(0, |i| i + 1)
            };
            let in_clause = |kind: EntityType| -> Vec<usize> {
                ctx.of_sentence(si)
                    .filter(|(_, m)| m.kind == kind && m.start >= s.start + clause && m.end <= s.start + go.0)
                    .map(|(i, _)| i)
                    .collect()
            };
            let mut people = in_clause(EntityType::Person);
            // `(通讯员:罗丹苓)`: the reporter is not of the delegation
            people.retain(|&p| !super::metadata::after_reporter_role(s.text, ctx.mentions[p].start - s.start));
            people.sort_by_key(|&p| ctx.mentions[p].start);
            let actors = if people.is_empty() { in_clause(EntityType::Unit) } else { people };
            let Some(&first) = actors.first() else { continue };
            let who = ctx.mentions[first].surface.clone();
            // `调研党史联络工作`: the work inspected belongs to the visit's name
            let after = &s.text[vi + verb.len()..];
            let object = &after[..after.find([',', '。', ';', '、', ',']).unwrap_or(after.len())];
            let object = if object.ends_with("工作") && object.chars().count() <= 10 { object } else { "" };
            let label = format!("{who}{}{place}{verb}{object}", &s.text[go.0..go.0 + go.1]);
            found.push((s.start + go.0, s.start + vi + verb.len() + object.len(), label, place.to_owned(), actors));
        }
    }
    for (start, end, label, place, actors) in found {
        let mut m = Mention::new(EntityType::Event, &label, start, end, si);
        m.subclass = Some("Visit");
        m.place = Some(place);
        let e = ctx.add(rules::EVENT_VISIT, m);
        for a in actors {
            ctx.relate(rules::PARTICIPANT_VISITOR, RelationType::Participant, e, a, None, si);
        }
    }
}

/// `走访慰问抗美援朝老战士陈锡云、方中`: a visit to people, named by its verb
/// and whom it visits; the people named after it take part.
fn condolence_visits(ctx: &mut Ctx) {
    let lx = lexicon::get();
    let mut found = Vec::new();
    for s in &ctx.sents {
        for verb in ["走访慰问", "看望慰问", "慰问"] {
            let Some(i) = s.text.find(verb) else { continue };
            if verb == "慰问" && (s.text[..i].ends_with("走访") || s.text[..i].ends_with("看望")) {
                continue;
            }
            let rest = &s.text[i + verb.len()..];
            // the object runs up to a role noun (`老战士`) or the first person
            let Some((cue_at, cue)) = lx.person_cues.iter().filter_map(|c| rest.find(c).map(|p| (p, *c))).min() else {
                continue;
            };
            let object = &rest[..cue_at + cue.len()];
            if object.chars().count() > 16 || object.contains([',', '。', ';']) {
                continue;
            }
            let start = s.start + i;
            found.push((s.index, start, start + verb.len() + object.len(), format!("{verb}{object}")));
        }
    }
    for (si, start, end, label) in found {
        let mut m = Mention::new(EntityType::Event, &label, start, end, si);
        m.subclass = Some("Visit");
        ctx.add(rules::EVENT_CONDOLENCE_VISIT, m);
    }
}

/// Paragraphs that speak of this year as a whole: one that opens with
/// `今年以来`, and the enumerated paragraphs (`一是…`, `二是…`, `(一)…`) that
/// follow a lead naming that frame (`下面从四个方面重点介绍今年以来…`).
fn this_year_paragraphs(ctx: &Ctx) -> std::collections::HashSet<usize> {
    let mut out = std::collections::HashSet::new();
    let mut in_frame = false;
    let mut last = usize::MAX;
    for (i, s) in ctx.sents.iter().enumerate() {
        if s.paragraph == last {
            continue;
        }
        last = s.paragraph;
        let text = s.text.trim_start();
        let item = is_enumerated(text);
        if text.starts_with("今年以来") {
            out.insert(s.paragraph);
        }
        if in_frame && item {
            out.insert(s.paragraph);
            continue;
        }
        // a lead: its whole paragraph (the sentences from here on), not only
        // its first sentence, names the frame
        let mut paragraph = ctx.sents[i..].iter().take_while(|t| t.paragraph == s.paragraph);
        in_frame = !item && paragraph.any(|t| t.text.contains("今年以来"));
    }
    out
}

/// `一是…`, `二、…`, `(三)…`, `4.…`: an item of an enumeration.
fn is_enumerated(text: &str) -> bool {
    const NUMERALS: &str = "一二三四五六七八九十";
    let mut chars = text.chars();
    let first = chars.next();
    let rest = chars.as_str();
    match first {
        Some('(' | '（') => rest.chars().next().is_some_and(|c| NUMERALS.contains(c) || c.is_ascii_digit()),
        Some(c) if NUMERALS.contains(c) => {
            let after = rest.trim_start_matches(|c| NUMERALS.contains(c));
            after.starts_with('是') || after.starts_with('、')
        }
        Some(c) if c.is_ascii_digit() => {
            let after = rest.trim_start_matches(|c: char| c.is_ascii_digit());
            after.starts_with(['.', '、'])
        }
        _ => false,
    }
}

/// How many sentences back a bare day (`27日上午`) looks for its month.
const MONTH_LOOKBACK: usize = 8;

/// The dates of sentence `si`: its full dates, and its bare days (`19日上午`)
/// in the month of the latest date before them (in the sentence, or in the
/// few sentences before it: `4月26日至27日,…。27日上午,…`), in text order.
fn sentence_dates(ctx: &Ctx, si: usize) -> Vec<date::DateMention> {
    let s = &ctx.sents[si];
    let mut dates = date::find_dates(s.text, ctx.year);
    let days = date::bare_days(s.text);
    if days.is_empty() {
        return dates;
    }
    // the month of the sentences before, read once for all the sentence's bare days
    let earlier = std::cell::OnceCell::new();
    let earlier = || {
        *earlier.get_or_init(|| {
            (si.saturating_sub(MONTH_LOOKBACK)..si)
                .rev()
                .find_map(|p| date::month_of(&date::find_dates(ctx.sents[p].text, ctx.year)))
        })
    };
    for (start, end, day) in days {
        let here: Vec<date::DateMention> = dates.iter().filter(|d| d.end <= start).cloned().collect();
        let Some((year, month)) = date::month_of(&here).or_else(earlier) else { continue };
        let value = match year.or(ctx.year) {
            Some(y) => DateValue::Day(y, month, day),
            None => DateValue::MonthDay(month, day),
        };
        dates.push(date::DateMention { start, end, value });
    }
    dates.sort_by_key(|d| d.start);
    dates
}

/// A bare event noun (`出席了座谈会`) in a sentence without a date refers to
/// the occasion just narrated: the day given in the sentence before.
fn narrated_day(ctx: &Ctx, e: usize) -> Option<DateValue> {
    let m = &ctx.mentions[e];
    if m.sentence == 0 {
        return None;
    }
    let bare = lexicon::get().is_event_noun(&m.surface);
    let s = &ctx.sents[m.sentence];
    if !bare && !held_as_the_story_goes_on(&s.text[..m.start - s.start]) {
        return None;
    }
    // a news story goes on in the day of its lead (`6月27日,…一行来大祥区调研。
    // …一行…并参加了调研座谈会`): the latest dated sentence before, at most
    // NARRATIVE_SPAN back, when it gives one day
    let span = if bare || ctx.yearbook { 1 } else { NARRATIVE_SPAN };
    for si in (m.sentence.saturating_sub(span)..m.sentence).rev() {
        let dates = sentence_dates(ctx, si);
        if dates.is_empty() {
            continue;
        }
        return match dates.as_slice() {
            [d] if matches!(d.value, DateValue::Day(..) | DateValue::MonthDay(..)) => Some(d.value.clone()),
            _ => None,
        };
    }
    None
}

/// Is an event named after `lead` one the story holds or attends as it goes
/// on? Only then is it on the story's day:
/// - the clause holds or attends it (`并召开…座谈会`), not refers to it
///   (`贯彻落实全省党史工作会议要求`, `学习党的二十大`);
/// - the sentence says the story goes on (`并参加了…`, `随后,…`):
///   `县委常委张志红出席了全县档案工作会议` may be another day;
/// - the sentence sets no time of its own (`全省党史工作会议后,…召开专门会议`).
fn held_as_the_story_goes_on(lead: &str) -> bool {
    let clause = &lead[lead.rfind([',', ';', ',']).map_or(0, |i| i + 1)..];
    let held = ATTENDING.iter().chain(TAKING_PART).any(|v| clause.contains(v));
    let goes_on = GOING_ON.iter().any(|w| lead.contains(w));
    held && goes_on && {
        let own_frame = ["随后", "然后", "最后"].iter().fold(lead.to_owned(), |t, w| t.replace(w, ""));
        !OWN_TIME_FRAME.iter().any(|w| own_frame.contains(w))
    }
}

/// Words by which a story goes on from what it told before: `并`, `随后`.
const GOING_ON: &[&str] = &["并", "随后", "接着", "然后", "当天", "同日"];

/// A sentence that opens its own time frame (`会议后,`, `今年以来,`) is not
/// on the story's day (`随后,` goes on in it).
const OWN_TIME_FRAME: &[&str] = &["后,", "以后,", "之后,", "以来,", "期间,", "前,", "此前,"];

/// How many sentences back a news story's day still holds for an event named
/// without one.
const NARRATIVE_SPAN: usize = 3;

/// The day of a news article's lead: the first day or month-and-day date in
/// the first sentence after the header (a news lead says when first:
/// `5月26日至27日,…`, `为完成…项目,2024年4月15日至4月19日,…`).
fn lead_day(ctx: &Ctx) -> Option<DateValue> {
    let lead = ctx.sents.iter().find(|s| !ctx.header_paragraphs.contains(&s.paragraph))?;
    date::find_dates(lead.text, ctx.year)
        .into_iter()
        .map(|d| d.value)
        .find(|v| matches!(v, DateValue::Day(..) | DateValue::MonthDay(..)))
}

/// Date and place of an event.
fn attributes(ctx: &mut Ctx, e: usize, this_year: &std::collections::HashSet<usize>) {
    let m = &ctx.mentions[e];
    let s = &ctx.sents[m.sentence];
    let dates = sentence_dates(ctx, m.sentence);
    let before = dates.iter().rfind(|d| s.start + d.end <= m.start);
    let any = before.or(dates.first());
    // `传达学习全国…会议精神`: a meeting whose spirit is relayed was held before
    // the day of the sentence, which is the relaying meeting's
    let relayed = s.text[m.end - s.start..].starts_with("精神");
    let mut value = any.filter(|_| !relayed).map(|d| d.value.clone());
    if m.subclass == Some("HistoricalEvent") {
        if let Some(d) = day_in_name(&m.surface, value.as_ref().and_then(DateValue::year)) {
            value = Some(d);
        }
    }
    if value.is_none() {
        value = date::anniversary_year(&m.surface).map(DateValue::Year);
    }
    let mut weak = false;
    // an event named in the headline happened on the day the lead sentence
    // opens with (`5月26日至27日,…刘芸率队赴舟山`), else on the article's date
    if value.is_none() && ctx.header_paragraphs.contains(&s.paragraph) {
        value = lead_day(ctx).or_else(|| ctx.header_date.clone());
        weak = value.is_some();
    }
    if value.is_none() && m.date.is_none() && !relayed {
        value = narrated_day(ctx, e);
    }
    if value.is_none() && m.date.is_none() && !relayed {
        let present = ["今年", "目前", "正在", "近日", "日前"].iter().any(|w| s.text.contains(w))
            || this_year.contains(&s.paragraph);
        if (ctx.yearbook || present) && m.subclass != Some("HistoricalEvent") {
            value = ctx.year.map(DateValue::Year);
            weak = value.is_some();
        }
    }
    let place = place_of(ctx, e);
    let m = &mut ctx.mentions[e];
    if m.date.is_none() {
        m.date = value;
        m.weak_date = weak;
    }
    if m.place.is_none() {
        m.place = place;
    }
}

/// `在X举办`: X, when X is a unit named in the sentence before the event.
fn place_of(ctx: &Ctx, e: usize) -> Option<String> {
    let m = &ctx.mentions[e];
    let s = &ctx.sents[m.sentence];
    ctx.in_sentence(EntityType::Unit, m.sentence).into_iter().find_map(|u| {
        let um = &ctx.mentions[u];
        let lead = &s.text[..um.start - s.start];
        let after = &s.text[um.end - s.start..];
        (lead.ends_with('在')
            && um.end <= m.start
            && ["举办", "举行", "召开", "开幕"].iter().any(|v| after.starts_with(v)))
        .then(|| um.surface.clone())
    })
}

/// The actors of the nearest organising verb before the event, or named in
/// the event itself (`区委常委会`).
fn organisers(ctx: &mut Ctx, e: usize) {
    let (si, start) = (ctx.mentions[e].sentence, ctx.mentions[e].start);
    let surface = &ctx.mentions[e].surface;
    let condolence = ["走访慰问", "看望慰问", "慰问"].iter().any(|v| surface.starts_with(v));
    if condolence {
        // the unit of the paragraph pays the visit
        if let Some(u) = topic::implicit_subject(ctx, si) {
            ctx.relate(rules::ORGANIZER_IN_NAME, RelationType::Organizer, e, u, None, si);
        }
        return;
    }
    if matches!(ctx.mentions[e].subclass, Some("HistoricalEvent") | Some("Visit")) {
        return;
    }
    let s = &ctx.sents[si];
    let before = &s.text[..start - s.start];
    let inner = ctx.in_sentence(EntityType::Unit, si).into_iter().find(|&u| {
        ctx.mentions[u].start == start
            && ctx.mentions[u].end < ctx.mentions[e].end
            && ctx.mentions[u].surface != "中国共产党"
    });
    // the verb must govern the event: no clause break between them
    let governing = ORGANISING
        .iter()
        .filter_map(|v| before.rfind(v).map(|i| (i, *v)))
        // `X与Y联合,邀请…作了口述历史`: joining forces governs the clauses after it
        .filter(|&(i, v)| v == "联合" || !before[i + v.len()..].contains([',', ';', '。', '!', '?']))
        .map(|(i, _)| i)
        .max();
    let mut actors = Vec::new();
    if let Some(u) = inner {
        actors.push(u);
    } else if let Some(at) = governing {
        actors = topic::actors_before(ctx, si, s.start + at);
        topic::add_partnering_subject(ctx, si, &mut actors);
    } else if let Some(u) = by_agent(ctx, si, start) {
        actors.push(u);
    }
    for u in actors {
        ctx.relate(rules::ORGANIZER_VERB, RelationType::Organizer, e, u, None, si);
    }
}

/// `由X主办`.
fn by_agent(ctx: &Ctx, si: usize, _start: usize) -> Option<usize> {
    let s = &ctx.sents[si];
    let i = s.text.find('由')?;
    let rest = &s.text[i..];
    if !["主办", "承办", "举办", "组织"].iter().any(|v| rest.contains(v)) {
        return None;
    }
    ctx.in_sentence(EntityType::Unit, si).into_iter().find(|&u| ctx.mentions[u].start == s.start + i + '由'.len_utf8())
}

/// Is event mention `e` a meeting whose spirit or demands the sentence relays
/// (`传达学习全国党史和文献部门主要负责人会议精神`, `…常委会会议要求`)? It was held elsewhere,
/// by others: the sentence's people do not attend it.
pub fn relayed(ctx: &Ctx, e: usize) -> bool {
    relayed_mention(ctx, &ctx.mentions[e])
}

fn relayed_mention(ctx: &Ctx, m: &Mention) -> bool {
    let s = &ctx.sents[m.sentence];
    let after = &s.text[m.end - s.start..];
    after.starts_with("精神") || after.starts_with("要求")
}

/// Is the mention where someone goes (`到市委党校`, `赴舟山`)?
fn gone_to(s: &Sent, m: &Mention) -> bool {
    let lead = &s.text[..m.start - s.start];
    DESTINATION_VERBS.iter().any(|w| lead.ends_with(w))
}

/// The units people hold posts in: named as whose they are, not as taking part.
fn post_units(ctx: &Ctx) -> std::collections::HashSet<usize> {
    ctx.relations.iter().filter(|r| r.kind == RelationType::HoldsPost).map(|r| r.to).collect()
}

/// People and units of a sentence that take part: the subjects of `出席`,
/// `陪同`, `参观`; people named in a sentence with one event.
fn participants(ctx: &mut Ctx, e: usize) {
    let (si, start) = (ctx.mentions[e].sentence, ctx.mentions[e].start);
    let s = &ctx.sents[si];
    let verb = TAKING_PART.iter().filter_map(|v| s.text[..start - s.start].rfind(v)).max();
    let mut found = Vec::new();
    if let Some(at) = verb {
        for kind in [EntityType::Person, EntityType::Unit] {
            for i in ctx.in_sentence(kind, si) {
                // `刘晓晨到市委党校…参观`: where the subject goes is not who takes part
                if ctx.mentions[i].end <= s.start + at && !gone_to(s, &ctx.mentions[i]) {
                    found.push(i);
                }
            }
        }
    }
    // `…到桃源县史志办开展支部联基层活动`: the unit visited takes part in what
    // is done there, in the same clause (`到市委党校参观,…并召开座谈会`: the
    // meeting of a later clause was held elsewhere)
    for u in ctx.in_sentence(EntityType::Unit, si) {
        let m = &ctx.mentions[u];
        let lead = &s.text[..m.start - s.start];
        let same_clause = m.end <= start && !s.text[m.end - s.start..start - s.start].contains([',', ';']);
        if same_clause && ["到", "赴"].iter().any(|w| lead.ends_with(w)) {
            found.push(u);
        }
    }
    let events_here = ctx.in_sentence(EntityType::Event, si).len();
    if events_here == 1 && ctx.mentions[e].subclass != Some("HistoricalEvent") {
        found.extend(
            ctx.in_sentence(EntityType::Person, si).into_iter().filter(|&p| !ctx.in_title(s, ctx.mentions[p].start)),
        );
    }
    let affiliations = post_units(ctx);
    // `传达全国…会议精神`: a meeting whose spirit is relayed is not the one attended
    if relayed(ctx, e) {
        return;
    }
    // `纪念毛泽东同志诞辰130周年座谈会`: whom the event is named after is no participant
    let (e_start, e_end) = (ctx.mentions[e].start, ctx.mentions[e].end);
    // `(记者王璇)`: the reporter is no participant
    let (text, s_start) = (s.text, s.start);
    found.retain(|&p| !super::metadata::after_reporter_role(text, ctx.mentions[p].start - s_start));
    // `杨靖宇、李兆麟等9位英雄模范的后人被聘为…`: the kin take part, not the forebears
    found.retain(|&p| {
        let rest = &text[ctx.mentions[p].end - s_start..];
        let clause = &rest[..rest.find([',', '。', ';', '!', '?']).unwrap_or(rest.len())];
        !KIN.iter().any(|k| clause.contains(k))
    });
    for p in found {
        let named_in_event = e_start <= ctx.mentions[p].start && ctx.mentions[p].end <= e_end;
        if !affiliations.contains(&p) && !named_in_event {
            ctx.relate(rules::PARTICIPANT_SENTENCE, RelationType::Participant, e, p, None, si);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrases(text: &str) -> Vec<String> {
        let s = Sent::for_test(text);
        noun_phrases(&s).into_iter().map(|(a, b, _)| text[a..b].to_owned()).collect()
    }

    #[test]
    fn quoted_titles_belong_to_the_event() {
        assert!(phrases("组织举办“百年足迹”路桥党史图片展。").contains(&"“百年足迹”路桥党史图片展".to_owned()));
        assert!(phrases("配合区纪委举办《书画展芳华翰墨扬清风》清廉书画展,丰富了")
            .contains(&"《书画展芳华翰墨扬清风》清廉书画展".to_owned()));
    }

    #[test]
    fn a_quoted_show_is_an_exhibition() {
        assert!(
            phrases_and_titles("主办的“案藏瑰宝-国家档案菁华展”开幕。").contains(&"案藏瑰宝-国家档案菁华展".to_owned())
        );
        assert!(!phrases_and_titles("坚持“推动经济社会高质量发展”。").iter().any(|p| p.contains("发展")));
    }

    #[test]
    fn a_delegation_visits_under_its_leader() {
        let t = "大祥融媒讯:(通讯员:罗丹苓)6月27日,市政协原副主席杨建新,市委党史研究室主任赵比特,市党史联络组成员罗础、彭俊涛一行来大祥区调研党史联络工作。";
        let r = crate::extract::read(&crate::normalize::normalize(t));
        let visit = r.mentions.iter().find(|m| m.subclass == Some("Visit")).expect("a visit");
        assert_eq!(visit.surface, "杨建新来大祥区调研党史联络工作");
        let visitors: Vec<&str> = r
            .relations
            .iter()
            .filter(|x| x.kind == RelationType::Participant)
            .map(|x| r.mentions[x.to].surface.as_str())
            .collect();
        for who in ["杨建新", "赵比特", "罗础", "彭俊涛"] {
            assert!(visitors.contains(&who), "{who}: {visitors:?}");
        }
        assert!(!visitors.contains(&"罗丹苓"), "{visitors:?}");
    }

    #[test]
    fn a_generation_cohort_is_part_of_the_name() {
        let found = phrases_and_titles("举办全市80后优秀年轻干部培训班和优秀中青年干部培训班。");
        assert!(found.iter().any(|f| f.ends_with("80后优秀年轻干部培训班")), "{found:?}");
        let found = phrases_and_titles("团市委举办90后青年干部读书班。");
        assert!(found.iter().any(|f| f.contains("90后青年干部读书班")), "{found:?}");
    }

    #[test]
    fn plenary_sessions_take_their_full_names() {
        let found = phrases_and_titles("1978年12月中共十一届三中全会以来,广州在各领域突破旧的体制。");
        assert!(found.contains(&"中国共产党第十一届中央委员会第三次全体会议".to_owned()), "{found:?}");
        let found = phrases_and_titles("深入学习党的十九届六中全会精神。");
        assert!(found.contains(&"中国共产党第十九届中央委员会第六次全体会议".to_owned()), "{found:?}");
    }

    #[test]
    fn a_held_name_runs_from_the_verb() {
        let found = phrases_and_titles("6月24日,四家单位联合举办风雨同舟七十年——中共与民盟合作关系研讨会。");
        assert!(found.contains(&"风雨同舟七十年——中共与民盟合作关系研讨会".to_owned()), "{found:?}");
        let found = phrases_and_titles("8月16日,研究会在上海展览中心共同举办新书首发式暨出版座谈会。");
        assert!(found.contains(&"新书首发式暨出版座谈会".to_owned()), "{found:?}");
        let found = phrases_and_titles("市档案馆召开档案与方志工作座谈会。");
        assert!(found.contains(&"档案与方志工作座谈会".to_owned()), "{found:?}");
        // what the verb is followed by is no name: the name starts as before
        let found = phrases_and_titles("省档案馆举办了一次别开生面的档案馆开放日与读者见面会。");
        assert!(!found.iter().any(|f| f.contains("别开生面")), "{found:?}");
    }

    pub(super) fn phrases_and_titles(text: &str) -> Vec<String> {
        let r = crate::extract::read(&crate::normalize::normalize(text));
        r.mentions.iter().filter(|m| m.kind == EntityType::Event).map(|m| m.surface.clone()).collect()
    }

    #[test]
    fn meetings_and_courses() {
        let p = phrases("了解基层党史部门贯彻落实今年3月全省党史工作会议精神");
        assert!(p.iter().any(|x| x.ends_with("全省党史工作会议")), "{p:?}");
        let p = phrases("举办全市档案基础业务培训班、省第十二次党代会精神专题培训班等");
        assert!(p.iter().any(|x| x.contains("档案基础业务培训班")), "{p:?}");
    }

    #[test]
    fn anniversary_meetings_keep_their_whole_name() {
        let p = phrases("市委党史研究室联合举办纪念毛泽东同志诞辰130周年座谈会。");
        assert!(p.contains(&"纪念毛泽东同志诞辰130周年座谈会".to_owned()), "{p:?}");
    }

    #[test]
    fn a_verb_and_its_meeting_is_no_event_name() {
        let p = phrases("县委党史研究室主任谢志强主持会议。");
        assert!(p.is_empty(), "{p:?}");
    }

    #[test]
    fn verbs_ending_like_nouns_are_not_events() {
        let p = phrases("大力开展红色档案征集");
        assert!(p.is_empty(), "{p:?} {:?}", crate::segment::tag("大力开展红色档案征集", 0));
        assert!(phrases("推动莱州档案事业高质量发展").is_empty());
    }

    #[test]
    fn coordinated_places_make_several_meetings() {
        let text = "贯彻落实全国、全省和全市党史和文献工作会议精神";
        let s = Sent::for_test(text);
        let start = text.find("全市").unwrap();
        let labels: Vec<String> = distribute(&s, start, "全市党史和文献工作会议").into_iter().map(|x| x.1).collect();
        assert_eq!(labels, ["全市党史和文献工作会议", "全省党史和文献工作会议", "全国党史和文献工作会议"]);
    }
}

#[cfg(test)]
mod quoted_tests {
    use crate::model::EntityType;
    use crate::normalize;

    /// Quoted exhibition titles are whole events (and a sentence that is not the
    /// document's first once made `in_title` slice before the sentence).
    #[test]
    fn quoted_titles_are_events() {
        let doc = normalize::normalize("市档案馆发布。\n先后举办“庆祝新中国成立70周年——‘文史风华’首届全国市级文史研究馆书画展”“壮丽70年,奋斗新时代——印象沈阳之城市变迁展”等系列展览。");
        let r = crate::extract::read(&doc);
        let events: Vec<&str> = r
            .mentions
            .iter()
            .filter(|m| m.kind == EntityType::Event && !m.surface.is_empty())
            .map(|m| m.surface.as_str())
            .collect();
        assert!(events.contains(&"庆祝新中国成立70周年——‘文史风华’首届全国市级文史研究馆书画展"), "{events:?}");
        assert!(events.contains(&"壮丽70年,奋斗新时代——印象沈阳之城市变迁展"), "{events:?}");
    }
}

#[cfg(test)]
mod press_tests {
    use crate::model::{EntityType, RelationType};
    use crate::normalize;

    /// The presenting units and the answering officials of a press-conference
    /// report take part in its 发布会.
    #[test]
    fn presenters_take_part_in_the_press_conference() {
        let text = "成果专场新闻发布会举行\n市档案馆发布\n市档案馆举办展览。\n发布会现场\n市档案馆馆长王明\n就记者提出的问题进行了解答";
        let doc = normalize::normalize(text);
        let r = crate::extract::read(&doc);
        let conf = r
            .mentions
            .iter()
            .position(|m| m.kind == EntityType::Event && m.surface.ends_with("发布会"))
            .expect("the conference");
        let parts: Vec<&str> = r
            .relations
            .iter()
            .filter(|x| x.kind == RelationType::Participant && x.from == conf)
            .map(|x| r.mentions[x.to].surface.as_str())
            .collect();
        assert!(parts.contains(&"王明"), "{parts:?}");
        assert!(parts.contains(&"市档案馆"), "{parts:?}");
    }
}

#[cfg(test)]
mod date_name_tests {
    use super::*;

    #[test]
    fn historical_events_named_by_their_day() {
        assert_eq!(day_in_name("“九一八”事变", Some(1931)), Some(DateValue::Day(1931, 9, 18)));
        assert_eq!(day_in_name("七七事变", Some(1937)), Some(DateValue::Day(1937, 7, 7)));
        assert_eq!(day_in_name("一二九运动", Some(1935)), None);
        assert_eq!(day_in_name("西安事变", Some(1936)), None);
    }
}

#[cfg(test)]
mod date_tests {
    use super::{is_category, is_enumerated, year_in_name};
    use crate::model::EntityType;
    use crate::normalize;

    fn event_dates(text: &str) -> Vec<(String, Option<String>)> {
        let r = crate::extract::read(&normalize::normalize(text));
        r.mentions
            .iter()
            .filter(|m| m.kind == EntityType::Event)
            .map(|m| (m.surface.clone(), m.date.as_ref().map(|d| d.iso())))
            .collect()
    }

    fn date_of(dates: &[(String, Option<String>)], surface: &str) -> Option<String> {
        dates.iter().find(|(s, _)| s.contains(surface)).unwrap_or_else(|| panic!("no {surface} in {dates:?}")).1.clone()
    }

    #[test]
    fn enumeration_items() {
        for item in ["一是举办了展览", "十二是", "三、加强", "(二)用好", "（四）从严", "2.开展", "3、推进"]
        {
            assert!(is_enumerated(item), "{item}");
        }
        for text in ["一直以来", "三年来", "2021年", "(市档案馆)", "十分重视"] {
            assert!(!is_enumerated(text), "{text}");
        }
    }

    /// `下面从两个方面介绍今年以来的工作` frames the `一是…`/`二是…` after it;
    /// the enumeration under `党的十八大以来` stays undated.
    #[test]
    fn taking_part_in_an_unnamed_event_names_none() {
        assert!(is_category("参观展览"));
        assert!(is_category("出席会议"));
        assert!(!is_category("参观“百年足迹”展览"));
    }

    #[test]
    fn a_day_without_its_year_takes_the_year_of_the_name() {
        assert_eq!(year_in_name("2019年全省年鉴编纂工作推进会"), Some(2019));
        assert_eq!(year_in_name("全省年鉴编纂工作推进会"), None);
        assert_eq!(year_in_name("20家单位联合展览"), None);
        let d = event_dates(
            "4月17日-19日,2019年全省年鉴编纂工作推进会暨业务培训班在南通海安举行。\n省志办副主任牟国义出席会议。",
        );
        assert_eq!(date_of(&d, "推进会").as_deref(), Some("2019-04-17"), "{d:?}");
    }

    #[test]
    fn a_lead_paragraph_frames_its_enumeration_in_this_year() {
        let text = "市档案馆工作成果\n2021年6月23日\n党的十八大以来,市档案馆成果丰富。\n一是举办了“红色记忆”档案展。\n下面从两个方面介绍今年以来的工作。\n一是举办了“百年风华”图片展。\n二是召开了“红色故事”主题座谈会。\n市档案馆还将举办“城市记忆”书画展。";
        let dates = event_dates(text);
        assert_eq!(date_of(&dates, "红色记忆"), None, "{dates:?}");
        assert_eq!(date_of(&dates, "百年风华").as_deref(), Some("2021"), "{dates:?}");
        assert_eq!(date_of(&dates, "红色故事").as_deref(), Some("2021"), "{dates:?}");
        assert_eq!(date_of(&dates, "城市记忆"), None, "{dates:?}");
    }

    /// `6月3日,…开展活动。…出席了座谈会。`: the bare 座谈会 is that day's.
    #[test]
    fn a_headline_event_takes_the_day_of_the_lead_not_the_page_date() {
        let text = "王建华赴湖州调研\n发布时间:2022-06-06\n5月26日至27日,省档案馆馆长王建华率队赴湖州调研。";
        assert_eq!(date_of(&event_dates(text), "赴湖州调研").as_deref(), Some("2022-05-26"));
        // the lead's date after an opening clause
        let text = "李明到百色调研\n发布时间:2024-06-05\n为完成课题任务,2024年4月15日至19日,市委党史研究室主任李明带队到百色调研。";
        assert_eq!(date_of(&event_dates(text), "到百色调研").as_deref(), Some("2024-04-15"));
        // no date in the lead: the page's date
        let text = "李明到百色调研\n发布时间:2024-06-05\n市委党史研究室主任李明带队到百色调研。";
        assert_eq!(date_of(&event_dates(text), "到百色调研").as_deref(), Some("2024-06-05"));
    }

    #[test]
    fn a_bare_event_noun_takes_the_day_just_narrated() {
        let text =
            "支部联基层\n6月3日,省委党史研究室人物研究处党支部到桃源县史志办开展调研活动。县委常委张志红出席了座谈会。";
        assert_eq!(date_of(&event_dates(text), "座谈会").as_deref(), Some("--06-03"));
        // a titled meeting is not a back-reference
        let text = "支部联基层\n6月3日,省委党史研究室人物研究处党支部到桃源县史志办开展调研活动。县委常委张志红出席了全县档案工作会议。";
        assert_eq!(date_of(&event_dates(text), "档案工作会议"), None);
    }
}

#[cfg(test)]
mod work_tests {
    use crate::model::EntityType;
    use crate::normalize;

    /// `《石家庄年鉴(2021)》编纂工作培训班`: a course named with the work it is
    /// about; the work is a publication of its own.
    #[test]
    fn a_course_about_a_work_keeps_both() {
        let r =
            crate::extract::read(&normalize::normalize("11月,市史志办组织开展《石家庄年鉴(2021)》编纂工作培训班。"));
        let of = |k: EntityType| {
            r.mentions
                .iter()
                .filter(|m| m.kind == k && !m.surface.is_empty())
                .map(|m| m.surface.clone())
                .collect::<Vec<_>>()
        };
        assert!(
            of(EntityType::Event).iter().any(|e| e == "石家庄年鉴(2021)编纂工作培训班"),
            "{:?}",
            of(EntityType::Event)
        );
        assert!(
            of(EntityType::Publication).contains(&"石家庄年鉴(2021)".to_owned()),
            "{:?}",
            of(EntityType::Publication)
        );
    }
}

#[cfg(test)]
mod back_reference_tests {
    use crate::model::{EntityType, RelationType};
    use crate::normalize;

    /// `…举办“百年征程”档案文献展。展览由X、Y联合主办`: X and Y organise it.
    #[test]
    fn organisers_of_this_exhibition_named_later() {
        let organisers = crate::extract::related("19日上午,吉林省近现代史展览在长春开幕。本次展览分为9大展区。本次展览由吉林省委宣传部、吉林省委党史研究室联合主办,吉林省博物院承办。", RelationType::Organizer);
        for u in ["吉林省委宣传部", "吉林省委党史研究室", "吉林省博物院"] {
            assert!(organisers.iter().any(|(e, o)| e == "吉林省近现代史展览" && o == u), "{u}: {organisers:?}");
        }
    }

    /// `参观` ends the name before it: the visitor is not part of the show
    /// (the headline shape of dev_b10, in a sentence of its own).
    #[test]
    fn a_visitor_is_not_part_of_the_shows_name() {
        let events = super::tests::phrases_and_titles("7月1日,县委书记王明参观桃源县庆祝建党100周年档案图片展。");
        assert_eq!(events, ["桃源县庆祝建党100周年档案图片展"]);
    }

    /// `到市档案馆参观展览`: the place they go to shows the exhibition; the
    /// people who go take part.
    #[test]
    fn where_visitors_go_is_no_participant() {
        let t = "5月18日,市档案馆举办“红色记忆”档案展。区委组织部组织党员干部到市档案馆参观展览。";
        let part = crate::extract::related(t, RelationType::Participant);
        assert!(part.iter().any(|(_, p)| p == "区委组织部"), "{part:?}");
        assert!(!part.iter().any(|(_, p)| p == "市档案馆"), "{part:?}");
    }

    /// `出席会议` after `召开…会议,传达…会议精神`: the meeting held, not the
    /// one relayed, and not the units of the attendants' posts (dev_a07,
    /// dev_b04; here in one constructed story).
    #[test]
    fn attending_a_meeting_skips_the_one_relayed() {
        let t = "2月15日,省委党史研究室召开全省党史研究室主任会议,传达全国党史和文献部门主要负责人会议精神。\
                 省委党史研究室副主任王明出席会议。";
        let part = crate::extract::related(t, RelationType::Participant);
        assert!(part.iter().any(|(e, p)| e.ends_with("主任会议") && p == "王明"), "{part:?}");
        assert!(!part.iter().any(|(e, _)| e.contains("全国")), "{part:?}");
        assert!(!part.iter().any(|(_, p)| p == "省委党史研究室"), "{part:?}");
    }

    /// A word the segmenter does not read as a noun but the tagger does
    /// belongs to the name (`侨批档案展`, seed 004; another list shape).
    #[test]
    fn the_tagger_s_noun_belongs_to_the_name() {
        let events = super::tests::phrases_and_titles("市档案馆积极筹备外事礼品展、侨批档案展等展陈工作。");
        assert!(events.contains(&"侨批档案展".to_owned()), "{events:?}");
    }

    /// A news story goes on in its lead's day: an event named two lines
    /// later with no date of its own (dev_b13's shape; another: `随后`).
    #[test]
    fn an_event_later_in_the_story_takes_the_leads_day() {
        let t =
            "本报讯 4月27日,王明一行到泸州市调研党史工作。\n王明一行参观了纪念馆。\n随后,王明召开党史工作调研座谈会。";
        let r = crate::extract::read(&normalize::normalize(t));
        let dated: Vec<(String, Option<String>)> = r
            .mentions
            .iter()
            .filter(|m| m.kind == EntityType::Event)
            .map(|m| (m.surface.clone(), m.date.as_ref().map(|d| d.iso())))
            .collect();
        assert!(dated.contains(&("党史工作调研座谈会".to_owned(), Some("--04-27".to_owned()))), "{dated:?}");
        // a meeting held in a time frame of its own, or one only referred to, keeps none
        let t = "本报讯 6月3日,人物研究处到桃源县调研。\n全省党史工作会议后,桃源县史志办召开专门会议,学习了全省党史工作会议精神。";
        let r = crate::extract::read(&normalize::normalize(t));
        let dated: Vec<Option<String>> = r
            .mentions
            .iter()
            .filter(|m| m.kind == EntityType::Event && m.sentence == 1)
            .map(|m| m.date.as_ref().map(|d| d.iso()))
            .collect();
        assert!(!dated.is_empty() && dated.iter().all(Option::is_none), "{dated:?}");
    }

    #[test]
    fn forebears_and_lacked_events_are_not_read() {
        let t = "19日上午,吉林省近现代史展览在长春开展,填补了多年来吉林省缺乏近现代史专题展览的空白。杨靖宇、李兆麟等9位英雄模范的后人被聘为吉林省近现代史展览顾问。";
        let r = crate::extract::read(&normalize::normalize(t));
        let events: Vec<&str> =
            r.mentions.iter().filter(|m| m.kind == EntityType::Event).map(|m| m.surface.as_str()).collect();
        assert!(events.contains(&"吉林省近现代史展览"), "{events:?}");
        assert!(!events.contains(&"近现代史专题展览"), "{events:?}");
        assert!(!r.relations.iter().any(|x| x.kind == RelationType::Participant), "{:?}", r.relations);
        let t = "27日上午,刘晓晨一行到江阳区公共图书馆开展了实地调研,了解图书馆红色文化活动开展情况。";
        let r = crate::extract::read(&normalize::normalize(t));
        assert!(!r.mentions.iter().any(|m| m.surface.contains("红色文化活动")), "{:?}", r.mentions);
    }

    #[test]
    fn organisers_named_in_the_next_sentence() {
        let r = crate::extract::read(&normalize::normalize("5月18日,四川省档案馆举办“百年征程”档案文献展。展览由四川省档案馆、中共四川省委党史研究室联合主办,展出档案300余件。"));
        let organisers: Vec<(&str, &str)> = r
            .relations
            .iter()
            .filter(|x| x.kind == RelationType::Organizer)
            .map(|x| (r.mentions[x.from].surface.as_str(), r.mentions[x.to].surface.as_str()))
            .collect();
        assert!(organisers.contains(&("“百年征程”档案文献展", "中共四川省委党史研究室")), "{organisers:?}");
        assert!(r.mentions.iter().any(|m| m.kind == EntityType::Unit && m.surface == "四川省档案馆"));
    }
}

#[cfg(test)]
mod taking_part_tests {
    use crate::model::RelationType;
    use crate::normalize;

    /// The participants read in `text` of the event whose name ends with `event`.
    fn participants_of(text: &str, event: &str) -> Vec<String> {
        let r = crate::extract::read(&normalize::normalize(text));
        r.relations
            .iter()
            .filter(|x| x.kind == RelationType::Participant && r.mentions[x.from].surface.ends_with(event))
            .map(|x| r.mentions[x.to].surface.clone())
            .collect()
    }

    /// `出席会议`, `主持会议`, `参加会议` after a named meeting: its participants.
    #[test]
    fn people_and_units_at_the_meeting_just_named() {
        let text = "9月14日,县委党史研究室召开《中共宁乡历史》第三卷编写工作推进会。县委常委、宣传部部长周敏出席会议并讲话,县委党史研究室主任谢志强主持会议。县档案馆、县地方志编纂室负责同志参加会议。";
        let part = participants_of(text, "推进会");
        for who in ["周敏", "谢志强", "县档案馆", "县地方志编纂室"] {
            assert!(part.iter().any(|p| p == who), "{who} not in {part:?}");
        }
    }

    /// Where the subject goes before `参观` is no participant of a later
    /// clause's meeting; the subject is.
    #[test]
    fn a_destination_is_no_participant() {
        let text = "随后,王建国到市委党校教育基地参观,对党史宣传提出建议,并召开党史工作调研座谈会。";
        let part = participants_of(text, "座谈会");
        assert!(part.iter().any(|p| p == "王建国"), "{part:?}");
        assert!(!part.iter().any(|p| p.contains("党校")), "{part:?}");
    }
}
