//! Units (organisations): a run of name-like words that ends with a unit
//! ending (`…档案馆`, `…党史研究室`, `…有限公司`), started by an anchor (a place,
//! an admin prefix `市`/`区`, `中共`, `中央`); nested units (`省委党史研究室
//! 人物研究处党支部`) are one mention whose prefixes are its parents.
//! Known misses: names with no place and no known ending (`材料科学研究中心`).

use super::rules;
use super::{Ctx, Mention, Sent};
use crate::gazetteer;
use crate::lexicon;
use crate::model::EntityType;
use crate::segment::Token;

/// Verbs and verbal nouns that occur inside unit names.
const NAME_VERBS: &[&str] = &[
    "研究",
    "编制",
    "管理",
    "学习",
    "教育",
    "巡回",
    "指导",
    "检查",
    "服务",
    "联络",
    "宣传",
    "组织",
    "发展",
    "改革",
    "监督",
    "保护",
    "开放",
    "关心",
    "建设",
    "出版",
    "广播",
    "文献",
    "工作",
    "纪律",
    "监察",
    "史志",
    "促进",
    "协调",
    "执法",
    "融媒体",
    "传媒",
    "研究室",
    "退役",
    "事务",
    "编纂",
    "征研",
    "联合",
];

/// Words that never stand inside a unit name.
const STOP: &[&str] = &[
    "的", "和", "与", "及", "在", "对", "向", "由", "为", "是", "了", "将", "把", "被", "等", "并", "从", "到", "于",
    "以", "这", "该", "各", "我", "其", "有关", "相关", "同时", "以及", "或", "暨", "原", "新", "本", "全",
];

/// Anchors that are not place names.
const ORGAN_ANCHORS: &[&str] = &[
    "中国",
    "中共",
    "中国共产党",
    "共青团",
    "中央",
    "党中央",
    "国家",
    "中国",
    "国务院",
    "团市委",
    "团省委",
    "团县委",
    "团区委",
];

/// The democratic parties' short names, which open their committees' names
/// before the place (`民盟上海市委员会`, `民革市委`): the committee is the
/// party's, not the Communist Party's.
pub const DEMOCRATIC_PARTIES: &[&str] = &["民革", "民盟", "民建", "民进", "农工党", "致公党", "九三学社", "台盟"];

/// Campaign names that open a unit name before its place (`党史学习教育浙江省委第三巡回指导组`).
const CAMPAIGN_PREFIXES: &[&str] = &["党史学习教育", "主题教育", "不忘初心、牢记使命主题教育"];

const ADMIN: &[char] = &['省', '市', '区', '县', '州', '旗', '镇', '乡'];

pub fn extract(ctx: &mut Ctx) {
    let mut found: Vec<(usize, usize, usize, bool, rules::RuleId)> = Vec::new();
    for s in &ctx.sents {
        for (start, end, anchored, rule) in find(s) {
            if ctx.in_title(s, start) {
                continue;
            }
            // `市档案馆(市文史馆)`: the bracketed name is an alias, read with the unit
            let bracketed = found.last().is_some_and(|&(si, _, e, _, _)| si == s.index && start == e + '('.len_utf8());
            if bracketed {
                continue;
            }
            found.push((s.index, start, end, anchored, rule));
        }
    }
    party(ctx, &mut found);
    list_items(ctx, &mut found);
    for m in shared_ending(ctx) {
        ctx.add(rules::UNIT_SHARED_ENDING, m);
    }
    for (si, start, end, anchored, rule) in found {
        let s = &ctx.sents[si];
        let surface = s.slice(start, end).to_owned();
        let mut m = Mention::new(EntityType::Unit, &surface, start, end, si);
        m.anchored = anchored;
        let rest = &s.text[end - s.start..];
        if let Some((alias, close)) = paren_alias(rest) {
            m.alias = Some(alias.to_owned());
            // `市档案馆(市文史研究馆)党委`: the unit goes on after the brackets
            let after = &rest[close..];
            let cont = continuation(after);
            ctx.add(rule, m);
            if let Some(cont) = cont {
                let mut sub =
                    Mention::new(EntityType::Unit, &format!("{surface}{cont}"), start, end + close + cont.len(), si);
                sub.anchored = anchored;
                sub.alias = Some(format!("{surface}({alias}){cont}"));
                ctx.add(rules::UNIT_PAREN_CONTINUATION, sub);
            }
            continue;
        }
        ctx.add(rule, m);
    }
    coreferent_pronouns(ctx);
}

/// `省、市委`: two committees sharing one ending; the first is written
/// without it, so its mention is the character with the ending supplied.
fn shared_ending(ctx: &Ctx) -> Vec<Mention> {
    let mut out = Vec::new();
    for s in &ctx.sents {
        let chars: Vec<(usize, char)> = s.text.char_indices().collect();
        for w in chars.windows(4) {
            let [(a, x), (_, sep), (_, y), (_, wei)] = [w[0], w[1], w[2], w[3]];
            if "省市区县".contains(x) && sep == '、' && "省市区县".contains(y) && x != y && wei == '委' {
                let start = s.start + a;
                out.push(Mention::new(EntityType::Unit, &format!("{x}委"), start, start + x.len_utf8(), s.index));
            }
        }
    }
    out
}

/// Rule `unit/list-item`: in an enumeration of units (`对市文旅局、市退役军人事务局、
/// 沈阳广播电视台…`), an item the name rule did not read that is a locality's
/// own body (opens with `省`/`市`/`县`/`区`, ends with a unit ending, 3 to 12
/// Han characters) is a unit too, when an item next to it was read as one.
/// Example: `市退役军人事务局`, whose middle words the name rule stops at.
/// Known misses: items of a list no other unit of which was read.
fn list_items(ctx: &Ctx, found: &mut Vec<(usize, usize, usize, bool, rules::RuleId)>) {
    let lx = lexicon::get();
    let mut add = Vec::new();
    // the units read, by sentence (a long document has many: no scan of all of them per item)
    let mut by_sentence: std::collections::HashMap<usize, Vec<(usize, usize, bool)>> = Default::default();
    for &(si, x, y, anch, _) in found.iter() {
        by_sentence.entry(si).or_default().push((x, y, anch));
    }
    let none = Vec::new();
    for s in &ctx.sents {
        // an enumeration is written with `、` (most sentences have none: skip them at once)
        if !s.text.contains('、') {
            continue;
        }
        let here = by_sentence.get(&s.index).unwrap_or(&none);
        // (start, end) of each item between separators
        let mut items = Vec::new();
        let mut at = 0;
        for (i, c) in s.text.char_indices().chain([(s.text.len(), '。')]) {
            // (text is width-folded: `,` `;` `:` are ASCII here)
            if matches!(c, '、' | ',' | '。' | ';' | ':') {
                items.push((s.start + at, s.start + i));
                at = i + c.len_utf8();
            }
        }
        let is_unit = |(a, b): (usize, usize)| here.iter().any(|&(x, y, _)| a <= x && y == b && x - a <= 3);
        for (k, &(a, b)) in items.iter().enumerate() {
            let item = s.slice(a, b);
            let n = item.chars().count();
            let own = item.starts_with(['省', '市', '县', '区'])
                && (3..=12).contains(&n)
                && item.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
                && lx.unit_suffix_of(item).is_some_and(|e| e.chars().count() < n - 1);
            // read already, unless as the bare tail of the item (`事务局`)
            let read = here.iter().any(|&(x, y, anch)| x < b && a < y && (anch || x <= a));
            let neighbour =
                k.checked_sub(1).is_some_and(|p| is_unit(items[p])) || items.get(k + 1).is_some_and(|&i| is_unit(i));
            if own && !read && neighbour && !ctx.in_title(s, a) {
                add.push((s.index, a, b, true, rules::UNIT_LIST_ITEM));
            }
        }
    }
    // the item replaces the bare tail read inside it
    let items: std::collections::HashMap<(usize, usize), usize> =
        add.iter().map(|&(si, a, b, _, _)| ((si, b), a)).collect();
    found.retain(|&(si, x, y, _, _)| items.get(&(si, y)).is_none_or(|&a| a >= x));
    found.extend(add);
}

/// `中国共产党` on its own (not the start of a longer unit name) is the Party.
fn party(ctx: &Ctx, found: &mut Vec<(usize, usize, usize, bool, rules::RuleId)>) {
    for s in &ctx.sents {
        for (i, _) in s.text.match_indices("中国共产党") {
            let start = s.start + i;
            let end = start + "中国共产党".len();
            let inside_other = found.iter().any(|&(_, a, b, _, _)| a <= start && end <= b);
            if !inside_other && !ctx.in_title(s, start) {
                found.push((s.index, start, end, true, rules::UNIT_PARTY));
            }
        }
    }
}

/// `该办`, `本馆`: a pronoun naming the unit last mentioned with that ending.
fn coreferent_pronouns(ctx: &mut Ctx) {
    let mut add = Vec::new();
    for s in &ctx.sents {
        for (i, _) in s.text.match_indices(['该', '本']) {
            let Some(c) = s.text[i + 3..].chars().next() else { continue };
            if !matches!(c, '办' | '馆' | '局' | '室' | '部' | '院' | '会') {
                continue;
            }
            let pos = s.start + i;
            let antecedent = ctx.latest_before(s.index, pos, |m| m.kind == EntityType::Unit && m.surface.ends_with(c));
            if let Some(a) = antecedent {
                let mut m = ctx.mentions[a].clone();
                m.start = pos;
                m.end = pos + 6;
                m.sentence = s.index;
                add.push(m);
            }
        }
    }
    for m in add {
        ctx.add(rules::UNIT_PRONOUN, m);
    }
}

/// `(市文史研究馆)` right after a unit: another name of it.
fn paren_alias(rest: &str) -> Option<(&str, usize)> {
    let inner = rest.strip_prefix('(')?;
    let close = inner.find(')')?;
    let alias = &inner[..close];
    let lx = lexicon::get();
    (alias.chars().count() <= 20 && lx.unit_suffix_of(alias).is_some()).then_some((alias, close + 2))
}

/// A sub-unit ending right after a bracket (`党委`, `党支部`).
fn continuation(after: &str) -> Option<&'static str> {
    ["机关党委", "党委", "党组", "党支部", "党总支", "办公室"].into_iter().find(|c| after.starts_with(c))
}

/// Words that end like a unit but are not one (`学科` ends with `科`).
const NOT_UNITS: &[&str] = &[
    "学科",
    "格局",
    "大局",
    "全局",
    "布局",
    "结局",
    "好处",
    "到处",
    "用处",
    "场所",
    "网站",
    "本科",
    "专科",
    "各处",
    "此处",
    "出处",
    "难处",
    "结社",
    "当局",
    "开局",
    "新局",
    "破局",
    "世界观",
    "大学生",
    "中学生",
    "小学生",
];

fn is_word(s: &str) -> bool {
    s.chars().all(|c| c.is_alphanumeric())
}

/// May this token stand inside a unit name?
fn inside(t: &Token) -> bool {
    let lx = lexicon::get();
    if !is_word(t.word) || NOT_UNITS.contains(&t.word) {
        return false;
    }
    // a post or a role noun ends a unit name: `桃源县委|常委|县委办|主任|张志红`
    if STOP.contains(&t.word) || lx.is_post(t.word) || lx.person_cues.contains(&t.word) {
        return false;
    }
    if t.word.chars().all(|c| c.is_ascii_digit()) {
        return false;
    }
    // `株洲市|委`, `湘潭县|委`: the place words added to the dictionary split the
    // committee's `委` off as a bound morpheme
    if t.word == "委" {
        return true;
    }
    let tag = t.tag;
    tag.starts_with('n')
        || matches!(tag, "j" | "vn" | "x" | "eng" | "b" | "an" | "nt")
        || NAME_VERBS.contains(&t.word)
        || (tag == "m" && t.word.starts_with('第'))
        || t.word.chars().count() == 1 && ADMIN.contains(&t.word.chars().next().unwrap_or(' '))
        || lexicon::get().unit_suffix_of(t.word).is_some_and(|s| s.chars().count() >= 2)
}

/// Is this token an anchor that makes a unit name specific?
fn anchor(t: &Token) -> bool {
    let g = gazetteer::get();
    if t.tag == "ns" || g.is_place(t.word) || ORGAN_ANCHORS.contains(&t.word) || DEMOCRATIC_PARTIES.contains(&t.word) {
        return true;
    }
    // the dictionary holds whole committees as one word: `中共四川省委`, `广东省委`;
    // and organs of the centre: `中央党校`, `中央文献|研究室`
    if ["中共", "中国共产党", "共青团", "中央"].iter().any(|a| t.word.starts_with(a) && t.word.len() > a.len())
    {
        return true;
    }
    if starts_with_place(t.word) {
        return true;
    }
    // 省委 / 市委 / 区委 / 县委 / 市档案馆 ... : an admin prefix standing for the locality
    let first = t.word.chars().next().unwrap_or(' ');
    let n = t.word.chars().count();
    let rest = &t.word[first.len_utf8()..];
    let is_unit = |w: &str| lexicon::get().unit_suffixes.contains(&w);
    // `市委党校`, `县委党校` as one word: the committee's own unit
    let committee_unit = || rest.strip_prefix('委').is_some_and(is_unit);
    ADMIN.contains(&first)
        && (n == 1 || n <= 3 && t.word.ends_with('委') || n <= 4 && is_unit(rest) || n <= 5 && committee_unit())
}

/// Does the word open with a full place name, or a province's or city's short
/// name, and go on (`四川省委`, `成都市委`, `河北人民出版社`)?
fn starts_with_place(word: &str) -> bool {
    let g = gazetteer::get();
    word.char_indices().skip(2).any(|(i, _)| {
        let head = &word[..i];
        !g.full(head).is_empty() || g.short(head).iter().any(|&p| g.place(p).level != gazetteer::Level::County)
    })
}

/// A short place name right before an admin character of another kind is
/// not that place: `会同区党史办` is `会同` (together with) + `区党史办`.
fn false_place(toks: &[Token], a: usize) -> bool {
    let g = gazetteer::get();
    let Some(next) = toks.get(a + 1) else { return false };
    let Some(admin) = next.word.chars().next().filter(|c| ADMIN.contains(c)) else { return false };
    let shorts = g.short(toks[a].word);
    !shorts.is_empty() && g.full(toks[a].word).is_empty() && shorts.iter().all(|&i| !g.place(i).name.ends_with(admin))
}

/// Endings that also end ordinary phrases (`国家中心城市`, `社科基金`): the
/// unit must end its run of nouns.
fn weak_suffix(s: &str) -> bool {
    s.chars().count() == 1 || s == "中心"
}

/// Units in one sentence: (start, end, anchored, rule), absolute byte offsets.
pub fn find(s: &Sent) -> Vec<(usize, usize, bool, rules::RuleId)> {
    let lx = lexicon::get();
    let mut out = Vec::new();
    let toks = &s.tokens;
    let mut i = 0;
    while i < toks.len() {
        // `丛书由原|中央文献研究室`: a linking word opens no unit name (inside a
        // run, `split_at_linkers` cuts at it)
        if !inside(&toks[i]) || LINKERS.contains(&toks[i].word) {
            i += 1;
            continue;
        }
        let mut j = i;
        let mut joins = Vec::new(); // offsets of a `和` inside the run
        loop {
            if j + 1 < toks.len() && inside(&toks[j + 1]) {
                j += 1;
            } else if j + 2 < toks.len() && joins_fields(s, toks[i].start, &toks[j], &toks[j + 1], &toks[j + 2]) {
                joins.push(toks[j + 1].start);
                j += 2;
            } else {
                break;
            }
        }
        // the run toks[i..=j]: the unit ends at the last token closing a unit name
        // a new anchor after a complete unit starts another unit: `市委|市政府`
        if let Some(k) = (i + 1..=j).find(|&k| anchor(&toks[k]) && closes_unit(s, toks[i].start, &toks[k - 1])) {
            j = k - 1;
        }
        let run_start = toks[i].start;
        // `市|法院院长`: the segmenter glued the unit's ending to its head's
        // post; the unit ends inside the run's last word
        let glued = glued_post(s, run_start, &toks[j]).map(|cut| (j, cut));
        let last = glued.or_else(|| {
            let k = (i..=j).rev().find(|&k| closes_unit(s, run_start, &toks[k]))?;
            let suffix = lx.unit_suffix_of(s.slice(run_start, toks[k].end)).unwrap_or("");
            (k == j || !weak_suffix(suffix) || !toks[k + 1].tag.starts_with('n')).then_some((k, toks[k].end))
        });
        if let Some((k, end)) = last {
            if let Some((start, anchored)) = start_of(s, &toks[i..=k]) {
                // `坚持围绕中心`: a bare `中心` is the work's focus, no body
                let bare_middle = !anchored && s.slice(start, end) == PLACE_MIDDLE;
                if end > start
                    && s.slice(start, end).chars().count() >= 2
                    && !place_middle(s.slice(start, end))
                    && !bare_middle
                {
                    out.extend(split_at_linkers(s, start, end, anchored).into_iter().map(|(a, b, anch, rule)| {
                        let joined = rule == rules::UNIT_NAME_RUN && joins.iter().any(|&x| a < x && x < b);
                        (a, b, anch, if joined { rules::UNIT_JOINED_FIELDS } else { rule })
                    }));
                }
            }
        }
        i = j + 1;
    }
    out
}

/// The conjunction official names join two fields with.
const FIELD_JOIN: &str = "和";

/// Rule `unit/joined-fields`: official names that join two fields with `和`
/// before the ending (`党史和文献研究院`, `党史和地方志研究室`, `文化和旅游局`,
/// `住房和城乡建设局`, `人力资源和社会保障局`): the `和` stays inside the name
/// when the word before it is a noun that does not itself close a unit (so
/// `档案馆和方志馆`, `省委和省政府` stay two) and a name-word follows. The
/// run is a unit only if it goes on to a unit ending, so `党史和地方志工作`
/// is no unit.
/// Known misses: a field pair joined by `与` or `、`.
fn joins_fields(s: &Sent, run_start: usize, before: &Token, join: &Token, after: &Token) -> bool {
    join.word == FIELD_JOIN
        && before.tag.starts_with('n')
        && inside(before)
        && inside(after)
        && !closes_unit(s, run_start, before)
        && !anchor(after)
}

/// Words that link two actors and never stand inside one unit's name.
const LINKERS: &[&str] = &["联合", "会同", "参观", "考察", "走访", "邀请", "由原", "由", "及", "暨", "等", "赴", "到"];

/// Rule `unit/split-at-linker`: a run the segmenter glued across a linking
/// word is two names, or one (`福建省档案馆联合中国第二历史档案馆`,
/// `中共北京市委党史研究室由原中央文献研究室`, `博白县参观朱锡昂纪念馆`,
/// `邵本武及县方志办`). Each side is kept when it ends with a unit ending;
/// the side after the linker is anchored when it opens with a place, an
/// organ or an admin prefix.
/// Known misses: a linker inside a real name (none seen in the genre);
/// `X、Y等市档案馆` (a list sharing a head) keeps only the head.
fn split_at_linkers(s: &Sent, start: usize, end: usize, anchored: bool) -> Vec<(usize, usize, bool, rules::RuleId)> {
    let lx = lexicon::get();
    let text = s.slice(start, end);
    // `会议暨省史志学会年会`: a name never opens with a linking word
    if let Some(l) = LINKERS.iter().filter(|l| text.starts_with(*l)).max_by_key(|l| l.len()) {
        let rest = &text[l.len()..];
        if lx.unit_suffix_of(rest).is_none() || rest.chars().count() < 2 {
            return Vec::new();
        }
        return split_at_linkers(s, start + l.len(), end, anchored || opens_anchored(rest));
    }
    let cut = LINKERS.iter().filter_map(|l| text.find(l).filter(|&i| i > 0).map(|i| (i, l.len()))).min();
    let Some((at, len)) = cut else { return vec![(start, end, anchored, rules::UNIT_NAME_RUN)] };
    let (head, tail) = (&text[..at], &text[at + len..]);
    let mut out = Vec::new();
    if lx.unit_suffix_of(head).is_some() && head.chars().count() >= 3 {
        out.push((start, start + at, anchored, rules::UNIT_SPLIT_AT_LINKER));
    }
    let tail_start = start + at + len;
    if lx.unit_suffix_of(tail).is_some() && tail.chars().count() >= 2 {
        for (a, b, anch, rule) in split_at_linkers(s, tail_start, end, opens_anchored(tail)) {
            let rule = if rule == rules::UNIT_NAME_RUN { rules::UNIT_SPLIT_AT_LINKER } else { rule };
            out.push((a, b, anch, rule));
        }
    }
    out
}

/// Where a run's last word is a unit ending glued to a post (`法院院长`,
/// `医院院长`: one word for the segmenter), the unit ends inside it: the
/// offset of the post.
fn glued_post(s: &Sent, run_start: usize, last: &Token) -> Option<usize> {
    let lx = lexicon::get();
    last.word.char_indices().skip(1).map(|(i, _)| i).find_map(|i| {
        let (ending, post) = last.word.split_at(i);
        let unit = s.slice(run_start, last.start + ending.len());
        // a committee with its post (`市委书记`, `县委常委`) is read by the post rules
        let committee = ending.ends_with('委');
        (lx.is_post(post)
            && !committee
            && lx.unit_suffix_of(unit).is_some_and(|x| x.chars().count() >= 2)
            && ending.chars().count() >= 2)
            .then_some(last.start + i)
    })
}

/// `中心` right after a bare place is the place's middle (`市中心`), not a
/// centre of some work (`档案中心`, `研究中心`).
const PLACE_MIDDLE: &str = "中心";

/// `地处武汉市中心`, `建设国家中心城市`: the middle of a place, no body.
fn place_middle(name: &str) -> bool {
    name.strip_suffix(PLACE_MIDDLE)
        .is_some_and(|place| gazetteer::get().is_place(place) || ORGAN_ANCHORS.contains(&place))
}

/// Does a name cut out after a linking word open with a place, an organ or
/// an admin prefix (so it is anchored on its own)?
fn opens_anchored(name: &str) -> bool {
    starts_with_place(name)
        || ORGAN_ANCHORS.iter().any(|a| name.starts_with(a))
        || name.chars().next().is_some_and(|c| ADMIN.contains(&c))
        || gazetteer::get().is_place(&name[..name.char_indices().nth(2).map_or(name.len(), |(i, _)| i)])
}

/// Does the run up to this token end with a unit ending? A one-character
/// ending (`科`, `局`, `处`) counts when it is a word of its own or ends a
/// noun (`综合科`, `档案局`), not inside an ordinary word.
fn closes_unit(s: &Sent, run_start: usize, t: &Token) -> bool {
    let lx = lexicon::get();
    let text = s.slice(run_start, t.end);
    let Some(suffix) = lx.unit_suffix_of(text) else { return false };
    if t.word.chars().all(|c| ADMIN.contains(&c)) {
        return false;
    }

    suffix.chars().count() >= 2 || t.word == suffix || t.tag.starts_with('n') || t.tag == "j"
}

/// Where the unit name starts in a run: at its first anchor (or a campaign
/// prefix before it); a run with no anchor is an unanchored mention from the
/// shortest name ending with the last unit ending.
fn start_of(s: &Sent, run: &[Token]) -> Option<(usize, bool)> {
    let first_anchor = run.iter().enumerate().position(|(a, t)| anchor(t) && !false_place(run, a));
    match first_anchor {
        Some(a) => {
            let before = s.slice(run[0].start, run[a].start);
            let start = CAMPAIGN_PREFIXES
                .iter()
                .find(|p| before.ends_with(*p))
                .map_or(run[a].start, |p| run[a].start - p.len());
            Some((start, true))
        }
        None => {
            // keep at most the last two words: `人物研究处党支部`, `史志办`
            let k = run.len().saturating_sub(3);
            let start = run[k..].iter().find(|t| t.tag != "v" && !STOP.contains(&t.word))?.start;
            Some((start, false))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(text: &str) -> Vec<(String, bool)> {
        let s = Sent::for_test(text);
        find(&s).into_iter().map(|(a, b, anch, _)| (text[a..b].to_owned(), anch)).collect()
    }

    fn anchored(text: &str) -> Vec<String> {
        units(text).into_iter().filter(|u| u.1).map(|u| u.0).collect()
    }

    #[test]
    fn place_anchored_units() {
        assert_eq!(
            anchored("区档案馆与区传媒中心联合,邀请区图书馆文献研究学科馆员张崇生"),
            ["区档案馆", "区传媒中心", "区图书馆"]
        );
        assert_eq!(
            anchored("在路桥舒翔贸易有限公司和浙江普兰钎具股份有限公司这2家小微企业开展试点"),
            ["路桥舒翔贸易有限公司", "浙江普兰钎具股份有限公司"]
        );
    }

    fn read_units(text: &str) -> Vec<(String, Vec<&'static str>)> {
        let r = crate::extract::read(&crate::normalize::normalize(text));
        r.mentions.iter().filter(|m| m.kind == EntityType::Unit).map(|m| (m.surface.clone(), m.rules.clone())).collect()
    }

    #[test]
    fn a_locality_body_listed_among_units() {
        let found =
            read_units("对市文旅局、市退役军人事务局、沈阳广播电视台、沈阳开放大学等多家单位开展的项目进行史实把关。");
        assert!(found.iter().any(|(u, r)| u == "市退役军人事务局" && r.contains(&rules::UNIT_LIST_ITEM)), "{found:?}");
        // no unit next to it: an item alone is left to the name rule
        let found = read_units("加强与市退役军人事务局的联系。");
        assert!(!found.iter().any(|(_, r)| r.contains(&rules::UNIT_LIST_ITEM)), "{found:?}");
        // an item that is no locality's body is not read
        let found = read_units("沈阳广播电视台、演出事务局、沈阳开放大学参加。");
        assert!(!found.iter().any(|(u, _)| u == "演出事务局"), "{found:?}");
    }

    #[test]
    fn a_committee_split_from_its_place() {
        assert_eq!(anchored("株洲市委常委、秘书长刘卫东陪同"), ["株洲市委"]);
        assert_eq!(anchored("中共湘潭县委党史研究室编纂的县志正式出版"), ["中共湘潭县委党史研究室"]);
    }

    #[test]
    fn committees_written_as_one_word_are_anchored() {
        assert_eq!(
            anchored("展览由四川省档案馆、中共四川省委党史研究室联合主办"),
            ["四川省档案馆", "中共四川省委党史研究室"]
        );
        assert_eq!(anchored("广东省委党史研究室编纂出版了地方党史"), ["广东省委党史研究室"]);
        assert_eq!(anchored("中共北京市委召开全会"), ["中共北京市委"]);
        assert_eq!(anchored("由河北人民出版社出版"), ["河北人民出版社"]);
    }

    #[test]
    fn nested_units_are_one_mention() {
        let u = anchored("6月3日,省委党史研究室人物研究处党支部到对口联系点桃源县史志办开展支部联基层活动");
        assert_eq!(u, ["省委党史研究室人物研究处党支部", "桃源县史志办"]);
    }

    #[test]
    fn party_organs_and_campaign_groups() {
        assert_eq!(
            anchored("与市委组织部、市委宣传部、沈阳广播电视台共同推出"),
            ["市委组织部", "市委宣传部", "沈阳广播电视台"]
        );
        assert_eq!(
            anchored("7月13日,党史学习教育省委第三巡回指导组来路桥巡回指导"),
            ["党史学习教育省委第三巡回指导组"]
        );
    }

    #[test]
    fn bare_endings_are_unanchored() {
        let u = units("通过联建活动的开展,人物研究处和桃源县史志办的工作联系更加紧密");
        assert!(u.contains(&("人物研究处".to_owned(), false)), "{u:?}");
        assert!(u.contains(&("桃源县史志办".to_owned(), true)), "{u:?}");
    }

    #[test]
    fn categories_are_not_units() {
        assert!(anchored("以建设全国示范数字档案馆为目标").is_empty());
        assert!(anchored("推动党建工作新格局").is_empty());
    }

    #[test]
    fn fields_joined_by_he_stay_in_one_name() {
        assert_eq!(
            anchored("中共内蒙古自治区委党史和地方志研究室主任杜轶鑫赴兴安盟调研"),
            ["中共内蒙古自治区委党史和地方志研究室"]
        );
        assert_eq!(anchored("省委党史和地方史志研究室主任刘汉征出席"), ["省委党史和地方史志研究室"]);
        assert_eq!(anchored("市文化和旅游局、市住房和城乡建设局联合发文"), ["市文化和旅游局", "市住房和城乡建设局"]);
        // two units, or no unit at all
        assert_eq!(anchored("市档案馆和市图书馆联合举办展览"), ["市档案馆", "市图书馆"]);
        assert_eq!(anchored("省委和省政府高度重视"), ["省委", "省政府"]);
        assert!(anchored("加强党史和地方志工作").is_empty());
        // a role noun before `和` ends the first unit: members of a group, then another unit
        assert_eq!(anchored("市党史联络组成员和市史志办全体同志出席"), ["市党史联络组", "市史志办"]);
    }

    #[test]
    fn committee_schools_and_central_organs_are_anchored() {
        assert_eq!(
            anchored("舟山市委办公室、市委宣传部、市委党校、市史志研究室参加"),
            ["舟山市委办公室", "市委宣传部", "市委党校", "市史志研究室"]
        );
        assert_eq!(anchored("刘晓晨到县委党校参观"), ["县委党校"]);
        assert_eq!(anchored("中央党校、军事科学院等专家学者"), ["中央党校"]);
        assert_eq!(anchored("丛书由原中央文献研究室常务副主任杨胜群担任主编"), ["中央文献研究室"]);
    }

    #[test]
    fn a_unit_ending_glued_to_a_post() {
        assert_eq!(anchored("市法院院长、市检察院检察长参加活动。"), ["市法院", "市检察院"]);
        // a committee's post stays one word for the post rules
        assert!(anchored("省委常委、市委书记张雷出席").iter().all(|u| u != "市委"), "{:?}", anchored("市委书记张雷"));
    }

    #[test]
    fn the_middle_of_a_place_is_no_unit() {
        assert!(anchored("老馆地处武汉市中心,方便服务群众").is_empty(), "{:?}", anchored("老馆地处武汉市中心"));
        assert!(anchored("为建设国家中心城市提供保障").is_empty(), "{:?}", units("为建设国家中心城市提供保障"));
        assert_eq!(anchored("沈阳市档案目录中心"), ["沈阳市档案目录中心"]);
        assert!(!units("坚持围绕中心、服务大局").iter().any(|u| u.0 == "中心"), "{:?}", units("坚持围绕中心"));
    }

    /// A name never opens with a linking word (`…会议暨省史志学会年会`, dev_a07;
    /// another shape: `及`).
    #[test]
    fn a_name_never_opens_with_a_linker() {
        let found: Vec<String> =
            read_units("2023年海南省史志机构主任会议暨省史志学会年会召开。县委宣传部及县档案馆参加。")
                .into_iter()
                .map(|u| u.0)
                .collect();
        assert!(found.contains(&"省史志学会".to_owned()), "{found:?}");
        assert!(!found.iter().any(|u| u.starts_with(['暨', '及'])), "{found:?}");
    }

    #[test]
    fn democratic_party_committees_keep_their_party() {
        assert_eq!(
            anchored("民盟上海市委员会、上海社会科学院与中共上海市委党史研究室联合举办研讨会"),
            ["民盟上海市委员会", "上海社会科学院", "中共上海市委党史研究室"]
        );
        assert_eq!(anchored("民革市委召开会议"), ["民革市委"]);
    }

    #[test]
    fn institution_kinds() {
        assert_eq!(anchored("省委常委何良军到黑龙江省方志馆考察调研"), ["黑龙江省方志馆"]);
        assert_eq!(anchored("对县委政研室、县委党史研究室整合职能表示认同"), ["县委政研室", "县委党史研究室"]);
        assert_eq!(anchored("吉林省博物院举办展览"), ["吉林省博物院"]);
        assert_eq!(anchored("与会人员参观了遵义市红军陈列馆"), ["遵义市红军陈列馆"]);
    }

    #[test]
    fn bracketed_second_name_is_an_alias() {
        assert_eq!(paren_alias("(市文史研究馆)党委把"), Some(("市文史研究馆", "(市文史研究馆)".len())));
        assert_eq!(paren_alias("(1921-2021)"), None);
    }
}
