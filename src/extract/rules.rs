//! The rule registry: every rule that adds a mention or a relation, with a
//! stable id. Each mention, relation and triple carries the ids of the rules
//! that produced it (`lt:rule` in the graph), so that `lantai eval --by-rule`
//! can measure a rule's precision and a bad rule can be found and removed.
//!
//! An id is `family/name`; it never changes once published (queries and
//! reports key on it). The rules themselves live in the family's module, each
//! with a header (what it matches, an example, known misses); `STAGES` below
//! is the order in which `extract::read` runs them.

/// A rule id as recorded in the graph.
pub type RuleId = &'static str;

// Units.
pub const UNIT_NAME_RUN: RuleId = "unit/name-run";
pub const UNIT_PARTY: RuleId = "unit/party";
pub const UNIT_SPLIT_AT_LINKER: RuleId = "unit/split-at-linker";
pub const UNIT_JOINED_FIELDS: RuleId = "unit/joined-fields";
pub const UNIT_PAREN_CONTINUATION: RuleId = "unit/paren-continuation";
pub const UNIT_SHARED_ENDING: RuleId = "unit/shared-ending";
pub const UNIT_LIST_ITEM: RuleId = "unit/list-item";
pub const UNIT_DISTRIBUTIVE_LIST: RuleId = "unit/distributive-list";
pub const UNIT_PRONOUN: RuleId = "unit/pronoun";
pub const UNIT_COMMITTEE_BEFORE_POST: RuleId = "unit/committee-before-post";
pub const UNIT_COMMITTEE_DEPARTMENT: RuleId = "unit/committee-department";
pub const UNIT_SECTION_BEFORE_POST: RuleId = "unit/section-before-post";
pub const UNIT_IMPLIED_BY_POST: RuleId = "unit/implied-by-post";
pub const UNIT_TITLE_ISSUER: RuleId = "unit/title-issuer";
pub const UNIT_TAGGER_ORG: RuleId = "unit/tagger-org";
pub const UNIT_TAGGER_NAME: RuleId = "unit/tagger-name";
pub const UNIT_PARENT_FROM_NAME: RuleId = "unit/parent-from-name";
pub const UNIT_COMMITTEE_ORGAN: RuleId = "unit/committee-organ";
pub const UNIT_SOURCE_LINE: RuleId = "unit/source-line";

// People.
pub const PERSON_AFTER_POST: RuleId = "person/after-post";
pub const PERSON_LISTED_AFTER_POST: RuleId = "person/listed-after-post";
pub const PERSON_APPOINTMENT: RuleId = "person/appointment";
pub const PERSON_ROSTER_LINE: RuleId = "person/roster-line";
pub const PERSON_AFTER_CUE: RuleId = "person/after-cue";
pub const PERSON_COMRADE: RuleId = "person/comrade";
pub const PERSON_NATIONAL_FIGURE: RuleId = "person/national-figure";
pub const PERSON_BYLINE: RuleId = "person/byline";
pub const PERSON_TAGGER: RuleId = "person/tagger";
pub const PERSON_TAGGER_BOUNDARY: RuleId = "person/tagger-boundary";

// Posts (holdsPost).
pub const POST_CHAIN: RuleId = "post/chain";
pub const POST_APPOINTMENT: RuleId = "post/appointment";
pub const POST_ROSTER_LINE: RuleId = "post/roster-line";
pub const POST_AFTER_FIGURE: RuleId = "post/after-figure";
pub const POST_SHARED_UNIT_IN_LIST: RuleId = "post/shared-unit-in-list";

// Publications.
pub const PUBLICATION_TITLE: RuleId = "publication/title";
pub const PUBLICATION_MEDIA_LIST: RuleId = "publication/media-list";
pub const PUBLICATION_UNMARKED_LAW: RuleId = "publication/unmarked-law";
pub const PUBLICATION_SOURCE_LINE: RuleId = "publication/source-line";
pub const PUBLISHER_CLAUSE: RuleId = "publisher/clause";

// Events.
pub const EVENT_NOUN_PHRASE: RuleId = "event/noun-phrase";
pub const EVENT_TITLED_EXHIBITION: RuleId = "event/titled-exhibition";
pub const EVENT_QUOTED_TITLE: RuleId = "event/quoted-title";
pub const EVENT_PARTY_CONGRESS: RuleId = "event/party-congress";
pub const EVENT_VISIT: RuleId = "event/visit";
pub const EVENT_CONDOLENCE_VISIT: RuleId = "event/condolence-visit";
pub const ORGANIZER_VERB: RuleId = "organizer/verb";
pub const ORGANIZER_IN_NAME: RuleId = "organizer/in-name";
pub const ORGANIZER_SAID_LATER: RuleId = "organizer/said-later";
pub const PARTICIPANT_SENTENCE: RuleId = "participant/sentence";
pub const PARTICIPANT_VISITOR: RuleId = "participant/visitor";
pub const PARTICIPANT_ATTENDS_NAMED: RuleId = "participant/attends-named-event";
pub const PARTICIPANT_PRESS_CONFERENCE: RuleId = "participant/press-conference";
pub const PARTICIPANT_ATTENDANCE_SENTENCE: RuleId = "participant/attendance-sentence";

// Identity (link stage).
pub const IDENTITY_RECURRING_EVENT: RuleId = "identity/recurring-event";
pub const IDENTITY_TITLE_PART: RuleId = "identity/title-part";
pub const IDENTITY_THIS_EVENT: RuleId = "identity/this-event";
pub const IDENTITY_OPENING_CEREMONY: RuleId = "identity/opening-ceremony";

// Sub-units.
pub const SUBUNIT_GOVERNED_BY: RuleId = "subunit/governed-by";

/// One registered rule: its id and what it reads, for `--by-rule` and docs.
pub struct Rule {
    pub id: RuleId,
    pub what: &'static str,
}

/// Every rule, in the order `extract::read` runs its stage.
pub const RULES: &[Rule] = &[
    Rule {
        id: UNIT_NAME_RUN, what: "a place or organ anchor followed by words up to a unit ending (路桥区档案馆)"
    },
    Rule {
        id: UNIT_SPLIT_AT_LINKER, what: "a run glued across a linking word (联合, 由, 参观, 及) is cut there"
    },
    Rule {
        id: UNIT_JOINED_FIELDS,
        what: "an official name joining two fields with 和 before its ending (党史和地方志研究室, 文化和旅游局)",
    },
    Rule { id: UNIT_PARTY, what: "中国共产党 on its own, not inside a longer unit name" },
    Rule {
        id: UNIT_PAREN_CONTINUATION,
        what: "a unit that goes on after its bracketed alias (市档案馆(市文史研究馆)党委)",
    },
    Rule {
        id: UNIT_LIST_ITEM,
        what: "a locality's own body listed among units the name rule read (市文旅局、市退役军人事务局)",
    },
    Rule { id: UNIT_SHARED_ENDING, what: "two committees sharing one ending (省、市委)" },
    Rule {
        id: UNIT_DISTRIBUTIVE_LIST,
        what: "places listed before one unit ending (扬州市、如皋市志办; 济南、青岛等市档案馆)",
    },
    Rule { id: UNIT_PRONOUN, what: "该办, 本馆: the unit last named with that ending" },
    Rule {
        id: UNIT_TAGGER_NAME,
        what: "a unit read with no place or organ before it that the tagger reads as one organisation (军事科学院)",
    },
    Rule { id: UNIT_TAGGER_ORG, what: "an ORG span of the tagger that ends with a unit ending and no rule read" },
    Rule {
        id: UNIT_COMMITTEE_BEFORE_POST, what: "省委, 县委 written as one word with the post after it (县委书记)"
    },
    Rule {
        id: UNIT_COMMITTEE_DEPARTMENT, what: "a committee's department after its post (省委常委、宣传部部长)"
    },
    Rule {
        id: UNIT_SECTION_BEFORE_POST,
        what: "a section of the unit before its head's post (研究室综合部部长 → 研究室综合部)",
    },
    Rule {
        id: UNIT_IMPLIED_BY_POST, what: "the unit a post implies when none is named (副县长 → 县人民政府)"
    },
    Rule {
        id: UNIT_TITLE_ISSUER, what: "the issuing body at the head of a document title (《XX市档案局关于…》)"
    },
    Rule { id: UNIT_PARENT_FROM_NAME, what: "a sub-unit's parent read from its full name (link stage)" },
    Rule {
        id: UNIT_COMMITTEE_ORGAN,
        what: "a committee's own organ (中共中央政治局, 省委常委会) makes the committee a unit (link stage)",
    },
    Rule { id: IDENTITY_RECURRING_EVENT, what: "a meeting or day held every year is one node per year (link stage)" },
    Rule {
        id: IDENTITY_TITLE_PART,
        what: "an event written with a part of its titled name (主标题——副标题) is the titled event (link stage)",
    },
    Rule {
        id: IDENTITY_THIS_EVENT,
        what: "此次/本次 before an event phrase: the event of that kind named last (link stage)",
    },
    Rule {
        id: IDENTITY_OPENING_CEREMONY,
        what: "a bare 开幕式/开班仪式 is the opening of the event named last (link stage)",
    },
    Rule { id: SUBUNIT_GOVERNED_BY, what: "a unit said to be under another (隶属, 归口, 下设)" },
    Rule { id: PERSON_AFTER_POST, what: "a name right after a post (档案馆馆长张春风)" },
    Rule {
        id: PERSON_LISTED_AFTER_POST, what: "names listed after the first one after a post (副馆长孙丽、周涛)"
    },
    Rule { id: PERSON_APPOINTMENT, what: "NAME 任/担任/当选为 UNIT POST" },
    Rule { id: PERSON_ROSTER_LINE, what: "a roster line POST:NAME、NAME under the entry's unit" },
    Rule { id: PERSON_AFTER_CUE, what: "names after a role noun (老战士陈锡云、方中)" },
    Rule { id: PERSON_COMRADE, what: "the name before 同志" },
    Rule { id: PERSON_NATIONAL_FIGURE, what: "a national figure of the lexicon, not inside a place name" },
    Rule { id: PERSON_BYLINE, what: "authors and editors of the byline and label lines" },
    Rule { id: PERSON_TAGGER, what: "a PER span of the tagger that is a well-formed personal name" },
    Rule {
        id: PERSON_TAGGER_BOUNDARY,
        what: "where rule and tagger disagree on a name, the tagger's word boundaries decide",
    },
    Rule { id: POST_CHAIN, what: "the post chain before a name, each post with the unit before it" },
    Rule { id: POST_APPOINTMENT, what: "the post an appointment verb gives" },
    Rule { id: POST_ROSTER_LINE, what: "the post of a roster line" },
    Rule {
        id: POST_SHARED_UNIT_IN_LIST,
        what: "a bare rank or deputy post in a list of holders, of the item before's unit (副主任甲、一级巡视员乙)",
    },
    Rule { id: POST_AFTER_FIGURE, what: "a post right after a national figure (习近平总书记)" },
    Rule { id: PUBLICATION_TITLE, what: "a 《》 title that names a work" },
    Rule { id: PUBLICATION_MEDIA_LIST, what: "outlets in a media list (人民日报、新华社等媒体)" },
    Rule { id: PUBLICATION_UNMARKED_LAW, what: "a law named without 《》 (档案法)" },
    Rule { id: UNIT_SOURCE_LINE, what: "a 来源: line that names a unit (来源:衢江区档案馆) (link stage)" },
    Rule { id: PUBLICATION_SOURCE_LINE, what: "the outlet of a 来源:/原载于 line (link stage)" },
    Rule { id: PUBLISHER_CLAUSE, what: "units before a compiling verb or after 由 in the title's clause" },
    Rule { id: EVENT_NOUN_PHRASE, what: "a noun phrase ending with an event noun (全县档案工作会议)" },
    Rule {
        id: EVENT_TITLED_EXHIBITION, what: "a 《》 title followed by an exhibition word (《城市记忆》展厅)"
    },
    Rule {
        id: EVENT_QUOTED_TITLE, what: "a quoted title ending with an event noun (“百年足迹”党史图片展)"
    },
    Rule { id: EVENT_PARTY_CONGRESS, what: "党的十八大, 党的二十大: the national congresses" },
    Rule {
        id: EVENT_VISIT, what: "a visit named by its verb and destination (袁家军到省委党史研究室调研)"
    },
    Rule { id: EVENT_CONDOLENCE_VISIT, what: "走访慰问 NAME: a visit to people" },
    Rule { id: ORGANIZER_VERB, what: "the actors of the nearest organising verb before the event (举办, 主办)" },
    Rule { id: ORGANIZER_IN_NAME, what: "a unit named inside the event's own name (区委常委会)" },
    Rule { id: ORGANIZER_SAID_LATER, what: "展览由X、Y主办 in the next sentence" },
    Rule { id: PARTICIPANT_SENTENCE, what: "subjects of 出席/陪同/参观, people of a sentence with one event" },
    Rule { id: PARTICIPANT_VISITOR, what: "who makes a visit event" },
    Rule { id: PARTICIPANT_ATTENDS_NAMED, what: "出席/参观 a bare event noun: the latest event of that kind" },
    Rule { id: PARTICIPANT_PRESS_CONFERENCE, what: "presenters and answerers of a press conference" },
    Rule {
        id: PARTICIPANT_ATTENDANCE_SENTENCE,
        what: "who attends (出席/陪同/参加会议的有…) in a sentence after the event",
    },
];

/// The registered rule with this id.
pub fn get(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_well_formed() {
        let mut seen = std::collections::HashSet::new();
        for r in RULES {
            assert!(seen.insert(r.id), "{} twice", r.id);
            let (family, name) = r.id.split_once('/').expect("family/name");
            assert!(!family.is_empty() && !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '-'));
        }
    }
}
