//! Publications: titles in 《》 classified by their context (编纂/出版 → Book,
//! 期刊/杂志 → Periodical, …报 → Newspaper, 纪录片/微视频 → Film, …条例/办法/
//! 意见 → Regulation, 文章/论文 → Article), well-known laws named without
//! marks, and the publisher: the unit that compiles, publishes or produces it.
//! A 《》 title that names an exhibition is an Event (see event.rs).

use super::rules;
use super::{topic, Ctx, Mention};
use crate::lexicon;
use crate::model::{EntityType, RelationType};

const FILM: &[&str] = &["纪录片", "宣传片", "专题片", "微视频", "短视频", "视频", "电影", "影片", "动画片"];
const PERIODICAL: &[&str] = &["期刊", "杂志", "月刊", "季刊", "半月刊", "学刊", "年鉴"];
const NEWSPAPER_ENDS: &[&str] = &["日报", "晚报", "时报", "周报", "晨报", "商报", "报"];
const REGULATION_ENDS: &[&str] = &[
    "法",
    "条例",
    "规定",
    "办法",
    "意见",
    "制度",
    "规则",
    "章程",
    "细则",
    "准则",
    "决定",
    "通知",
    "纲要",
    "规划",
    "方案",
    "标准",
    "守则",
    "公约",
    "制度汇编",
];
const BOOK_ENDS: &[&str] = &[
    "史",
    "志",
    "录",
    "集",
    "读本",
    "丛书",
    "汇编",
    "选编",
    "大事记",
    "文集",
    "画册",
    "图集",
    "概览",
    "年谱",
    "辞典",
    "全书",
    "故事",
    "手册",
    "传",
    "百篇",
];
const BOOK_VERBS: &[&str] = &["编纂", "编写", "出版", "编著", "编辑", "编印", "著作", "专著", "书籍", "图书", "一书"];
/// Verbs whose subject is the publisher.
const PUBLISHING_VERBS: &[&str] = &[
    "编纂", "编写", "编辑", "编印", "编著", "编研", "出版", "推出", "制作", "拍摄", "印发", "制定", "起草", "主办",
    "创办", "办好", "录制", "完善", "修订", "发布", "出品", "编制", "下发", "颁布", "出台",
];
/// Between the units after `由`: a separator, or the lead unit's `牵头`
/// (`由A牵头,B、C共同编纂`: all of them compiled it).
const BY_LIST_LINKS: &[&str] = &["", "、", "和", "与", "及", "牵头,", "牵头,", "牵头"];
/// How a book came out, between its publisher and the verb (`由X正式出版`).
const MANNER_ADVERBS: &[&str] = &["正式", "公开", "陆续", "先后", "首次"];
/// Verbs that take a publication as something used, not made.
const USING_VERBS: &[&str] = &["执行", "利用", "依据", "根据", "按照", "参照", "遵循", "贯彻", "阅读", "学习"];
const EXHIBITION_BEFORE: &[&str] = &["展览", "专题展览", "专题展", "主题展", "图片展", "巡展"];

/// A 《》 title in a sentence: absolute byte span of the marks, and the title.
struct Title {
    open: usize,
    close: usize,
    text: String,
}

fn titles(text: &str, base: usize) -> Vec<Title> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(o) = text[from..].find('《').map(|i| from + i) {
        let Some(c) = text[o..].find('》').map(|i| o + i) else { break };
        let inner = &text[o + '《'.len_utf8()..c];
        if !inner.is_empty() && inner.chars().count() <= 80 && !inner.contains('《') {
            out.push(Title { open: base + o, close: base + c + '》'.len_utf8(), text: inner.to_owned() });
        }
        from = c + '》'.len_utf8();
    }
    out
}

/// Consecutive titles (`《A》《B》`, `《A》、《B》`, `《A》和《B》`) share their context.
fn groups(ts: &[Title], sentence: &str, base: usize) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for i in 0..ts.len() {
        let joined = i > 0 && {
            let gap = &sentence[ts[i - 1].close - base..ts[i].open - base];
            gap.is_empty() || matches!(gap, "、" | "和" | "及" | "与" | ",")
        };
        match out.last_mut() {
            Some(g) if joined => g.1 = i,
            _ => out.push((i, i)),
        }
    }
    out
}

pub fn extract(ctx: &mut Ctx) {
    for si in 0..ctx.sents.len() {
        let (text, base) = (ctx.sents[si].text, ctx.sents[si].start);
        let ts = titles(text, base);
        for (a, b) in groups(&ts, text, base) {
            let before = &text[..ts[a].open - base];
            let after = &text[ts[b].close - base..];
            for t in &ts[a..=b] {
                read_title(ctx, si, t, before, after);
            }
        }
        unmarked_laws(ctx, si);
        media_lists(ctx, si);
    }
}

/// `被浙江档案杂志、浙江档案网、台州记忆等媒体转载`: the outlets of a list that
/// ends with `等媒体` / `等报刊` / `等平台` are publications.
fn media_lists(ctx: &mut Ctx, si: usize) {
    let s = &ctx.sents[si];
    let mut found = Vec::new();
    for marker in ["等媒体", "等报刊", "等平台", "等新闻媒体", "等网站"] {
        let Some(end) = s.text.find(marker) else { continue };
        let list_start = s.text[..end]
            .rfind(['被', '在', ',', ':', '经'])
            .map_or(0, |i| i + s.text[i..].chars().next().map_or(1, char::len_utf8));
        let list = &s.text[list_start..end];
        if list.contains('《') {
            continue; // marked titles are read already
        }
        let mut at = list_start;
        for item in list.split('、') {
            let n = item.chars().count();
            if (2..=12).contains(&n) && item.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
                found.push((s.start + at, item.to_owned()));
            }
            at += item.len() + '、'.len_utf8();
        }
    }
    for (start, item) in found {
        let (label, kind) = match item.strip_suffix("杂志") {
            Some(stem) => (stem.to_owned(), Some("Periodical")),
            None if item.ends_with('报') => (item.clone(), Some("Newspaper")),
            None => (item.clone(), None),
        };
        let mut m = Mention::new(EntityType::Publication, &label, start, start + item.len(), si);
        m.subclass = kind;
        if label != item {
            m.alt.push(item);
        }
        ctx.add(rules::PUBLICATION_MEDIA_LIST, m);
    }
}

fn tail(s: &str, n: usize) -> &str {
    let start = s.char_indices().rev().nth(n.saturating_sub(1)).map_or(0, |(i, _)| i);
    &s[start..]
}

fn head(s: &str, n: usize) -> &str {
    let end = s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
    &s[..end]
}

/// An exhibition named in marks: the title ends with 展/展览, or `专题展览《…》`.
/// One followed by an event noun (`《…》清廉书画展`) is left to event.rs.
fn is_event(title: &str, before: &str, after: &str) -> bool {
    let lx = lexicon::get();
    let verb_ending = ["发展", "开展", "进展", "拓展", "扩展", "施展"].iter().any(|v| title.ends_with(v));
    let ends_exhibition = !verb_ending && lx.event_suffix_of(title).is_some_and(|(_, sub)| sub == "Exhibition");
    let follows_event = is_event_followed(after);
    ends_exhibition || follows_event || EXHIBITION_BEFORE.iter().any(|w| tail(before, 6).ends_with(w))
}

/// The kind of a publication from its title and its context.
pub fn kind(title: &str, sentence_before: &str, after: &str) -> Option<&'static str> {
    let near_before = tail(sentence_before, 8);
    let near_after = head(after, 12);
    // `…档案实录(2016—2020年)`: the kind is in the name before its bracket
    let stem = match title.strip_suffix(')') {
        Some(inner) => inner.rfind('(').map_or(title, |o| &title[..o]),
        None => title,
    };
    let ends = |list: &[&str]| list.iter().any(|e| stem.ends_with(e));
    if FILM.iter().any(|f| near_before.ends_with(f) || near_after.starts_with(f)) || title.ends_with("微党课") {
        return Some("Film");
    }
    if ends(NEWSPAPER_ENDS) && !title.ends_with("报告") {
        return Some("Newspaper");
    }
    // subscriptions are taken to periodicals: `搞好《湘潮》的征订和发行`
    let subscribed =
        ["征订", "订阅"].iter().any(|w| near_after.trim_start_matches('的').starts_with(w) || near_before.ends_with(w));
    if PERIODICAL.iter().any(|p| near_after.starts_with(p) || near_before.ends_with(p) || stem.ends_with(p))
        || ["按月", "逐年", "每月", "每期"].iter().any(|w| sentence_before.contains(w))
        || subscribed
        || in_media_list(after)
    {
        return Some("Periodical");
    }
    if ends(REGULATION_ENDS) {
        return Some("Regulation");
    }
    if ["文章", "论文", "评论"].iter().any(|w| near_before.contains(w) || near_after.contains(w))
        || near_before.ends_with("发表")
        || ["一文", "等文"].iter().any(|w| near_after.starts_with(w))
    {
        return Some("Article");
    }
    if near_after.starts_with("电子书")
        || ends(BOOK_ENDS)
        || BOOK_VERBS.iter().any(|v| sentence_before.contains(v) || near_after.contains(v))
    {
        return Some("Book");
    }
    None
}

fn read_title(ctx: &mut Ctx, si: usize, t: &Title, before: &str, after: &str) {
    // `按照《方案》要求`: a bare document kind names no work
    if REGULATION_ENDS.contains(&t.text.as_str()) {
        return;
    }
    if is_event(&t.text, before, after) {
        if !is_event_followed(after) {
            let mut m = Mention::new(EntityType::Event, &t.text, t.open, t.close, si);
            m.subclass = Some("Exhibition");
            m.alt.push(format!("《{}》", t.text));
            ctx.add(rules::EVENT_TITLED_EXHIBITION, m);
        }
        return;
    }
    let canonical = law_name(&t.text);
    let mut m = Mention::new(EntityType::Publication, canonical.unwrap_or(&t.text), t.open, t.close, si);
    m.subclass = kind(&t.text, before, after);
    if canonical.is_some() {
        m.alt.push(t.text.clone());
    }
    let p = ctx.add(rules::PUBLICATION_TITLE, m);
    let mut by = publishers(ctx, si, t, before);
    by.extend(passive_publishers(ctx, si, t));
    for u in by {
        ctx.relate(rules::PUBLISHER_CLAUSE, RelationType::Publisher, p, u, None, si);
    }
}

/// `《石家庄档案史话》一书,由河北人民出版社出版`: the units after `由` in the
/// title's clause, when a publishing verb follows them.
fn passive_publishers(ctx: &Ctx, si: usize, t: &Title) -> Vec<usize> {
    let s = &ctx.sents[si];
    let after = &s.text[t.close - s.start..];
    let clause_end = after.find(['。', ';', '《']).unwrap_or(after.len());
    let Some(by) = after[..clause_end].find('由') else { return Vec::new() };
    let from = t.close + by + '由'.len_utf8();
    let units: Vec<usize> = ctx
        .in_sentence(EntityType::Unit, si)
        .into_iter()
        .filter(|&u| ctx.mentions[u].start >= from && ctx.mentions[u].end <= t.close + clause_end)
        .collect();
    // the units must follow `由` one after another (`X、Y`, `X和Y`), then the verb
    // (a unit's bracketed short form after it is skipped: `A(以下简称甲)牵头`)
    let mut at = from;
    let mut listed = Vec::new();
    for u in units {
        let m = &ctx.mentions[u];
        if m.start < at {
            continue; // the short form in the bracket just skipped
        }
        if !BY_LIST_LINKS.contains(&s.slice(at, m.start)) {
            break;
        }
        listed.push(u);
        at = skip_bracket(s.text, s.start, m.end);
    }
    let at = skip_bracket(s.text, s.start, at);
    let rest = s.slice(at, t.close + clause_end).trim_start_matches(['联', '合', '共', '同', '负', '责', '组', '织']);
    // `由广州出版社正式出版发行`
    let rest = MANNER_ADVERBS.iter().find_map(|a| rest.strip_prefix(a)).unwrap_or(rest);
    if PUBLISHING_VERBS.iter().any(|v| rest.starts_with(v)) || rest.starts_with("摄制") {
        listed
    } else {
        Vec::new()
    }
}

/// The position after a bracket that opens at `at` (`(以下简称市档案局)`),
/// or `at` when none does; `base` is where `text` starts.
fn skip_bracket(text: &str, base: usize, at: usize) -> usize {
    let rest = &text[at - base..];
    match rest.strip_prefix('(').and_then(|r| r.find(')').map(|i| i + 2 * '('.len_utf8())) {
        Some(n) if !rest[..n].contains(['。', '《']) => at + n,
        _ => at,
    }
}

/// `《中国档案报》《山东档案》《齐鲁晚报》等媒体`: a title in a list of media
/// (a newspaper's name says so first; the rest are periodicals).
fn in_media_list(after: &str) -> bool {
    let mut rest = after;
    while let Some(r) = rest.trim_start_matches('、').strip_prefix('《') {
        let Some(close) = r.find('》') else { return false };
        rest = &r[close + '》'.len_utf8()..];
    }
    ["等媒体", "等报刊", "等刊物", "等期刊", "等杂志"].iter().any(|w| rest.starts_with(w))
}

/// `《…》清廉书画展`: an event noun phrase right after the title (not `《档案法》的宣传活动`).
fn is_event_followed(after: &str) -> bool {
    let run: String = after.chars().take_while(|c| !"，,。;、《".contains(*c)).take(8).collect();
    // `《年鉴》编纂工作培训班`: a course about the work, which stays a work
    let about_the_work = super::event::WORK_VERBS.iter().any(|v| run.starts_with(v));
    !run.starts_with('的') && !about_the_work && lexicon::get().event_suffix_of(&run).is_some()
}

/// Who published it: the unit a title opens with (`《漳州市档案馆关于…意见》`),
/// a media unit right before it (`沈阳广播电视台《沈阳新闻》`), or the actors of
/// the nearest publishing verb before it.
fn publishers(ctx: &mut Ctx, si: usize, t: &Title, before: &str) -> Vec<usize> {
    if let Some(u) = title_issuer(ctx, si, t) {
        return vec![u];
    }
    let units = ctx.in_sentence(EntityType::Unit, si);
    if let Some(&u) = units.iter().find(|&&u| ctx.mentions[u].end == t.open) {
        let s = &ctx.mentions[u].surface;
        if ["电视台", "报社", "出版社", "杂志社", "电台", "融媒体中心"].iter().any(|m| s.ends_with(m))
        {
            return vec![u];
        }
    }
    let base = ctx.sents[si].start;
    let verb = PUBLISHING_VERBS.iter().filter_map(|v| before.rfind(v).map(|i| (i, *v))).max_by_key(|x| x.0);
    let Some((at, _)) = verb else { return Vec::new() };
    // `年鉴编纂执行《地方志工作条例》`, `拍摄工作,利用《红岩春秋》`: a verb of using
    // between takes the title as its object; the unit made something else
    if USING_VERBS.iter().any(|v| before[at..].contains(v)) {
        return Vec::new();
    }
    let mut actors = topic::actors_before(ctx, si, base + at);
    topic::add_partnering_subject(ctx, si, &mut actors);
    actors
}

/// `《漳州市档案馆关于进一步加强档案安全管理的工作意见》`: the issuer opens the title.
fn title_issuer(ctx: &mut Ctx, si: usize, t: &Title) -> Option<usize> {
    let (issuer, _) = t.text.split_once("关于")?;
    let lx = lexicon::get();
    if issuer.chars().count() < 3 || lx.unit_suffix_of(issuer).is_none() {
        return None;
    }
    let start = t.open + '《'.len_utf8();
    Some(ctx.add(rules::UNIT_TITLE_ISSUER, Mention::new(EntityType::Unit, issuer, start, start + issuer.len(), si)))
}

/// The canonical name of a well-known law written short (`档案法`).
fn law_name(written: &str) -> Option<&'static str> {
    lexicon::get().laws.iter().find(|(w, _)| *w == written).map(|&(_, c)| c)
}

/// `新修订档案法`, `党章`: well-known laws written without title marks.
fn unmarked_laws(ctx: &mut Ctx, si: usize) {
    let s = &ctx.sents[si];
    let mut found = Vec::new();
    for &(written, canonical) in &lexicon::get().laws {
        for (i, _) in s.text.match_indices(written) {
            let pos = s.start + i;
            let in_marks = ctx.in_title(s, pos);
            let prev = s.text[..i].chars().last();
            // part of a longer name (`中华人民共和国档案法`, `《…档案法》`) is not this one
            if in_marks || prev.is_some_and(|c| c == '》') {
                continue;
            }
            found.push((pos, written, canonical));
        }
    }
    for (pos, written, canonical) in found {
        let mut m = Mention::new(EntityType::Publication, canonical, pos, pos + written.len(), si);
        m.subclass = Some("Regulation");
        if written != canonical {
            m.alt.push(written.to_owned());
        }
        ctx.add(rules::PUBLICATION_UNMARKED_LAW, m);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_from_context() {
        assert_eq!(kind("沈阳党史", "同时,精心办好", "期刊,积极构建"), Some("Periodical"));
        assert_eq!(kind("中国档案报", "发表于", ""), Some("Newspaper"));
        assert_eq!(kind("百年征程百秒瞬间", "联合制作了百集沈阳党史短视频", ""), Some("Film"));
        assert_eq!(kind("湘潮", "一是搞好", "的征订和发行"), Some("Periodical"));
        assert_eq!(kind("毛泽东在湘潭", "2023年第6期刊发了", "一文。"), Some("Article"));
        assert_eq!(kind("醴陵年鉴(2022)", "该室编纂出版", ""), Some("Periodical"));
        assert_eq!(kind("山东档案", "多次被《中国档案报》", "《齐鲁晚报》等媒体推广"), Some("Periodical"));
        assert_eq!(kind("齐鲁晚报", "多次被《中国档案报》《山东档案》", "等媒体推广"), Some("Newspaper"));
        assert_eq!(kind("漳州市脱贫攻坚工作档案实录(2016—2020年)", "加强档案资源开发研究,推出", ""), Some("Book"));
        assert_eq!(kind("中国共产党组织工作条例", "认真落实", ""), Some("Regulation"));
        assert_eq!(kind("中国共产党沈阳百年历程", "组织起草了理论阐释文章", ""), Some("Article"));
        assert_eq!(kind("桃源名人录", "已经编写出版", ""), Some("Book"));
    }

    #[test]
    fn exhibitions_in_marks_are_events() {
        assert!(is_event("百年足迹之路桥党史图片展", "会同区党史办举办", ",配合"));
        assert!(is_event("白山黑水间的红色印记", "中国共产党领导东北人民抗日斗争专题展览", "。"));
        assert!(is_event("书画展芳华翰墨扬清风", "配合区纪委举办", "清廉书画展,丰"));
        assert!(!is_event("中共路桥党史概览", "完成路桥地方党史资料", "的编写"));
    }

    #[test]
    fn titles_and_groups() {
        let s = "编纂出版了《沈阳改革开放30年》《沈阳工业发展70年》等多部党史专著";
        let ts = titles(s, 0);
        assert_eq!(ts.len(), 2);
        assert_eq!(groups(&ts, s, 0), [(0, 1)]);
    }
}

#[cfg(test)]
mod passive_tests {
    use crate::model::{EntityType, RelationType};
    use crate::normalize;

    fn publishers(text: &str) -> Vec<(String, String)> {
        crate::extract::related(text, RelationType::Publisher)
    }

    #[test]
    fn published_by_the_units_after_you() {
        let found = publishers("全年编纂《石家庄档案史话》一书,由河北人民出版社出版。");
        assert!(found.contains(&("石家庄档案史话".into(), "河北人民出版社".into())), "{found:?}");
        let found = publishers("《广州当代大事纪略》于2018年12月由广州出版社正式出版发行。");
        assert!(found.contains(&("广州当代大事纪略".into(), "广州出版社".into())), "{found:?}");
        let found = publishers("《桃源县志》由方志出版社公开出版。");
        assert!(found.contains(&("桃源县志".into(), "方志出版社".into())), "{found:?}");
        let found = publishers("纪录片《红色档案》由四川省档案馆和四川广播电视台联合摄制。");
        assert!(found.contains(&("红色档案".into(), "四川省档案馆".into())), "{found:?}");
        assert!(found.contains(&("红色档案".into(), "四川广播电视台".into())), "{found:?}");
    }

    #[test]
    fn a_lead_unit_and_its_partners_compile_it() {
        let found = publishers(
            "《广州当代大事纪略》由广州市人民政府地方志办公室(以下简称市地方志办)牵头,中共广州市委党史研究室(以下简称市委党史研究室)、广州市档案局共同编纂。",
        );
        for u in ["广州市人民政府地方志办公室", "中共广州市委党史研究室", "广州市档案局"]
        {
            assert!(found.contains(&("广州当代大事纪略".into(), u.into())), "{u}: {found:?}");
        }
        let found = publishers("《东城区志》由区志办牵头,区档案馆参与编纂。");
        assert!(!found.iter().any(|(_, u)| u == "区档案馆"), "{found:?}");
    }

    #[test]
    fn an_office_issues_what_it_sends_down() {
        let found = publishers("近日,国家档案局下发《关于副省级以上综合档案馆业务建设评价总体情况的通报》。");
        assert!(
            found.contains(&("关于副省级以上综合档案馆业务建设评价总体情况的通报".into(), "国家档案局".into())),
            "{found:?}"
        );
    }

    /// A title used, not made, has no publisher in its clause.
    #[test]
    fn a_title_used_is_not_made() {
        let found = publishers("区档案馆年鉴编纂执行《地方志工作条例》之规定。");
        assert!(found.is_empty(), "{found:?}");
        let found = publishers("市委党史研究室启动专题片拍摄工作,利用《红岩春秋》等平台做好推送。");
        assert!(found.is_empty(), "{found:?}");
        let found = publishers("市档案馆编纂《石家庄档案史话》一书。");
        assert_eq!(found, [("石家庄档案史话".to_owned(), "市档案馆".to_owned())]);
    }

    /// `由` that does not lead to a publishing verb names no publisher.
    #[test]
    fn by_without_a_publishing_verb() {
        let found = publishers("《档案法》由四川省档案馆负责宣传解读。");
        assert!(!found.iter().any(|(_, u)| u == "四川省档案馆"), "{found:?}");
        let r = crate::extract::read(&normalize::normalize("《档案法》由四川省档案馆负责宣传解读。"));
        assert!(r.mentions.iter().any(|m| m.kind == EntityType::Unit));
    }
}
