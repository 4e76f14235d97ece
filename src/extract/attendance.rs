//! Rule `participant/attendance-sentence`: a sentence that names no event
//! but says who attended (`出席`, `参加`, `陪同`, `列席`, `主持`) speaks of the
//! event the document named last before it; the people and units before
//! the verb (or after `参加会议的有`) take part in it.
//!
//! Examples: `…国家档案局副局长解津伟到省档案馆调研。… 省档案馆馆长陈向阳,
//! 省委办公厅二级巡视员查全洁…陪同。` → 陈向阳, 查全洁 take part in the visit;
//! `…召开《绩溪年鉴》座谈会。参加会议的有王守亚、林政民…` → 王守亚, 林政民.
//! Units whose post someone holds in the sentence are affiliations, not
//! attendees (`省档案馆馆长陈向阳`: 陈向阳 attends, not 省档案馆).
//! When the verb names the kind of occasion (`参加座谈或调研`, `陪同调研`),
//! it is the latest event of that kind, in this paragraph or before: `刘芸赴
//! 舟山调研。…在舟山期间,…。骆梅英,…市委党校…负责人参加座谈或调研。`
//! → they take part in the visit.
//! Known misses: an attendance sentence before the event it speaks of; one
//! that follows a second event named in passing (`传达…会议精神`).
//! Reads: the mentions of people, units and events, and `holdsPost`.

use super::rules;
use super::{Ctx, Sent};
use crate::model::{EntityType, RelationType};

/// Verbs saying who attended. `参观`/`观看` (visiting an exhibit) are left to
/// the event rules, which read what was visited.
const ATTENDING: &[&str] = &["出席", "参加", "陪同", "列席", "主持", "参会", "到会"];
/// After an attending verb, the attendees follow: `参加会议的有…`, `出席会议的有…`.
const LIST_FOLLOWS: &[&str] = &["的有", "人员有", "领导有"];

/// The first attending verb of a sentence: its byte offset and the verb.
fn first_attending_verb(s: &Sent) -> Option<(usize, &'static str)> {
    ATTENDING.iter().filter_map(|v| s.text.find(v).map(|i| (i, *v))).min_by_key(|&(i, _)| i)
}

/// The kind of occasion an attending verb names as its object (`参加调研`,
/// `参加座谈或调研`: a visit; `参加座谈`, `出席会议`: a meeting).
fn occasion_named(s: &Sent) -> Option<&'static str> {
    let (at, verb) = first_attending_verb(s)?;
    let object: String = s.text[at + verb.len()..].chars().take(6).collect();
    let visit = ["调研", "考察", "视察"].iter().any(|w| object.contains(w));
    let meeting = object.starts_with("座谈") || object.starts_with("会议");
    if visit {
        Some("Visit")
    } else if meeting {
        Some("Meeting")
    } else {
        None
    }
}

/// Where the attendees stand in the sentence: before the verb (relative byte
/// range), or after it when a `…的有` list follows it.
fn attendee_span(s: &Sent) -> Option<(usize, usize)> {
    let (at, verb) = first_attending_verb(s)?;
    let after = &s.text[at + verb.len()..];
    let list = LIST_FOLLOWS.iter().filter_map(|w| after.find(w).map(|i| i + w.len())).filter(|&i| i <= 12).min();
    match list {
        Some(i) => Some((at + verb.len() + i, s.text.len())),
        None => Some((0, at)),
    }
}

pub fn extract(ctx: &mut Ctx) {
    let mut found = Vec::new();
    let affiliations: std::collections::HashSet<usize> =
        ctx.relations.iter().filter(|r| r.kind == RelationType::HoldsPost).map(|r| r.to).collect();
    let mut last_event: Option<usize> = None;
    // the latest event of each kind so far that was held (not relayed)
    let mut last_of_kind: std::collections::HashMap<&'static str, usize> = Default::default();
    for s in &ctx.sents {
        let events: Vec<usize> = ctx
            .in_sentence(EntityType::Event, s.index)
            .into_iter()
            .filter(|&e| !ctx.mentions[e].surface.is_empty())
            .collect();
        // a war or an uprising is named, not attended
        let attendable =
            |e: &usize| ctx.mentions[*e].subclass != Some("HistoricalEvent") && !super::event::relayed(ctx, *e);
        for &e in &events {
            if let Some(kind) = ctx.mentions[e].subclass.filter(|_| !super::event::relayed(ctx, e)) {
                last_of_kind.insert(kind, e);
            }
        }
        if let Some(&e) = events.iter().rev().find(|e| attendable(e)) {
            last_event = Some(e);
            continue;
        }
        if !events.is_empty() {
            continue;
        }
        // the event is the one of this paragraph: a new paragraph is a new occasion
        if last_event.is_some_and(|e| ctx.sents[ctx.mentions[e].sentence].paragraph != s.paragraph) {
            last_event = None;
        }
        // `…负责人参加座谈或调研`: the occasion of the kind the verb names
        // (a meeting whose spirit was relayed is not the one attended)
        let named = occasion_named(s).and_then(|kind| last_of_kind.get(kind).copied());
        let (Some(e), Some((a, b))) = (named.or(last_event), attendee_span(s)) else { continue };
        for kind in [EntityType::Person, EntityType::Unit] {
            for m in ctx.in_sentence(kind, s.index) {
                let mm = &ctx.mentions[m];
                let inside = mm.start >= s.start + a && mm.end <= s.start + b;
                let reporter = super::metadata::after_reporter_role(s.text, mm.start - s.start);
                if inside && !affiliations.contains(&m) && !ctx.in_title(s, mm.start) && !reporter {
                    found.push((e, m, s.index));
                }
            }
        }
    }
    for (e, m, si) in found {
        ctx.relate(rules::PARTICIPANT_ATTENDANCE_SENTENCE, RelationType::Participant, e, m, None, si);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(text: &str) -> Option<&str> {
        let s = Sent::for_test(text);
        attendee_span(&s).map(|(a, b)| &text[a..b])
    }

    #[test]
    fn attendees_stand_before_the_verb() {
        assert_eq!(span("省档案馆馆长陈向阳,副馆长赵深陪同。"), Some("省档案馆馆长陈向阳,副馆长赵深"));
    }

    #[test]
    fn or_after_a_list_opener() {
        assert_eq!(span("参加会议的有王守亚、林政民等领导。"), Some("王守亚、林政民等领导。"));
    }

    #[test]
    fn the_occasion_a_verb_names_is_the_latest_of_its_kind() {
        let text = "省委党史研究室主任刘芸赴舟山调研\n\n5月26日,刘芸率队赴舟山,开展专项调研。\n\n在舟山期间,刘芸一行还实地考察了新建社区。舟山市委常委、宣传部长骆梅英,舟山市委党校、市史志研究室负责人参加座谈或调研。";
        let taking_part = crate::extract::related(text, RelationType::Participant);
        for who in ["骆梅英", "舟山市委党校", "市史志研究室"] {
            assert!(taking_part.iter().any(|(e, p)| e.contains("调研") && *p == who), "{who}: {taking_part:?}");
        }
    }

    #[test]
    fn a_meeting_attended_is_not_one_whose_spirit_was_relayed() {
        let text = "2月15日,陕西省召开全省党史研究室主任会议,传达学习全国党史和文献部门主要负责人会议精神及省委常委会会议要求。\n\n省委党史研究室主任任宗哲出席会议并讲话。";
        let taking_part = crate::extract::related(text, RelationType::Participant);
        assert!(taking_part.iter().any(|(e, p)| e.contains("党史研究室主任会议") && *p == "任宗哲"), "{taking_part:?}");
        assert!(!taking_part.iter().any(|(e, _)| e.contains("常委会")), "{taking_part:?}");
    }

    #[test]
    fn no_verb_no_attendees() {
        assert_eq!(span("全年接收档案三千卷。"), None);
    }
}
