"""People in one document: who is named, by which forms, in what roles.

Finds person names (spaCy NER plus honorifics spaCy's small model misses),
groups the forms one person goes by within the document ("Yvette Cooper",
"Ms Cooper", "Cooper", "the Home Secretary"), and reads the affiliations the
copy gives: "Labour's Barry Gardiner (Brent West)", "Naz Shah, Labour MP for
Bradford West", "Rotherham MP Sarah Champion", "Tory leader Kemi Badenoch".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc

from .affiliations import (
    FIRST_NAME_HONORIFICS,
    HONORIFIC_PATTERN,
    HONORIFICS,
    MODALS,
    NOT_NAMES,
    PARTY_PATTERN,
    POST_NOMINALS,
    ROLE_PHRASE,
    SPEECH_VERBS,
    is_single_holder,
    normalise_party,
    role_key,
)
from .keywords import STOPWORDS
from .nlp import text_of
from .transcript import Turn, find_turns

NAME_WORD = r"[A-Z][\w'’.-]*"
_HONORIFIC_NAME = re.compile(rf"\b{HONORIFIC_PATTERN}\s+(?:{NAME_WORD}\s+){{0,2}}{NAME_WORD}")
_HONORIFIC_HEAD = re.compile(rf"^{HONORIFIC_PATTERN}$")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
# "Labour's Barry Gardiner", "Tory leader Kemi Badenoch", "Rotherham MP Sarah
# Champion", "Home Secretary Yvette Cooper": what stands right before a name.
_BEFORE_NAME = re.compile(
    rf"(?:(?P<party_owner>(?i:{PARTY_PATTERN}))(?:'s|’s)\s+"
    rf"|(?P<pre>(?:(?:[A-Z][\w'’-]*|(?i:of|for|the|and|shadow|former|deputy|junior|acting|interim|home|foreign"
    rf"|prime|first|chief|general|party|opposition|leader|secretary|minister|chancellor|director|executive|mp))\s+){{1,6}}))$"
)
_ROLE_AT_END = re.compile(rf"(?:^|\s)(?P<role>{ROLE_PHRASE})\s*$")
_ROLE_THEN_COMMA = re.compile(rf"(?:^|[\s(])(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er)\s+(?P<role>{ROLE_PHRASE}),\s*$")
_PARTY_AT_START = re.compile(rf"^(?P<party>(?i:{PARTY_PATTERN}))\b\s*")
MP_FOR = re.compile(r"\bMP for (?P<seat>[A-Z][\w'’-]*(?:[ -](?:[A-Z][\w'’-]*|and|upon|on|super|under|in|by))*)")
_X_MP = re.compile(r"^(?P<seat>[A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,3}) MP$")
# "Al Pinkerton (Surrey Heath)": a seat in brackets; "(Aaron Chown/PA)" is a
# photo credit, not a seat.
_SEAT_IN_BRACKETS = re.compile(
    r"^\s*\((?P<seat>[A-Z][\w'’-]*(?:[ -](?:[A-Z][\w'’-]*|and|upon|on|super|under|in|by|the))*)\)"
)
# "Ann Lee, the shadow home secretary," / "Ann Lee, Labour's shadow chancellor,": an apostrophe only as a possessive.
_APPOSITION = re.compile(r"^\s*(?:KC|QC|MP|MSP)?\s*,\s*(?P<body>(?:the |a |an )?(?:[^,.;:()'‘’\"“”]|(?<=\w)['’]s(?=\s))"
                         r"{2,70}?)\s*(?=[,.;])")
# "Ana Ruiz, who chairs the Harbour Board, said …": the office told by a relative clause.
_WHO_LEADS = re.compile(r"^\s*,\s*who\s+(?:now\s+|also\s+|currently\s+)?(?P<verb>chairs|leads|heads|runs)\s+"
                        r"(?P<body>(?:the\s+)?[A-Z][^,.;:()\"“”]{1,60}?)\s*(?=[,.;])")
_LEADING = {"chairs": "chair", "leads": "leader", "heads": "leader", "runs": "leader"}
_ROLE_MENTION = re.compile(rf"\b(?P<det>[Tt]he|[Aa]n?|[Tt]his|[Hh]is|[Hh]er)\s+(?P<role>{ROLE_PHRASE})")


@dataclass(slots=True)
class Mention:
    """Where a person appears: a name form, a role ("the Home Secretary") or a pronoun."""

    start: int
    end: int
    text: str
    kind: str  # "name", "role"


@dataclass(slots=True)
class LocalPerson:
    """One person within one document."""

    key: int
    name: str
    first: str | None
    surname: str | None
    gender: str | None = None
    honorific: str | None = None
    party: str | None = None
    constituency: str | None = None
    roles: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)

    @property
    def full(self) -> bool:
        return self.first is not None and self.surname is not None

    def add_role(self, role: str) -> None:
        if role_key(role) not in {role_key(r) for r in self.roles}:
            self.roles.append(role)


@dataclass(slots=True)
class RoleMention:
    """A person referred to only by role ("the Home Secretary"), resolved in the document or not."""

    start: int
    end: int
    text: str
    role: str
    person: int | None = None  # LocalPerson.key
    constituency: str | None = None
    # The person named just before, when the role stands where a name would
    # ("Mrs Badenoch said … The Opposition leader said: …"): used only if the
    # registry knows nobody in the office.
    anaphor: int | None = None


@dataclass(slots=True)
class People:
    """Everything found about people in a document."""

    persons: list[LocalPerson]
    roles: list[RoleMention]

    def at(self, start: int, end: int) -> LocalPerson | RoleMention | None:
        """The person (or unresolved role) whose mention overlaps ``[start, end)``."""
        for person in self.persons:
            for m in person.mentions:
                if m.start < end and start < m.end:
                    return person
        for role in self.roles:
            if role.start < end and start < role.end:
                if role.person is not None:
                    return self.by_key(role.person)
                return role
        return None

    def by_key(self, key: int) -> LocalPerson:
        return next(p for p in self.persons if p.key == key)


# Titles that never stand inside a name (unlike "Lord" or "Major", which can be surnames).
_TITLES_NEVER_IN_NAMES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof"})
# Ranks and offices that NER runs into a name ("Paymaster General Tom Glenn", "Colonel Ruth Vane"): never a
# given name, so dropped from the front of a name when two words are left.
_LEADING_TITLES = frozenset(
    "general colonel captain admiral brigadier lieutenant sergeant commander commissioner inspector".split())


_ABBREVIATED_TITLES = frozenset(
    "mr mrs ms dr st sen rep gov gen lt col capt cmdr prof rev jr sr hon rt sgt maj supt insp cllr".split())


def _clean_name(text: str, start: int) -> tuple[str, int, int] | None:
    """Trim a candidate name span to the name: no possessive, no leading role or party words."""
    if "\n" in text:
        return None  # a name never runs over a line break
    # Nor over a sentence's end ("Lady Smith. I think …"): a full stop after a word that is no initial
    # ("J. K. Rowling") and no abbreviated title ("Dr. Rao", "Sen. Cruz").
    for stop in re.finditer(r"\b(\w{2,})\.\s", text):
        if stop.group(1).lower() not in _ABBREVIATED_TITLES:
            text = text[: stop.end(1)]
            break
    end = start + len(text)
    possessive = _POSSESSIVE.search(text)
    if possessive:
        text = text[: possessive.start()]
        end = start + len(text)
    words = text.split()
    inner = next((n for n, w in enumerate(words[1:-1], 1) if w.lower().strip(".") in _TITLES_NEVER_IN_NAMES), None)
    if inner is not None:  # "instead of HS2 Mr Johnson said": the name starts at the title
        text = text[text.index(" " + words[inner] + " ") + 1:]
        start = end - len(text)
        words = words[inner:]
    while words and (words[0].lower().strip(".") in NOT_NAMES or words[0].lower() in ("the", "a")
                     or (words[0].lower() in _LEADING_TITLES and len(words) > 2)
                     or any(c.isdigit() for c in words[0])):  # "HS2 Johnson", from a headline
        cut = text.index(words[0]) + len(words[0])
        text = text[cut:].lstrip()
        start = end - len(text)
        words = words[1:]
    while words and words[-1].lower().strip(".,") in POST_NOMINALS and len(words) > 1:
        words = words[:-1]
        text = re.sub(r"\s+\S+$", "", text)
        end = start + len(text)
    if not words or any(w.lower().strip(".") in NOT_NAMES for w in words):
        return None
    if not all(w[0].isupper() for w in words if w.lower() not in ("de", "van", "von", "da", "bin", "al")):
        return None
    return text, start, end


# A name between commas right after an office: "The company's CEO, Ana Ruiz, told …", "the transport
# minister, Dana Holt, said …". Two or three capitalised words, the name alone.
_TITLED_NAME = re.compile(
    r"\b(?:CEO|chief executive|chair(?:man|woman|person)?|director|minister|secretary|spokes(?:man|woman|person)"
    r"|leader|president|governor|mayor|senator|chancellor|commissioner|head|founder|boss)\s*,\s*"
    r"(?P<name>[A-Z][a-z’'-]+(?: [A-Z][a-z’'-]+){1,2})(?=\s*,)")


def _name_spans(doc: Doc) -> list[tuple[int, int]]:
    """Candidate person-name character spans, from NER and honorifics, without overlaps."""
    text = text_of(doc)
    spans: list[tuple[int, int]] = []
    common = set(re.findall(r"\b[a-z][a-z'’-]+\b", text))  # words the text writes in lower case
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        if _headline_words(text, ent.start_char, ent.text, common):
            continue
        start = ent.start_char
        # spaCy often leaves the honorific outside the entity: take it in.
        before = text[max(0, start - 12) : start]
        honorific = re.search(rf"\b{HONORIFIC_PATTERN}\s+$", before)
        if honorific:
            start -= len(before) - honorific.start()
        if ent[0].is_sent_start and len(ent) > 1 and ent[0].lower_ in MODALS:
            continue  # "Will Labour actually act …" is a question, not a person
        if _in_brackets(text, start, ent.end_char):
            continue  # "(Surrey Heath)", "(Aaron Chown/PA)": a seat or a photo credit
        if re.search(r"\b(?:MP|MSP|member|Member) (?:for|of) $", text[max(0, start - 14) : start]):
            continue  # "the MP for Stourbridge North": a seat
        cleaned = _clean_name(text[start : ent.end_char], start)
        if cleaned:
            spans.append((cleaned[1], cleaned[2]))
    spans.extend(_speaker_names(doc))
    for match in _HONORIFIC_NAME.finditer(text):
        cleaned = _clean_name(match.group(), match.start())
        if cleaned:
            spans.append((cleaned[1], cleaned[2]))
    for match in _TITLED_NAME.finditer(text):  # "The company's CEO, Ana Ruiz, told …", which NER missed
        if any(w.lower() in common or w.lower() in STOPWORDS for w in match.group("name").split()):
            continue  # "the minister, Last Week, …": words the text also writes in lower case
        cleaned = _clean_name(match.group("name"), match.start("name"))
        if cleaned:
            spans.append((cleaned[1], cleaned[2]))
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
            continue
        merged.append((start, end))
    return merged


def _headline_words(text: str, start: int, name: str, common: set[str]) -> bool:
    """A "name" in a title-case headline whose last word the text also writes in lower case.

    "Storm Overflows: Live Register" is a debate's title, not a man called Storm
    Overflows: the body speaks of "overflows". NER is unreliable on such lines.
    """
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    words = re.findall(r"[A-Za-z][\w'’-]*", text[line_start : line_end if line_end >= 0 else len(text)])
    long_words = [w for w in words if len(w) > 3]
    if len(words) < 3 or not all(w[0].isupper() for w in long_words):
        return False
    last = name.split()[-1].strip(".,:;'’").lower()
    return any(form in common for form in (last, last.removesuffix("s"), last + "s"))


def _in_brackets(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    return before == "(" and after in ")/"


def _speaker_names(doc: Doc) -> list[tuple[int, int]]:
    """Names the small model's NER missed but the parse shows speaking: "Helen Marsh said"."""
    found = []
    for token in doc:
        if token.dep_ != "nsubj" or token.pos_ != "PROPN" or token.head.lower_ not in SPEECH_VERBS:
            continue
        words = [t for t in token.lefts if t.dep_ in ("compound", "flat") and t.pos_ == "PROPN"] + [token]
        if not 2 <= len(words) <= 3 or any(t.ent_type_ and t.ent_type_ != "PERSON" for t in words):
            continue
        start, end = words[0].idx, token.idx + len(token)
        cleaned = _clean_name(text_of(doc)[start:end], start)
        if cleaned and "\n" not in cleaned[0]:
            found.append((cleaned[1], cleaned[2]))
    return found


def _split_name(name: str) -> tuple[str | None, str | None, str | None]:
    """(honorific, first, surname) of a name as written: 'Baroness Louise Casey' → ('baroness', 'Louise', 'Casey')."""
    words = name.replace(".", "").split()
    honorific = None
    if words and _HONORIFIC_HEAD.match(words[0]) and len(words) > 1:
        honorific = words[0].lower()
        words = words[1:]
    if not words:
        return honorific, None, None
    if len(words) == 1:
        if honorific in FIRST_NAME_HONORIFICS:
            return honorific, words[0], None
        return honorific, None, words[0]
    return honorific, words[0], words[-1]


def _cluster(doc: Doc, spans: list[tuple[int, int]]) -> list[LocalPerson]:
    text = text_of(doc)
    persons: list[LocalPerson] = []
    for start, end in spans:
        written = text[start:end]
        honorific, first, surname = _split_name(written)
        mention = Mention(start, end, written, "name")
        person = _match(persons, first, surname, HONORIFICS.get(honorific or ""))
        if person is None:
            plain = " ".join(w for w in written.split() if not _HONORIFIC_HEAD.match(w)) or written
            person = LocalPerson(len(persons), plain, first, surname)
            persons.append(person)
        elif first and surname and not person.full:
            person.first, person.surname = first, surname
            person.name = " ".join(w for w in written.split() if not _HONORIFIC_HEAD.match(w))
        if honorific:
            person.honorific = person.honorific or honorific
            person.gender = person.gender or HONORIFICS.get(honorific)
        person.mentions.append(mention)
    return _drop_unsupported(_merge_partial(persons))


def _compatible(person: LocalPerson, gender: str | None) -> bool:
    return gender is None or person.gender is None or person.gender == gender


def _match(
    persons: list[LocalPerson], first: str | None, surname: str | None, gender: str | None
) -> LocalPerson | None:
    """The person already seen that this name form refers to; the most recent wins."""
    for person in reversed(persons):
        if not _compatible(person, gender):
            continue
        if first and surname:
            if person.surname == surname and person.first in (first, None):
                return person
        elif surname and person.surname == surname or first and not surname and person.first == first:
            return person
    return None


def _merge_partial(persons: list[LocalPerson]) -> list[LocalPerson]:
    """A surname seen before the full name ("Casey … Louise Casey") is the same person."""
    merged: list[LocalPerson] = []
    for person in persons:
        if not person.full:
            later = [p for p in persons if p.full and p is not person and p.surname == person.surname
                     and _compatible(p, person.gender)]
            if len(later) == 1:
                later[0].mentions.extend(person.mentions)
                later[0].mentions.sort(key=lambda m: m.start)
                later[0].gender = later[0].gender or person.gender
                continue
        merged.append(person)
    for key, person in enumerate(merged):
        person.key = key
    return merged


def _drop_unsupported(persons: list[LocalPerson]) -> list[LocalPerson]:
    """A lone capitalised word with no honorific and no fuller form is too weak to be a person.

    spaCy's small model tags sentence-initial nouns and places this way
    ("Blindness, ignorance …", "the Rotherham MP").
    """
    kept = [p for p in persons if p.full or p.honorific or len({m.text for m in p.mentions}) > 1]
    for key, person in enumerate(kept):
        person.key = key
    return kept


def _affiliations(text: str, persons: list[LocalPerson]) -> None:
    """Read party, seat and role from the words around each name mention."""
    for person in persons:
        for mention in person.mentions:
            before = text[max(0, mention.start - 80) : mention.start]
            before = before[before.rfind("\n") + 1 :]
            _read_before(before, person)
            after = text[mention.end : mention.end + 120]
            seat = _SEAT_IN_BRACKETS.match(after)
            if seat and "/" not in seat.group("seat") and len(seat.group("seat")) > 2:  # "(D)", "(R)": a US party
                person.constituency = person.constituency or seat.group("seat")
                person.add_role("MP")
                continue
            apposition = _APPOSITION.match(after)
            if apposition:
                _read_role_phrase(apposition.group("body"), person)
            leads = _WHO_LEADS.match(after)
            if leads:
                person.add_role(f"{_LEADING[leads.group('verb')]} of {leads.group('body')}")


def _read_before(before: str, person: LocalPerson) -> None:
    match = _BEFORE_NAME.search(before)
    if not match:
        # "The transport minister, Dana Holt, said …": the role first, set off by a comma.
        comma = _ROLE_THEN_COMMA.search(before)
        if comma:
            _read_role_phrase(comma.group("role"), person)
        return
    if match.group("party_owner"):
        person.party = person.party or normalise_party(match.group("party_owner"))
        return
    _read_role_phrase(match.group("pre").strip(), person)


def _read_role_phrase(phrase: str, person: LocalPerson) -> None:
    """'the shadow home secretary', 'Labour MP for Bradford West', 'Rotherham MP', 'Reform MP'."""
    phrase = re.sub(r"^(?:the|a|an)\s+", "", phrase.strip(), flags=re.IGNORECASE)
    role_match = _ROLE_AT_END.search(phrase)
    if not role_match or len(phrase[: role_match.start("role")].split()) > 3:
        return
    role = role_match.group("role").strip()
    prefix = phrase[: role_match.start("role")].strip()
    party = _PARTY_AT_START.match(role) or _PARTY_AT_START.match(prefix)
    if party:
        person.party = person.party or normalise_party(party.group("party"))
        if party.string is role:
            role = role[party.end() :].strip() or role
    seat = MP_FOR.search(phrase)
    if seat:
        person.constituency = person.constituency or seat.group("seat")
        role = "MP"
    elif re.fullmatch(r"mp", role, re.IGNORECASE):
        local = _X_MP.match(f"{prefix} MP") if prefix else None
        if local and not normalise_party(local.group("seat")):
            person.constituency = person.constituency or local.group("seat")
        role = "MP"
    if role.lower() in ("leader", "party leader") and person.party:
        role = f"{person.party} leader"
    elif role != "MP" and prefix and not party and all(w[:1].isupper() for w in prefix.split()):
        role = f"{prefix} {role}"  # "Water Minister", "Culture Secretary": the office's own name
    person.add_role(role)


def _role_mentions(text: str, persons: list[LocalPerson]) -> list[RoleMention]:
    """'The Home Secretary', 'the shadow home secretary', 'The MP for Eastbourne' as mentions."""
    names = [(m.start, m.end) for p in persons for m in p.mentions]
    found: list[RoleMention] = []
    for match in _ROLE_MENTION.finditer(text):
        start, end = match.start(), match.end()
        if any(s <= end + 2 and start <= e for s, e in names):
            continue  # part of a name phrase ("Home Secretary Yvette Cooper")
        role = match.group("role")
        seat = MP_FOR.search(match.group())
        mention = RoleMention(start, end, match.group(), role, constituency=seat.group("seat") if seat else None)
        mention.person = _resolve_role(mention, persons)
        if mention.person is None and _acts(text, end):
            mention.anaphor = _named_before(start, persons, text)
        found.append(mention)
    return found


# Words after a role that make it the subject of what follows: "The peer accused …".
_SUBJECT_VERBS = re.compile(
    r"^\s*,?\s*(?:also |then |later |earlier )?"
    r"(?:[a-z]+ed|said|says|told|tells|has|had|was|is|will|would|wrote|spoke|warned)\b"
)
# How far back a role may point to the person it stands for.
ANAPHOR_REACH = 600


def _acts(text: str, end: int) -> bool:
    return bool(_SUBJECT_VERBS.match(text[end : end + 40]))


def _named_before(offset: int, persons: list[LocalPerson], text: str) -> int | None:
    """The person last named as the one acting ("Mrs Badenoch earlier said …") before ``offset``."""
    best: tuple[int, int] | None = None
    for person in persons:
        for mention in person.mentions:
            acting = _SUBJECT_VERBS.match(text[mention.end : mention.end + 40]) and \
                not text[mention.end : mention.end + 2].startswith(",")
            near = acting and mention.end <= offset and offset - mention.end <= ANAPHOR_REACH
            if near and (best is None or mention.start > best[0]):
                best = (mention.start, person.key)
    return best[1] if best else None


def _resolve_role(mention: RoleMention, persons: list[LocalPerson]) -> int | None:
    if mention.constituency:
        holders = [p for p in persons if p.constituency == mention.constituency]
        if len(holders) == 1:
            return holders[0].key
        # "Labour's Dan Aldridge … The MP for Weston-super-Mare said": copy names
        # an MP, then refers back to them by seat. Take the MP last named before.
        return _last_mp_named_before(mention.start, persons)
    if not is_single_holder(mention.role):
        return None
    key = role_key(mention.role)
    holders = [p for p in persons if key in {role_key(r) for r in p.roles}]
    return holders[0].key if len(holders) == 1 else None


def _last_mp_named_before(offset: int, persons: list[LocalPerson]) -> int | None:
    best: tuple[int, int] | None = None
    for person in persons:
        if person.constituency or not (person.party or "MP" in person.roles):
            continue
        before = [m.start for m in person.mentions if m.start < offset]
        if before and (best is None or max(before) > best[0]):
            best = (max(before), person.key)
    return best[1] if best else None


def _surname_mentions(doc: Doc, persons: list[LocalPerson]) -> None:
    """A known surname standing alone is that person, whatever label NER gave it.

    The small model tags "Cooper said …" as an organisation now and then.
    """
    taken = {(m.start, m.end) for p in persons for m in p.mentions}
    covered = bytearray(len(text_of(doc)) + 1)
    for start, end in taken:
        covered[start:end] = b"\x01" * (end - start)
    by_surname: dict[str, list[LocalPerson]] = {}
    for person in persons:
        if person.surname and person.full:
            by_surname.setdefault(person.surname, []).append(person)
    for token in doc:
        owners = by_surname.get(token.text)
        if not owners or len(owners) > 1 or token.pos_ != "PROPN":
            continue
        if covered[token.idx]:
            continue
        owners[0].mentions.append(Mention(token.idx, token.idx + len(token), token.text, "name"))


def _speaker_lines(turns: list[Turn], persons: list[LocalPerson]) -> None:
    """Seat, party and office from transcript speaker lines: "Mr Graham Oduya (Harbury) (Con)"."""
    for turn in turns:
        if turn.name_start is None or turn.name_end is None:
            continue
        person = People(persons, []).at(turn.name_start, turn.name_end)
        if not isinstance(person, LocalPerson):
            continue
        if turn.party and turn.party != "Speaker":
            person.party = person.party or turn.party
        if turn.seat:
            person.constituency = person.constituency or turn.seat
            person.add_role("MP")
        if turn.office:
            person.add_role(turn.office)


def find_people(doc: Doc, turns: list[Turn] | None = None) -> People:
    """People named in a parsed document, their mentions, roles and affiliations.

    ``turns`` are the document's transcript speeches (found here when not given):
    their speaker lines name people with seat, party and office.
    """
    turns = find_turns(text_of(doc)) if turns is None else turns
    spans = _name_spans(doc)
    named = [(t.name_start, t.name_end) for t in turns if t.name_start is not None and t.name_end is not None]
    spans = sorted(spans + [s for s in named if not any(a < s[1] and s[0] < b for a, b in spans)])
    persons = _cluster(doc, spans)
    _surname_mentions(doc, persons)
    _affiliations(text_of(doc), persons)
    _speaker_lines(turns, persons)
    roles = _role_mentions(text_of(doc), persons)
    for role in roles:
        if role.person is not None:
            person = next(p for p in persons if p.key == role.person)
            person.mentions.append(Mention(role.start, role.end, role.text, "role"))
            if role.constituency:
                person.constituency = person.constituency or role.constituency
    for person in persons:
        person.mentions.sort(key=lambda m: m.start)
    return People(persons, roles)
