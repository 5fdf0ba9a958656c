"""Commitments: where an actor says something will be done.

Found from the parse, sentence by sentence:

- a commissive verb with what is promised: "pledged to ensure …", "promised to
  set out a clear timetable", "has agreed to work with the Government";
- future action by an agent: "The National Crime Agency will also launch …",
  "We will publish the register", "the Government is to …";
- reported future: "Cooper said any asylum seekers found guilty … would have
  their applications rejected", passive included ("… will be looked at again");
- announced or ordered action: "was forced to announce a national inquiry",
  "ordered the National Crime Agency to carry out a nationwide investigation";
- accepted recommendations: "accept her recommendations in full, including X,
  as well as Y" makes X and Y commitments too.

Not commitments: demands on others ("I call on the Government to …"), advice
("should", "must"), predictions by things rather than agents ("It will not
affect …"), counterfactuals ("would have"), questions, and past achievements.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from spacy.tokens import Doc, Span, Token

from . import anchors, evidence
from .affiliations import COMPANY_NAME_WORDS, role_key
from .keywords import keywords
from .nlp import text_of
from .people import LocalPerson, People, RoleMention
from .quotes import Quote, Resolver, line_end
from .recommendations import Recommendation
from .timex import ANNOUNCED_VERBS, Deadline, Timex, When, deadline_range, find_deadline, made_on, word_number

COMMISSIVE = frozenset(
    """pledge pledges pledged pledging promise promises promised promising vow vows vowed vowing commit commits
    committed committing undertake undertakes undertook undertaken guarantee guarantees guaranteed agree agrees
    agreed""".split()
)
ANNOUNCING = frozenset("announce announces announced announcing unveil unveils unveiled unveiling".split())
ORDERING = frozenset(
    "order orders ordered ask asks asked commission commissions commissioned instruct instructs instructed "
    "task tasks tasked".split()
)
INTENDING = frozenset("plan plans planned intend intends intended aim aims aimed set".split())
PREPARING = frozenset("prepare prepares preparing prepared".split())
REPORTING = frozenset(
    """say says said tell tells told announce announced announces confirm confirmed confirms pledge pledged
    promise promised add added insist insisted state stated reveal revealed vow vowed commit committed""".split()
)
ACCEPTING = frozenset("accept accepts accepted accepting".split())
# Nouns that act: governments and their parts, parties, public bodies.
AGENT_NOUNS = frozenset(
    """government ministers minister department office agency council councils police force forces nhs ministry
    treasury party labour conservatives tories administration authority authorities service services executive
    cabinet parliament regulator no10 whitehall downing spokesman spokeswoman spokesperson secretary chancellor
    mayor""".split()
)
# What governments announce: the things whose future is the promise.
PROGRAMME_NOUNS = frozenset(
    """inquiry inquiries commission review audit operation register scheme schemes fund framework law laws bill
    legislation plan plans programme strategy consultation taskforce investigation data cases applications
    records reforms reform timetable rules ban tax taxes cap budget funding investment powers body unit
    recommendations""".split()
)
FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo"})
# "We will …" outside any quote: the document's own voice (a statement, a manifesto).
AUTHOR = "(the author)"
NON_AGENTS = frozenset({"it", "this", "that", "there", "which", "what"})
# A commitment by a minister is also their department's.
DEPARTMENTS = {
    "home secretary": "Home Office", "foreign secretary": "Foreign Office", "chancellor": "HM Treasury",
    "health secretary": "Department of Health and Social Care", "education secretary": "Department for Education",
    "justice secretary": "Ministry of Justice", "defence secretary": "Ministry of Defence",
    "transport secretary": "Department for Transport", "culture secretary": "DCMS",
    "environment secretary": "Department for Environment, Food and Rural Affairs",
    "business secretary": "Department for Business and Trade", "prime minister": "the Government",
    "deputy prime minister": "the Government", "minister": "the Government", "secretary of state": "the Government",
}
_GENERIC_WHAT = frozenset("further new more other additional extra the a an some all".split())
_MULTIPLIERS = {"thousand": 1e3, "million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12, "k": 1e3}
_CURRENCIES = {"£": "GBP", "$": "USD", "€": "EUR"}
_QUALIFIERS = ("up to", "at least", "more than", "rise to", "rising to", "around", "about", "nearly", "almost")


@dataclass(slots=True)
class Target:
    """A quantity in a commitment: 800 cold cases, £3m, up to four pilot areas."""

    value: float
    unit: str | None
    what: str | None
    start: int
    end: int
    qualifier: str | None = None  # "up to", "at least", "rise to"


@dataclass(slots=True)
class Commitment:
    """One commitment as found in one document."""

    start: int  # the sentence
    end: int
    action_start: int
    action_end: int
    action: str
    kind: str  # pledge, announcement, recommendation, accepted recommendation
    confidence: float
    actor_person: int | None = None  # LocalPerson.key
    actor_role: str | None = None  # an office named in its holder's place ("the Home Secretary")
    actor_org: str | None = None
    said_on: date | None = None  # when it was made: the first day of the period below
    made_precision: str = "day"  # day, week, month or year
    deadline: Deadline | None = None
    targets: list[Target] = field(default_factory=list)
    number: int | None = None  # a report's recommendation number
    trigger: str = ""  # the kind of word that started it: commissive, future, reported, announcing, …
    probability: float | None = None  # the commitment model's, for its sentence
    vector: Any = None  # its sentence's embedding, when the embedding model is installed
    # The earlier commitment of the same document this one names and adds to ("… to consult on X.
    # That consultation will open in the spring."): its place in the document's list of commitments.
    points_to: int | None = None


@dataclass(slots=True)
class _Actor:
    person: int | None = None
    role: str | None = None
    org: str | None = None

    @property
    def known(self) -> bool:
        return self.person is not None or self.role is not None or self.org is not None


@dataclass(slots=True)
class _Context:
    """What every rule needs about the document."""

    people: People
    quotes: list[Quote]
    timexes: list[Timex]
    said_on: date | When | None
    resolver: Resolver


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    if verb.dep_ in ("xcomp", "conj") and verb.head.i != verb.i:
        return _subject(verb.head)
    return None


def _is_passive(verb: Token) -> bool:
    """Passive, or the causative "have their applications rejected"."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return True
    return verb.lower_ in ("have", "get") and any(c.tag_ == "VBN" and c.dep_ in ("ccomp", "xcomp", "oprd")
                                                  for c in verb.children)


def _quote_at(quotes: list[Quote], offset: int) -> Quote | None:
    """The innermost quote holding ``offset``: a quote within a speech speaks for its own speaker."""
    holding = [q for q in quotes if q.start <= offset < q.end]
    return min(holding, key=lambda q: q.end - q.start) if holding else None


def department_of(person: LocalPerson | None, role: str | None) -> str | None:
    """The department a minister speaks for: the Home Secretary for the Home Office."""
    titles = ([role] if role else []) + (person.roles if person else [])
    for title in titles:
        key = role_key(title)
        for office, department in DEPARTMENTS.items():
            if key == office or key.endswith(" " + office):
                return department
    return None


# Offices of government whose holder's "we" is the Government's (a shadow minister's is the party's).
GOVERNMENT_ROLES = re.compile(r"\b(?:minister|secretary of state|(?:home|foreign|culture|health|education|transport"
                              r"|environment|business|defence|justice|work and pensions|energy|housing|communities"
                              r"|chief) secretary|chancellor|paymaster|solicitor general|attorney general|whip"
                              r"|leader of the house|president|governor|spokes(?:man|woman|person) for the government"
                              r"|government spokes\w+|no(?:\.|umber) 10 spokes\w+|downing street spokes\w+)\b",
                              re.IGNORECASE)
_SEAT = re.compile(r"(?:mp|mep|msp|ms|mla|member|councillor|senator|representative|congress\w*)\b", re.IGNORECASE)
# "Tesco's chief executive", "chair of the Ferry Board", "head of Fenwick Council": the body in a title.
_ROLE_BODY = re.compile(r"^(?:the\s+)?(?P<own>[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)*)['’]s?\s"
                        r"|\b(?:of|at|for)\s+(?:the\s+)?(?P<of>[A-Z][\w&.-]*(?:\s+(?:of\s+|and\s+|for\s+)?[A-Z][\w&.-]*)*)")


def _body_in_title(title: str) -> str | None:
    """The body a title names ("Tesco's chief executive", "the leader of Fenwick Council"); not a minister's
    brief ("Secretary of State for Transport")."""
    found = _ROLE_BODY.search(title)
    if found is None or (not found.group("own") and re.search(r"\b(?:minister|secretary|chancellor)\b", title, re.I)):
        return None
    return found.group("own") or found.group("of")


def speakers_side(person: LocalPerson | None, role: str | None) -> str | None:
    """Whose "we" a speaker's is: their department, the body they lead, the Government, their party.

    A minister's "we" is the department (or the Government); the chief executive of a company speaks
    for the company and a shadow minister for the party; a speaker of unknown standing stays unknown
    (the speaker is the actor): a newspaper editor's "we will publish" is no promise of government.
    """
    titles = ([role] if role else []) + (list(person.roles) if person else [])
    shadow = any(re.search(r"\bshadow\b", t, re.IGNORECASE) for t in titles)
    if not shadow:
        department = department_of(person, role)
        if department:
            return department
    for title in titles:
        if _SEAT.match(title):
            continue  # "MP for Leeds Central": a seat, not a body
        body = _body_in_title(title)
        if body:
            # "Labour's shadow chancellor" speaks for Labour, "a spokesman for the Department for Education" for it
            return "the Government" if body.casefold() in ("government", "his majesty's government") else body
    if not shadow and any(GOVERNMENT_ROLES.search(t) for t in titles):
        return "the Government"
    if person is not None and person.party:
        return person.party
    return None


def _noun_phrase(token: Token) -> str:
    """The name of an organisation: its entity span if NER has one, else the words up to the noun."""
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end and ent.label_ in ("ORG", "NORP", "GPE", "FAC"):
            return re.sub(r"^(?:the|a|an)\s+|\s*['’]s?$", "", ent.text, flags=re.IGNORECASE).strip()
    words = [t for t in token.subtree if t.dep_ not in ("relcl", "acl", "appos", "punct", "case") and t.i <= token.i]
    text = " ".join(t.text for t in words)
    return re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.IGNORECASE).strip()


def _actor(subject: Token | None, context: _Context, speaker: Quote | None) -> _Actor:
    """Who a subject is: a person, an office, an organisation; "we" in a quote is the speaker's side."""
    if subject is None:
        return _Actor()
    lower = subject.lower_
    people = context.people
    if lower in ("i", "we") and speaker is not None:
        person = people.by_key(speaker.speaker) if speaker.speaker is not None else None
        org = None
        if lower == "we":
            org = speakers_side(person, speaker.role)
        return _Actor(person=speaker.speaker, role=speaker.role, org=org)
    if lower in ("i", "we"):
        return _Actor(org=AUTHOR)
    span = subject.doc[subject.left_edge.i : subject.i + 1]
    found = people.at(subject.idx, subject.idx + len(subject))
    if found is None and (lower in _ACTOR_NOUNS or subject.pos_ == "PROPN"):
        # "Mr Reid's department will …"; but "Pell Grant recipients will …" are not a Mr Grant
        found = people.at(span.start_char, span.end_char)
    if found is None:
        # "The transport minister, Dana Holt, said …": the name in apposition, also where the parser hangs it
        # on the office's body ("The leader of Fenwick Council, Tom Hale, said …").
        for appos in (c for c in subject.subtree if c.dep_ == "appos" and subject.i in (c.head.i, c.head.head.i,
                                                                                         c.head.head.head.i)):
            named = people.at(appos.idx, appos.idx + len(appos))
            if isinstance(named, LocalPerson):
                title = subject.doc[subject.left_edge.i : min(appos.left_edge.i, subject.right_edge.i + 1)].text
                return _Actor(person=named.key, org=department_of(named, title) or _body_in_title(title.strip(" ,")))
    if isinstance(found, LocalPerson):
        return _Actor(person=found.key, org=department_of(found, None))
    if isinstance(found, RoleMention):
        return _Actor(person=found.anaphor, role=found.role, org=department_of(None, found.role))
    if lower in ("he", "she"):
        # The speaker attribution already resolved this pronoun when it introduces words.
        for quote in context.quotes:
            if quote.speaker_start is not None and quote.speaker_start <= subject.idx < (quote.speaker_end or 0):
                person = people.by_key(quote.speaker) if quote.speaker is not None else None
                return _Actor(person=quote.speaker, role=quote.role, org=department_of(person, quote.role))
        key = context.resolver.pronoun(subject, 0) or context.resolver.pronoun(subject, 0, subjects_only=False)
        if key is not None:
            return _Actor(person=key, org=department_of(people.by_key(key), None))
        return _Actor()
    if lower in ("government", "administration"):
        # "A Labour government will …", said in opposition, is the party's promise, not the sitting government's.
        party = next((anchors.party_of(c.lower_) for c in subject.children
                      if c.dep_ in ("compound", "amod", "nmod") and anchors.party_of(c.lower_)), None)
        if party is not None:
            return _Actor(org=party)
        if any(c.lower_ in ("a", "an", "any", "future", "next", "new") for c in subject.children):
            return _Actor()  # "a future government", "the next administration": nobody yet
    if lower in ("ministers", "government", "administration"):
        return _Actor(org="the Government")
    if lower in AGENT_NOUNS or (subject.pos_ == "PROPN" and (subject.ent_type_ == "ORG" or lower in _BODY_HEADS)):
        name = _noun_phrase(subject)
        if name.lower() in _ANAPHORIC_BODIES:  # "the party will …": which party the text has named
            return _Actor(org=_body_named_before(subject) or (None if name.lower() == "party" else name))
        return _Actor(org=name)
    return _Actor()


# The last word of a company's or public body's name, whatever NER makes of it ("Network Rail", "Thames
# Water", "the Ferry Board", "Tesco Group").
_BODY_HEADS = COMPANY_NAME_WORDS | frozenset(
    "energy group board commission committee authority agency council corporation company bank".split())
# Bodies named by their kind alone ("the party", "the service"): who they are is an earlier name.
_ANAPHORIC_BODIES = frozenset(
    "party service services council authority department agency ministry regulator office executive".split())


def _body_named_before(subject: Token) -> str | None:
    """The body a bare "the party" or "the service" stands for: the nearest earlier name of that kind.

    "Labour set out its plans. The party will …" is Labour's; "The Flood Claims Service opened in May.
    The service will …" is that service's. Nothing named: None.
    """
    kind = subject.lower_.rstrip("s")  # "services" is a kind of "service"
    earlier = subject.doc[: max(subject.i - 1, 0)]
    if kind == "party":
        return next((party for token in reversed(earlier) if token.text[:1].isupper()
                     and (party := anchors.party_of(token.lower_)) is not None), None)
    return next((re.sub(r"^the\s+", "", entity.text, flags=re.IGNORECASE) for entity in reversed(earlier.ents)
                 if entity.label_ == "ORG" and entity[-1].lower_.rstrip("s") == kind), None)


# A picture's credit or caption run into the text: "(Stefan Rousseau/PA)", "(Image: PA)", "(Photo: Getty)".
_CREDIT = re.compile(r"\s*\((?:(?:Image|Photo|Picture|Pictured|Credit)s?\s*:[^()]{0,60}"
                     r"|[A-Z][\w .'’-]{1,40}/[A-Z][\w .&'’-]{1,30})\)")


# Quotation marks, but not an apostrophe inside a word ("Brennan's review", "won't").
_QUOTATION_MARK = re.compile(r"[\"“”]|(?<![^\W\d_])[‘’']|[‘’'](?![^\W\d_])")


def _clean_action(text: str, limit: int = 24) -> str:
    text = _CREDIT.sub("", text)
    text = _QUOTATION_MARK.sub("", text)
    text = re.sub(r"^that\s+", "", " ".join(text.split())).strip(" ,;:.–—-")
    words = text.split()
    return " ".join(words[:limit]) + ("…" if len(words) > limit else "")


def split_conjuncts(verb: Token) -> list[Token]:
    """Verbs coordinated with ``verb`` that make promises of their own: each has its own subject,
    auxiliary or object ("we will publish the list within six weeks, and we will open the scheme in
    the autumn"; "publish quarterly reports and update Parliament annually"), so each is its own
    commitment with its own deadline. A verb sharing the first one's object ("build and run the
    line") is one promise with it.
    """
    found = _coordinated(verb)
    # Three or more aims under one auxiliary ("will increase production, build supply chains, create
    # jobs and drive growth") are a mission statement read as one; a clause with its own subject or
    # auxiliary is still a promise of its own.
    shared = [c for c in found if not _has_own_clause(c)]
    if len(shared) >= 2:
        found = [c for c in found if _has_own_clause(c)]
    return found


def _coordinated(verb: Token) -> list[Token]:
    """The verbs coordinated after ``verb``, along the chain of conjuncts, that have words of their own."""
    found = []
    for child in verb.children:
        if child.dep_ == "conj" and child.pos_ in ("VERB", "AUX") and child.i > verb.i and any(
                c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "dobj", "attr") for c in child.children) \
                and not all(t.is_punct or t.dep_ == "cc" for t in verb.doc[verb.i + 1 : child.left_edge.i]):
            found.append(child)
            found.extend(_coordinated(child))
    return found


def _has_own_clause(verb: Token) -> bool:
    """Whether a coordinated verb has a subject or an auxiliary of its own ("…, and we will open …")."""
    return any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in verb.children)


def _without_conjuncts(verb: Token, tokens: list[Token]) -> list[Token]:
    """``tokens`` less the coordinated promises of ``split_conjuncts`` and the words joining them."""
    conjuncts = split_conjuncts(verb)
    if not conjuncts:
        return tokens
    first = min(c.left_edge.i for c in conjuncts)
    # The "and" (and any comma) before the first coordinated promise go with it, as does all after it.
    joining = {t.i for t in verb.children if t.dep_ in ("cc", "punct") and t.i < first
               and all(u.is_punct or u.dep_ == "cc" for u in verb.doc[t.i : first])}
    return [t for t in tokens if t.i < first and t.i not in joining]


def _with_conjuncts(found: Found, sentence: Span, context: _Context) -> Found:
    """Each commitment followed by those of its coordinated verbs that share its actor and its auxiliary.

    "We will publish quarterly reports and update Parliament annually": two promises, one actor. A
    coordinated verb with an auxiliary of its own ("…, and we will open …") is found from that.
    """
    result: Found = []
    for commitment, verb in found:
        result.append((commitment, verb))
        actor = _Actor(commitment.actor_person, commitment.actor_role, commitment.actor_org)
        for conjunct in split_conjuncts(verb):
            if conjunct.head.i == verb.i and conjunct.tag_ == "VB" and not _has_own_clause(conjunct):
                result.append((_build(conjunct, _predicate(conjunct, None), commitment.kind,
                                      commitment.confidence - 0.05, actor, sentence, context), conjunct))
    return result


def _predicate(verb: Token, subject: Token | None) -> list[Token]:
    """The verb and what follows it in its clause, with any negation, without the subject."""
    skip = {t.i for t in subject.subtree} if subject is not None else set()
    tokens = _without_conjuncts(verb, [t for t in verb.subtree if t.i >= verb.i and t.i not in skip
                                       and not t.is_space])
    negation = [t for t in verb.children if t.dep_ == "neg"]
    return sorted(negation + tokens, key=lambda t: t.i)


def _clause(verb: Token) -> list[Token]:
    """The whole clause: for passives, programmes and things the subject is what is promised.

    Without its "that"/"because" and a relative clause's leading "when" or "which" ("the date when the
    first flight will take place" gives "the first flight will take place").
    """
    tokens = _without_conjuncts(verb, [t for t in verb.subtree if not t.is_space
                                       and not (t.dep_ == "mark" and t.head.i == verb.i)])
    while tokens and tokens[0].tag_ in ("WRB", "WDT") and tokens[0].head.i == verb.i:
        tokens = tokens[1:]
    return tokens or [verb]


_NAMED_ACTORS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_BE = frozenset({"be", "become", "remain", "stay"})
# Common nouns for people and bodies who act, beside AGENT_NOUNS: never "things" in an action.
_ACTING_NOUNS = frozenset(
    """chairman chairwoman chair chief head leader leaders director directors boss bosses official officials
    executive executives president premier governor commissioner officer officers staff team member members
    mp mps peer peers lawmaker lawmakers senator senators candidate candidates campaigners company companies
    firm firms board bank banks trust trusts body bodies regulator committee commission""".split())
# Every common noun that names who acts.
_ACTOR_NOUNS = AGENT_NOUNS | _ACTING_NOUNS


def _is_thing(subject: Token | None) -> bool:
    """Whether a verb's subject is a thing, not who acts: "the first flight will leave in ten weeks",
    "she said the ferry would return by June". The thing belongs in the action: without it the ledger
    would read "leave in ten weeks"."""
    if subject is None or subject.lower_ in _ACTOR_NOUNS or subject.ent_type_ in _NAMED_ACTORS:
        return False
    return subject.pos_ == "NOUN" or (subject.pos_ == "PROPN" and subject.ent_type_ != "")


def _number_value(tokens: list[Token]) -> float | None:
    text = " ".join(t.text for t in tokens).lower().replace(",", "")
    match = re.match(r"^(\d+(?:\.\d+)?)\s*(thousand|million|billion|trillion|m|bn|k)?$", text)
    if match:
        return float(match[1]) * _MULTIPLIERS.get(match[2] or "", 1)
    words = text.split()
    multiplier = _MULTIPLIERS.get(words[-1], 1) if words else 1
    base = word_number(" ".join(words[:-1]) if multiplier != 1 else text)
    return None if base is None else base * multiplier


def find_targets(doc: Doc, start: int, end: int, timexes: list[Timex]) -> list[Target]:
    """Quantities in ``[start, end)``: value, unit and what they count. Numbers inside dates are not targets."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    text = text_of(doc)
    tokens = list(span)
    targets: list[Target] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        numeric = token.like_num or token.pos_ == "NUM"
        if not numeric or any(t.start <= token.idx < t.end for t in timexes) or token.lower_ == "one":
            i += 1
            continue
        group = [token]
        while i + 1 < len(tokens) and (tokens[i + 1].like_num or tokens[i + 1].lower_ in _MULTIPLIERS):
            i += 1
            group.append(tokens[i])
        value = _number_value(group)
        if value is None:
            i += 1
            continue
        previous = doc[token.i - 1] if token.i > 0 else None
        unit = _CURRENCIES.get(previous.text[:1]) if previous is not None else None
        following = tokens[i + 1 : i + 6]
        if following and following[0].lower_ in ("per", "%", "percent"):
            unit = "%"
        what = None
        noun = next((t for t in following if t.pos_ in ("NOUN", "PROPN")), None)
        if noun is not None and unit != "%" and all(
            t.pos_ in ("ADJ", "NOUN", "PROPN", "NUM") or t.lower_ in _GENERIC_WHAT for t in following
            if t.i < noun.i
        ):
            head = noun
            while head.dep_ == "compound" and head.i < head.head.i <= head.i + 2:
                head = head.head
            what = " ".join(t.text for t in doc[group[-1].i + 1 : head.i + 1]
                            if t.lower_ not in _GENERIC_WHAT and not t.is_punct) or None
        if what is None and unit is None and targets:
            what = targets[-1].what  # "800 cold cases …, a number expected to rise to 1,000"
        before = text[max(0, token.idx - 14) : token.idx].lower().rstrip(" £$€")
        qualifier = next((q for q in _QUALIFIERS if before.endswith(q)), None)
        first = previous if unit in ("GBP", "USD", "EUR") and previous is not None else group[0]
        targets.append(Target(value, unit, what, first.idx, group[-1].idx + len(group[-1]), qualifier))
        i += 1
    return targets


def _statement_date(sentence: Span, action: tuple[int, int] | None, timexes: list[Timex],
                    said_on: date | When | None, announced: list[tuple[int, int]] | None = None) -> When | None:
    """When the commitment was made: the time its sentence gives ("told MPs on Wednesday", "In January,
    she asked …"), else the document's date; see ``timex.made_on``."""
    return made_on(text_of(sentence.doc), (sentence.start_char, sentence.end_char), action, said_on, timexes,
                   announced)


_WHEN_PREPOSITIONS = frozenset({"on", "in", "at", "during"})


def _announcement_times(action: list[Token], timexes: list[Timex]) -> list[tuple[int, int]]:
    """The times that modify an action's own announcing verb, read from the parse: "announced
    payments to living beneficiaries on 21 May" (the time hangs on "announced" through "on")."""
    verb = action[0]
    if verb.lower_ not in ANNOUNCED_VERBS or verb.tag_ not in ("VBD", "VBN"):
        return []
    doc, found = verb.doc, []
    for timex in timexes:
        if not action[0].idx <= timex.start < action[-1].idx + len(action[-1]):
            continue
        span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
        if span is None:
            continue
        root, head = span.root, span.root.head
        if head.i == verb.i and root.dep_ in ("npadvmod", "tmod") or \
                head.dep_ == "prep" and head.lower_ in _WHEN_PREPOSITIONS and head.head.i == verb.i:
            found.append((timex.start, timex.end))
    return found


# What a speaker will do next in the chamber or the interview, not a promise:
# "I will give way", "I will make a statement", "I will come to that".
_PROCEDURAL = re.compile(
    r"^(?:give way|make (?:a|this|an oral) statement|come (?:on |back )?to|turn to|say|repeat|be brief|"
    r"answer (?:that|the)|respond to (?:that|the)|end (?:there|by)|conclude)\b"
)


def _procedural(verb: Token) -> bool:
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lower_ != "i":
        return False
    words = " ".join(t.lower_ for t in verb.doc[verb.i : min(verb.right_edge.i + 1, verb.i + 4)])
    return bool(_PROCEDURAL.match(words))


def _excluded(verb: Token) -> bool:
    """Counterfactuals, epistemic futures, advice, conditions, embedded questions, the business of the moment."""
    if _procedural(verb):
        return True
    auxiliaries = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if "have" in auxiliaries and auxiliaries & {"will", "would", "'ll"}:
        return True  # "will have heard", "would have acted"
    if auxiliaries & {"should", "must", "ought", "could", "might", "may", "can"}:
        return True
    if any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in verb.children):
        return True  # "whether the new inquiry will lead to real changes"
    conditional = any(c.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in c.children)
                      for c in verb.children)
    return conditional and "would" in auxiliaries


def find_commitments(
    doc: Doc, people: People, quotes: list[Quote], timexes: list[Timex], said_on: date | When | None,
    resolver: Resolver | None = None,
) -> list[Commitment]:
    """Commitments in a parsed document, each with actor, action, kind, deadline and targets."""
    context = _Context(people, quotes, timexes, said_on, resolver or Resolver(doc, people))
    found: list[Commitment] = []
    used: set[int] = set()
    for sentence in doc.sents:
        if sentence.text.strip().rstrip("'’\"” ").endswith("?"):
            continue
        before = len(found)
        if _dates_earlier_commitment(sentence, found, context):
            continue
        for token in sentence:
            if token.i in used:
                continue
            for commitment, verb in _with_conjuncts(_commitments_at(token, sentence, context), sentence, context):
                if _asked(token, sentence):
                    continue
                commitment.trigger = trigger_kind(token.lower_)
                conjuncts = {t.i for c in split_conjuncts(verb) for t in c.subtree}
                used.update(t.i for t in verb.subtree if t.i not in conjuncts)
                used.add(token.i)
                # Two triggers for one promise ("will have …, the Government has promised"): keep the surer.
                twin = next((c for c in found[before:] if c.action_start < commitment.action_end
                             and commitment.action_start < c.action_end and c.kind != "accepted recommendation"),
                            None)
                if twin is None:
                    found.append(commitment)
                elif commitment.confidence > twin.confidence:
                    found[found.index(twin)] = commitment
        if len(found) == before:
            _extend_with_fragment(sentence, found, timexes)
    if _MINISTERIAL_STATEMENT.search(text_of(doc)[:1500]):
        for commitment in found:  # a minister's statement: its own "we", and what it says unattributed
            if commitment.actor_org == AUTHOR or (commitment.actor_org is None and commitment.actor_person is None
                                                  and commitment.actor_role is None):
                commitment.actor_org = "the Government"
    return found


# A ministerial statement as Hansard and its mirrors print it, often without its speaker (repeated in the
# other House) and with the quotation marks of later paragraphs lost: its own "we will" is the Government's.
_MINISTERIAL_STATEMENT = re.compile(
    r"\bThe following Statement was made in the House of (?:Commons|Lords)\b|^(?:Written |Oral )?Ministerial "
    r"Statement\b|^Statement made by\b", re.MULTILINE)


def _pledge_noun(token: Token, sentence: Span, context: _Context, speaker: Quote | None) -> Found:
    """A pledge told by its noun, with whose it is: "Labour's pledge to create 1,000 jobs in Aberdeen",
    "the Prime Minister's promise of recruiting 6,000 teachers". Without an owner ("a pledge to …",
    "his promise") there is no actor to hold to it."""
    owner = next((c for c in token.children if c.dep_ == "poss"), None)
    if owner is None:
        return []
    complement = next((c for c in token.children if c.dep_ in ("acl", "relcl") and c.tag_ == "VB"
                       and any(a.lower_ == "to" for a in c.children)), None)
    if complement is None:
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        complement = next((c for c in of.children if c.dep_ == "pcomp" and c.tag_ == "VBG"), None) \
            if of is not None else None
    if complement is None:
        return []
    if _outcome_of(token, sentence):
        return []  # "her pledge to cap insulin has stalled": what became of the promise, not a new one
    actor = _actor(owner, context, speaker)
    if not actor.known:
        return []
    return [(_build(complement, _predicate(complement, None), "pledge", 0.6, actor, sentence, context), complement)]


def _outcome_of(noun: Token, sentence: Span) -> bool:
    """Whether a sentence reports what became of the pledge its noun names: the noun is what the verb
    is about ("her pledge … has stalled", "scrapped its pledge to …"), the verb says nothing of the future
    and the sentence reads as an outcome (``evidence.judge``)."""
    verb = noun.head
    if noun.dep_ not in ("nsubj", "nsubjpass", "dobj") or verb.pos_ not in ("VERB", "AUX"):
        return False
    if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX | {"would", "to"} for c in verb.children):
        return False
    return evidence.judge(sentence.text) is not None


def _asked(token: Token, sentence: Span) -> bool:
    """Whether the words from ``token`` on end in a question mark, before any full stop or line break.

    The parser sometimes runs a question into the next line ("… within six months?\nHelen Marsh").
    """
    text = text_of(sentence.doc)
    rest = text[token.idx : min(sentence.end_char, line_end(text, token.idx))]
    end = re.search(r"[.!?]", rest)
    return end is not None and end.group() == "?"


# "The inquiry will last about three years", "it would take around three years":
# how long something already promised will take.
_DURATION_VERBS = frozenset("last lasts take takes run runs report reports conclude concludes finish "
                            "finishes complete completes".split())


def _dates_earlier_commitment(sentence: Span, found: list[Commitment], context: _Context) -> bool:
    """Give an earlier commitment the deadline a sentence about its duration states; True if one was given."""
    for token in sentence:
        if token.lower_ not in _DURATION_VERBS or token.pos_ != "VERB":
            continue
        if not any(c.lower_ in ("will", "would", "'ll") for c in token.children):
            continue
        subject = _subject(token)
        if subject is None or not (subject.lower_ == "it" or subject.lower_ in PROGRAMME_NOUNS):
            return False
        stated = _statement_date(sentence, None, context.timexes, context.said_on)
        span = (sentence.start_char, sentence.end_char)
        deadline = find_deadline(text_of(sentence.doc), span, span, stated, context.timexes, context.said_on)
        if deadline is None:
            return False
        noun = subject.lower_
        for earlier in reversed(found):
            if noun == "it" and sentence.start_char - earlier.end > 400:
                break
            if noun == "it" or noun.rstrip("s") in earlier.action.lower():
                if earlier.deadline is None:
                    earlier.deadline = deadline
                return True
        return False
    return False


def _extend_with_fragment(sentence: Span, found: list[Commitment], timexes: list[Timex]) -> None:
    """A verbless fragment right after a commitment belongs to it: "As a first step … up to four other pilot areas."."""
    if not found or any(t.dep_ == "ROOT" and t.pos_ in ("VERB", "AUX") for t in sentence):
        return
    last = found[-1]
    between = text_of(sentence.doc)[last.end : sentence.start_char]
    if len(between.strip(" \n'‘’\"“”")) > 0 or sentence.start_char <= last.start:
        return
    if "\n" in between and line_end(text_of(sentence.doc), sentence.start_char) <= sentence.end_char:
        return  # a line of its own after a line break: a heading or a speaker's name ("Fiona Reyes"), not more
    last.end = sentence.end_char
    last.targets.extend(find_targets(sentence.doc, sentence.start_char, sentence.end_char, timexes))


def trigger_kind(word: str) -> str:
    """Which family of trigger words ``word`` belongs to (a feature of the commitment model)."""
    for kind, words in (("commissive", COMMISSIVE | PLEDGE_NOUNS), ("accepting", ACCEPTING), ("announcing", ANNOUNCING),
                        ("ordering", ORDERING), ("future", FUTURE_AUX), ("intending", INTENDING),
                        ("preparing", PREPARING)):
        if word in words:
            return kind
    return "reported" if word == "would" else "other"


Found = list[tuple[Commitment, Token]]
# Nouns that tell a pledge: "Labour's pledge to create 1,000 jobs", "the council's promise of resurfacing".
PLEDGE_NOUNS = frozenset("pledge pledges promise promises vow vows commitment commitments".split())
# Every word that can start a commitment; any other is passed over at once.
_TRIGGERS = COMMISSIVE | ACCEPTING | ANNOUNCING | ORDERING | FUTURE_AUX | INTENDING | PREPARING | PLEDGE_NOUNS \
    | {"would"}


def _commitments_at(token: Token, sentence: Span, context: _Context) -> Found:
    """Commitments whose trigger is ``token``, with the verb whose clause each covers."""
    lower = token.lower_
    if lower not in _TRIGGERS:
        return []
    speaker = _quote_at(context.quotes, token.idx)
    if lower in COMMISSIVE and not _excluded(token) and (
            token.pos_ in ("VERB", "AUX") or token.dep_ == "acomp" and _to_doing(token) is not None):
        # "pledged to …", and "remained committed to connecting …" (an adjective, as the parser reads it)
        return _pledged(token, sentence, context, speaker)
    if lower in PLEDGE_NOUNS and token.pos_ == "NOUN":
        return _pledge_noun(token, sentence, context, speaker)
    if lower in ACCEPTING and token.pos_ == "VERB" and any(
            t.lower_.startswith("recommendation") for t in token.subtree):
        return _accepted(token, sentence, context, speaker)
    if lower in ANNOUNCING and token.pos_ == "VERB":
        return _announced(token, sentence, context, speaker)
    if lower in ORDERING and token.pos_ == "VERB":
        return _ordered(token, sentence, context, speaker)
    if lower in FUTURE_AUX and token.dep_ == "aux":
        verb = token.head
        passive = _is_passive(verb)
        progressive = verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.lower_ == "be" for c in verb.children)
        if _excluded(verb) or not (verb.tag_ == "VB" or passive and verb.tag_ == "VBN" or progressive):
            return []  # "will be introducing two Bills" is the future too, as officials often say it
        return _future(verb, sentence, context, speaker, confidence=0.75)
    if lower in INTENDING and token.pos_ == "VERB" and token.tag_ in ("VBZ", "VBP", "VBD", "VBN"):
        complement = next((c for c in token.children if c.dep_ == "xcomp" and c.tag_ == "VB"), None)
        actor = _actor(_subject(token), context, speaker)
        if complement is None or actor.person is None and actor.org is None:
            return []
        return [(_build(complement, _predicate(complement, None), "announcement", 0.5, actor, sentence, context),
                 complement)]
    if lower in PREPARING and token.tag_ in ("VBG", "VBZ", "VBD") and not _excluded(token):
        # "the Government was preparing for five further local inquiries"
        target = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "for"), None)
        actor = _actor(_subject(token), context, speaker)
        if target is None or not actor.known:
            return []
        return [(_build(token, _predicate(token, _subject(token)), "announcement", 0.6, actor, sentence, context),
                 token)]
    if lower == "would" and token.dep_ == "aux":
        verb = token.head
        frame = verb.head
        if _excluded(verb) or verb.dep_ != "ccomp" or frame.lower_ not in REPORTING:
            return []
        if verb.lower_ in ACCEPTING:
            return _accepted(verb, sentence, context, speaker)
        reporter = _actor(_subject(frame), context, speaker)
        if not reporter.known:
            return []
        return _future(verb, sentence, context, speaker, confidence=0.7, reporter=reporter)
    return []


def _build(verb: Token, action: list[Token], kind: str, confidence: float, actor: _Actor, sentence: Span,
           context: _Context) -> Commitment:
    doc = sentence.doc
    start, end = action[0].idx, action[-1].idx + len(action[-1])
    announced = _announcement_times(action, context.timexes)
    stated = _statement_date(sentence, (start, end), context.timexes, context.said_on, announced)
    deadline = find_deadline(text_of(doc), (sentence.start_char, sentence.end_char), (start, end), stated,
                             context.timexes, context.said_on, announced)
    # A sentence never runs past its paragraph, whatever the parser thought.
    sentence_end = min(sentence.end_char, line_end(text_of(doc), end))
    line_start = text_of(doc).rfind("\n", 0, start) + 1
    return Commitment(
        start=max(sentence.start_char, line_start), end=sentence_end, action_start=start, action_end=end,
        action=_clean_action(text_of(doc)[start:end]), kind=kind, confidence=confidence,
        actor_person=actor.person, actor_role=actor.role, actor_org=_body_of_voice(actor.org),
        said_on=stated.day if stated else None, made_precision=stated.precision if stated else "day",
        deadline=deadline, targets=find_targets(doc, start, sentence.end_char, context.timexes),
    )


OFFICIAL_ROLES = re.compile(r"minister|secretary|chancellor|spokes|mayor|leader of the council|commissioner", re.I)


# "A Home Office spokesperson", "a Treasury source": the body speaks; the voice is no body of its own.
_VOICE = re.compile(r"\s+(?:spokes(?:person|man|woman)|press office|source|insider|official)s?$", re.IGNORECASE)


def _body_of_voice(org: str | None) -> str | None:
    """An organisation named with the voice that speaks for it, without the voice ("Home Office")."""
    return _VOICE.sub("", org) or org if org else org


def _official(actor: _Actor, people: People) -> bool:
    """Whether an actor speaks for government: an office holder, a department or agency."""
    if actor.org is not None or (actor.role and OFFICIAL_ROLES.search(actor.role)):
        return True
    person = people.by_key(actor.person) if actor.person is not None else None
    return person is not None and any(OFFICIAL_ROLES.search(r) for r in person.roles)


def _speaker_actor(speaker: Quote | None) -> _Actor:
    return _Actor(person=speaker.speaker, role=speaker.role) if speaker is not None else _Actor()


def _pledged(token: Token, sentence: Span, context: _Context, speaker: Quote | None) -> Found:
    """'pledged to ensure …', 'promised to set out …', 'has agreed to work with …', 'committed to making …'."""
    complement = next((c for c in token.children if c.dep_ in ("xcomp", "ccomp")), None) or _to_doing(token)
    if complement is None or (token.lower_.startswith("agree") and complement.dep_ != "xcomp"):
        return []
    subject = _subject(token)
    if subject is None and token.dep_ == "acomp":  # "the council is committed to building …"
        subject = _subject(token.head)
    actor = _actor(subject, context, speaker)
    if not actor.known:
        actor = _speaker_actor(speaker)
    action = _predicate(complement, _subject(complement) if complement.dep_ == "xcomp" else None)
    return [(_build(complement, action, "pledge", 0.9, actor, sentence, context), complement)]


# Verbs whose past tense still announces what is to come ("unveiled plans to …", "ordered a review").
_FORWARD_LOOKING = COMMISSIVE | ANNOUNCING | ORDERING | INTENDING | PREPARING | ACCEPTING | REPORTING


def _done(verb: Token) -> bool:
    """Whether a clause with no word of the future or of promising reports a past act.

    "reopened its doors", "has completed the work": delivery, evidence for a promise, not one. A past
    act with an aim still to come ("drew up a plan to reopen the line") is left to the model.
    """
    if verb.lower_ in _FORWARD_LOOKING or verb.lemma_.lower() in _FORWARD_LOOKING:
        return False
    if any(t.tag_ == "VB" and any(c.lower_ == "to" and c.dep_ == "aux" for c in t.children) for t in verb.subtree):
        return False
    if verb.tag_ == "VBD":
        return True
    return verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("has", "have", "had") for c in verb.children)


def _to_doing(token: Token) -> Token | None:
    """The gerund of "committed to making …", "pledged themselves to cutting …": the act promised."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "to":
            return next((c for c in child.children if c.dep_ == "pcomp" and c.tag_ == "VBG"), None)
    return None


def _announced(token: Token, sentence: Span, context: _Context, speaker: Quote | None) -> Found:
    """'was forced to announce a national inquiry', 'unveiled plans for …'."""
    obj = next((c for c in token.children if c.dep_ == "dobj"), None)
    if obj is None or not any(t.lower_ in PROGRAMME_NOUNS for t in obj.subtree):
        return []
    subject = _subject(token)
    actor = _actor(subject, context, speaker)
    if not actor.known:
        return []
    return [(_build(token, _predicate(token, subject), "announcement", 0.7, actor, sentence, context), token)]


def _ordered(token: Token, sentence: Span, context: _Context, speaker: Quote | None) -> Found:
    """'ordered the National Crime Agency to carry out …', 'asked Baroness Casey to oversee a review'."""
    complement = next((c for c in token.children if c.dep_ in ("xcomp", "ccomp") and c.tag_ == "VB"), None)
    if complement is None:
        return []
    actor = _actor(_subject(token), context, speaker)
    if not actor.known:
        return []
    doer = next((c for c in token.children if c.dep_ == "dobj"), None)
    if doer is not None and actor.org is None and doer.ent_type_ == "ORG":
        actor.org = _noun_phrase(doer)
    return [(_build(complement, _predicate(complement, None), "announcement", 0.7, actor, sentence, context),
             complement)]


# Verbs (the base form, as after "will" and "would") whose "it" is a thing, not a body that acts:
# "the Treasury said it will not affect growth".
_WHAT_THINGS_DO = frozenset(
    "be have affect mean cost help hurt harm lead become remain come happen result depend work seem look matter"
    .split())


def _body_it_stands_for(verb: Token, context: _Context, speaker: Quote | None) -> _Actor | None:
    """The body a subject "it" stands for, or None ("it will rain", "the minister said it would be hard",
    "the Treasury said it will not affect growth": no one who can act, or a thing).

    Told after a reporting verb, it is who reports: "the council confirmed that it will resurface the
    road", "the government announced in March that it would run a scheme". Opening a sentence, it is
    the body the sentence before was about: "Harbour Energy will be based in Leith. It would fund
    councils to build solar farms." (not a person or a thing).
    """
    subject = _subject(verb)
    if subject is None or subject.lower_ != "it" or verb.lower_ in _WHAT_THINGS_DO:
        return None
    if verb.dep_ == "ccomp" and verb.head.lower_ in REPORTING:
        reporter = _actor(_subject(verb.head), context, speaker)
        if reporter.person is not None:
            # "The chief executive of the Flood Agency, Dana Holt, said it would publish …": her body's promise
            # (a body her title names; not her party or the Government, which "it" seldom is).
            person = context.people.by_key(reporter.person)
            body = reporter.org or speakers_side(person, reporter.role)
            if body is not None and body != (person.party if person else None) and body != "the Government":
                return _Actor(person=reporter.person, role=reporter.role, org=body)
            return None
        return reporter if reporter.org and reporter.person is None and reporter.role is None else None
    if verb.dep_ != "ROOT":
        return None
    antecedent = _subject_before(subject)
    if antecedent is None or antecedent.lower_ in NON_AGENTS:
        return None
    actor = _actor(antecedent, context, None)
    return actor if actor.org not in (None, AUTHOR) and actor.person is None and actor.role is None else None


def _agent_of(verb: Token, context: _Context, speaker: Quote | None) -> _Actor:
    """Who does what a passive says will be done: its "by" agent, else unknown (the subject is what is done)."""
    agent = next((w for c in verb.children if c.dep_ == "agent" for w in c.children if w.dep_ == "pobj"), None)
    return _actor(agent, context, speaker) if agent is not None else _Actor()


def _subject_before(subject: Token) -> Token | None:
    """The subject of the sentence before the one ``subject`` opens (or of the one before that, when the
    parser cut a fragment off); None if ``subject`` does not open its sentence."""
    doc, first = subject.doc, subject.sent.start
    if any(not (t.is_punct or t.is_space) for t in doc[first : subject.i]):
        return None
    for _ in range(2):
        before = first - 1
        while before >= 0 and doc[before].is_space:
            before -= 1
        if before < 0:
            return None
        first = doc[before].sent.start
        antecedent = next((c for c in doc[before].sent.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if antecedent is not None:
            return antecedent
    return None


def _future(verb: Token, sentence: Span, context: _Context, speaker: Quote | None, confidence: float,
            reporter: _Actor | None = None) -> Found:
    """'… will launch', 'We will publish', reported '… would have their applications rejected'."""
    subject = _subject(verb)
    lower = subject.lower_ if subject is not None else ""
    passive = _is_passive(verb)
    programme = lower in PROGRAMME_NOUNS
    # "Leith will be home to the new body", "Labour will be a party of work": a name described (NER
    # often takes a city for an organisation), not an actor doing something.
    place = (subject is not None and subject.pos_ == "PROPN" and subject.ent_type_ != "PERSON"
             and verb.lower_ in _BE and not passive)
    if lower in NON_AGENTS and not passive:
        actor = _body_it_stands_for(verb, context, speaker)
        if actor is None:
            return []  # "It will not affect her work": a prediction
    elif passive:
        # The subject of a passive is what is done, not who does it ("an interim chief executive will be
        # appointed"): the actor is the "by" agent, the reporter or the speaker, else unknown.
        programme = programme or _actor(subject, context, speaker).known  # kept for the model to judge
        actor = _agent_of(verb, context, speaker)
    elif place:
        actor = _Actor()
    else:
        actor = _actor(subject, context, speaker)
    if reporter is not None and programme and not passive and not _official(reporter, context.people):
        return []  # a backbencher saying "the register would finally let people see …": a prediction
    if reporter is not None and (passive or programme or not actor.known):
        if not (passive or programme or actor.known) and not _official(reporter, context.people):
            return []  # "his speaking out would help": a reported prediction
        # An official saying what "would" happen may be promising it ("the ferry would return by June"):
        # a candidate, which the commitment model judges.
        actor = reporter  # "She said Baroness Casey's audit would look at …": the speaker's commitment
    elif reporter is not None and actor.person is None and actor.org is not None:
        actor.person, actor.role = reporter.person, reporter.role  # a minister speaking for a department
    if not actor.known and (passive or programme or subject is None) and speaker is not None:
        actor = _speaker_actor(speaker)
    if not actor.known and verb.dep_ == "ccomp" and verb.head.lower_ in REPORTING:
        actor = _actor(_subject(verb.head), context, speaker)
    if not actor.known and not programme:
        return []
    if subject is not None and not (passive or programme) and subject.pos_ == "NOUN" and lower not in AGENT_NOUNS \
            and actor.org is None and not (reporter is not None and reporter.person is not None):
        return []  # "Continued growth will create jobs"; but "she said the ferry would return" is hers
    kind = "pledge" if lower in ("i", "we") else "announcement"
    action = _clause(verb) if passive or programme or place or _is_thing(subject) else _predicate(verb, subject)
    return [(_build(verb, action, kind, confidence - (0.1 if passive else 0.0), actor, sentence, context), verb)]


def _accepted(token: Token, sentence: Span, context: _Context, speaker: Quote | None) -> Found:
    """'accept her recommendations in full, including X, as well as Y': the whole, then each item."""
    actor = _actor(_subject(token), context, speaker)
    if token.dep_ == "ccomp" and actor.person is None:
        reporter = _actor(_subject(token.head), context, speaker)  # "Helen Marsh said the Government would accept"
        actor = reporter if not actor.known else _Actor(reporter.person, reporter.role, actor.org)
    if not actor.known:
        actor = _speaker_actor(speaker)
    if not actor.known:
        return []
    made = [(_build(token, _predicate(token, _subject(token)), "accepted recommendation", 0.9, actor, sentence,
                    context), token)]
    for marker in token.subtree:
        if marker.lower_ != "including":
            continue
        for first in (c for c in marker.children if c.dep_ == "pobj"):
            for item in [first, *first.conjuncts]:
                phrase = [t for t in item.subtree if not t.is_space and (item is not first or
                          not any(t in c.subtree for c in first.conjuncts)) and t.dep_ != "cc"]
                phrase = [t for t in phrase if not (t.lower_ in ("as", "well") and t.dep_ in ("advmod", "cc"))]
                phrase = [t for t in phrase if not (t.is_punct and t.i == phrase[-1].i)]
                if phrase:
                    made.append((_build(item, phrase, "accepted recommendation", 0.85, actor, sentence, context),
                                 item))
    return made


def actor_is_official(commitment: Commitment, people: People) -> bool:
    """Whether a commitment's actor speaks for government: an office holder, a department or agency."""
    return _official(_Actor(commitment.actor_person, commitment.actor_role,
                            commitment.actor_org if commitment.actor_org != AUTHOR else None), people)


def speaker_is_official(quotes: list[Quote], people: People, offset: int) -> tuple[bool, bool]:
    """(inside a quote, and its speaker holds an office) for a position in the text."""
    quote = _quote_at(quotes, offset)
    if quote is None:
        return False, False
    person = people.by_key(quote.speaker) if quote.speaker is not None else None
    roles = ([quote.role] if quote.role else []) + (list(person.roles) if person else [])
    return True, any(OFFICIAL_ROLES.search(r) for r in roles)


def _promised_thing(token: Token) -> bool:
    """A verb that only describes a thing promised, not a promise made in the sentence.

    A participle with no auxiliary of its own ("the register promised by the minister in January has
    been published"), or a past-tense relative clause ("two days after the deadline she set in the
    Commons", "the pledge he made last year"): each says what the thing is, not that anyone promises now.
    """
    if token.dep_ == "relcl" and token.tag_ == "VBD":
        return True
    return token.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in token.children) and (
        token.dep_ == "acl" or any(c.dep_ == "agent" for c in token.children))


_PLANS = frozenset("plan plans target targets scheme policy proposal proposals".split())


def _aims_at_an_act(token: Token) -> bool:
    """An intending verb with the act it aims at: "plans to open", "is set to publish", not "the date she set"."""
    return any(c.dep_ in ("xcomp", "ccomp") for c in token.children)


def commitment_in_sentence(
    doc: Doc, start: int, end: int, people: People, quotes: list[Quote], timexes: list[Timex],
    said_on: date | When | None, resolver: Resolver,
) -> Commitment | None:
    """The commitment a sentence the model judged one makes, when no rule found its structure.

    The verb is the first future or commissive one (else the sentence's root); the actor is
    its subject, else the speaker of the quote it is in, else who reports it; the action is
    what follows the verb. A verbless line ("Free parking in every district centre.") is
    its own action.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span) or span.text.strip().rstrip("'’\"” ").endswith("?"):
        return None  # a question commits nobody, however the model scores it
    context = _Context(people, quotes, timexes, said_on, resolver)
    verb = None
    for token in span:
        if token.lower_ in FUTURE_AUX | {"would", "going"} and token.head.i != token.i:
            verb = token.head if token.lower_ != "going" else next(
                (c for c in token.children if c.dep_ == "xcomp"), token.head)
            break
        if token.lower_ in COMMISSIVE | INTENDING and token.pos_ in ("VERB", "AUX") \
                and not _promised_thing(token) and (token.lower_ in COMMISSIVE or _aims_at_an_act(token)):
            verb = next((c for c in token.children if c.dep_ in ("xcomp", "ccomp")), token)
            break
    if verb is None:
        verb = next((t for t in span if t.dep_ == "ROOT"), span[0])
        if verb.lower_ in REPORTING:
            # "She told MPs the line would reopen": the promise is what was told, not the telling
            verb = next((c for c in verb.children if c.dep_ in ("ccomp", "xcomp")), verb)
        if _done(verb):
            return None  # "The library reopened its doors after the plan was delayed": a report of what was done
        reported = evidence.judge(span.text)
        if reported is not None and reported[0] == "dropped" and any(
                t.lower_ in PLEDGE_NOUNS | _PLANS and t.head.i == verb.i and t.dep_ in ("dobj", "nsubjpass")
                for t in span):
            return None  # "has abandoned her promise to extend free meals": the promise's end, not a new one
        if reported is not None and reported[0] in ("delivered", "delayed"):
            # "The register promised in January has been published", "the scheme, which was due to open
            # in the autumn, has been pushed back to the spring": what became of a promise, not a new one.
            return None
    if verb.dep_ != "relcl" and any(c.tag_ == "WRB" or c.lower_ in ("what", "whether", "if")
                                    for c in verb.children if c.i < verb.i):
        return None  # an embedded question ("views on how the date would affect them"), not "the month when …"
    speaker = _quote_at(quotes, verb.idx)
    subject = _subject(verb)
    reported_by = _actor(_subject(verb.head), context, speaker) \
        if verb.dep_ == "ccomp" and verb.head.lower_ in REPORTING else _Actor()
    if not reported_by.known:
        # "…, the Water Minister told MPs this afternoon": the attribution that closes the sentence, even
        # where the parser hung the clause elsewhere (on a headline it ran into the sentence, say).
        closing = next((t for t in span if t.i > verb.i and t.lower_ in REPORTING and t.pos_ == "VERB"
                        and _subject(t) is not None), None)
        if closing is not None:
            reported_by = _actor(_subject(closing), context, speaker)
    if subject is not None and subject.lower_ in NON_AGENTS and not _is_passive(verb):
        body = _body_it_stands_for(verb, context, speaker)
        if body is None:
            return None  # "It will rain tomorrow", "the minister said it would be hard": no actor who can act
        actor = body
    elif _is_passive(verb):
        actor = _agent_of(verb, context, speaker)
    else:
        actor = _actor(subject, context, speaker)
    if not actor.known:
        actor = _speaker_actor(speaker)
    if not actor.known:
        actor = reported_by
    if verb.pos_ in ("VERB", "AUX"):
        action = _predicate(verb, subject) if subject is not None and subject.lower_ not in PROGRAMME_NOUNS \
            and not _is_thing(subject) else _clause(verb)
    else:
        action = [t for t in span if not t.is_space]
    action = [t for t in action if span.start <= t.i < span.end]
    said = {t.i for t in subject.subtree} if subject is not None else set()
    if sum(1 for t in action if (t.is_alpha or t.like_num) and t.i not in said) < 2:
        return None  # a bare verb ("told", "pledges") names no action anyone could check
    kind = "pledge" if subject is not None and subject.lower_ in ("i", "we") else "announcement"
    commitment = _build(verb, action, kind, 0.5, actor, span, context)
    commitment.trigger = "model"
    return commitment


def recommendation_commitments(
    doc: Doc, recommendations: list[Recommendation], timexes: list[Timex], said_on: date | None
) -> list[Commitment]:
    """Each numbered recommendation as a ledger entry owned by its addressee."""
    found = []
    for recommendation in recommendations:
        start, end = recommendation.start, recommendation.end
        deadline = None
        if said_on is not None:
            deadline = next((d for t in timexes if start <= t.start < end and (d := deadline_range(t, said_on))),
                            None)
        found.append(Commitment(
            start=start, end=end, action_start=start, action_end=end,
            action=_clean_action(text_of(doc)[start:end]), kind="recommendation", confidence=0.9,
            actor_org=recommendation.addressee, said_on=said_on, deadline=deadline,
            targets=find_targets(doc, start, end, timexes), number=recommendation.number,
        ))
    return found


# "That consultation will …", "This review will …": a noun pointing back to what was just promised.
_POINTER = re.compile(r"(?:that|this|these|those)\s+(?P<noun>[a-z]{4,})\b", re.IGNORECASE)
POINTER_REACH = 400  # characters back to the promise a pointer may name: the sentence or two before


def link_pointers(text: str, commitments: list[Commitment]) -> None:
    """Mark each commitment that opens by naming an earlier one of the same text with the thing it
    promised ("… would consult on making directors liable. That consultation will open in the spring."):
    the two are one promise, and the later one's deadline is that promise's."""
    for n, later in enumerate(commitments):
        opening = _POINTER.match(text, later.start) or _POINTER.match(text, later.action_start)
        if opening is None:
            continue
        noun = keywords(opening.group("noun"))
        earlier = [k for k, c in enumerate(commitments[:n]) if later.start - POINTER_REACH <= c.end <= later.start
                   and noun & keywords(c.action)]
        if earlier:
            later.points_to = earlier[-1]
