"""Who said what: quotes and reported speech with their speaker and cue.

Quoted passages come from ``quotemarks``; this module attributes them using
the dependency parse and the people found in the document:

- ``'…,' she said.`` / ``'…,' added Cooper.`` — the cue after the quote;
- ``Mr Lammy said: '…'`` — the cue before it;
- ``Cooper said the law had 'ended up protecting …'`` — a partial quote, whose
  speaker is the subject of the cue verb that governs it;
- a quote with no cue that follows another quote goes on in the same voice;
- ``Cooper said any asylum seekers … would …`` — reported speech: the clause a
  speech verb governs, with no quotation marks.

A speaker is a person of the document, an unnamed source ("A No10
spokesman"), or nobody: a quote with no attribution in the text gets no guess.
Short quotes that no speech verb governs are scare quotes, not quotes.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .affiliations import SPEECH_VERBS
from .nlp import text_of
from .people import LocalPerson, People, RoleMention
from .quotemarks import QuoteSpan, find_quotes
from .transcript import Turn, find_turns

# Verbs that report speech without quotation marks (a subset: "praised" takes
# an object, not a clause), and what reports and surveys find ("the audit found …").
REPORTING_VERBS = frozenset(
    """
    say says said tell tells told add adds added warn warns warned claim claims claimed insist insists
    insisted argue argues argued announce announces announced confirm confirms confirmed state states stated
    explain explains explained admit admits admitted pledge pledges pledged promise promises promised vow vows
    vowed suggest suggests suggested acknowledge acknowledges acknowledged reveal reveals revealed concede
    concedes conceded predict predicts predicted maintain maintains maintained deny denies denied assert asserts
    asserted assure assures assured reiterate reiterates reiterated stress stresses stressed note notes noted
    write writes wrote report reports reported declare declares declared contend contends contended allege
    alleges alleged observe observes observed emphasise emphasises emphasised emphasize emphasizes emphasized
    tweet tweets tweeted reply replies replied complain complains complained recall recalls recalled testify
    testifies testified caution cautions cautioned find finds found show shows showed conclude concludes
    concluded estimate estimates estimated
    """.split()
)
PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f"}
SUBJECTS = {"nsubj", "nsubjpass"}
# A quote this short with no speech verb governing it is a scare quote.
SCARE_QUOTE_MAX_WORDS = 4
_SENTENCE_END = {".", "!", "?"}


@dataclass(slots=True)
class Quote:
    """Words attributed to a speaker, as found in one document."""

    start: int
    end: int
    kind: str  # direct, partial, reported
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    speaker: int | None = None  # LocalPerson.key
    speaker_text: str | None = None  # the words that name the speaker here
    speaker_start: int | None = None
    speaker_end: int | None = None
    role: str | None = None  # an office the speaker was named by, when unresolved


@dataclass(slots=True)
class _Attribution:
    cue: Token | None
    speaker: Span | None


def _tokens_between(doc: Doc, start: int, end: int) -> list[Token]:
    """The words and punctuation inside ``[start, end)``, without whitespace tokens."""
    span = doc.char_span(start, end, alignment_mode="contract")
    return [t for t in span if not t.is_space] if span is not None else []


def _context_before(doc: Doc, text: str, quote: QuoteSpan, previous_end: int) -> list[Token]:
    """Tokens of the sentence before the quote, back to a sentence end, paragraph or earlier quote."""
    line_start = text.rfind("\n", 0, quote.start) + 1
    if not text[line_start : quote.start].strip():
        # A quote that opens its paragraph after one ending in a colon ("Cruz
        # continued:") is introduced by that paragraph's last sentence.
        previous_line = text[:line_start].rstrip()
        if previous_line.endswith(":"):
            line_start = text.rfind("\n", 0, len(previous_line)) + 1
    floor = max(line_start, previous_end)
    tokens = _tokens_between(doc, floor, quote.start)
    for n in range(len(tokens) - 1, -1, -1):
        if tokens[n].text in _SENTENCE_END:
            return tokens[n + 1 :]
    return tokens


def _context_after(doc: Doc, text: str, quote: QuoteSpan, next_start: int) -> list[Token]:
    """Tokens after the quote up to the sentence end, paragraph end or next quote."""
    inner = quote.inner(text)
    following = text[quote.end : quote.end + 3].lstrip()
    ceiling = min(next_start, line_end(text, quote.end))
    tokens = []
    for token in _tokens_between(doc, quote.end, ceiling):
        if token.text in _SENTENCE_END:
            break
        tokens.append(token)
    # The sentence ended inside the quote; what follows is a new one, unless it
    # is only an attribution ("… missing.” Trump said.").
    ended = inner.endswith((".", "…")) and following[:1].isupper()
    if ended and (len(tokens) > 4 or not any(_is_cue(t) for t in tokens)):
        return []
    return tokens[:24]


def _is_cue(token: Token) -> bool:
    if token.lower_ == "called" and token.i >= 2 and token.nbor(-1).text == "-":
        return False  # "so-called" marks a scare quote, not speech
    return token.lower_ in SPEECH_VERBS and (token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB"))


def _subject_of(verb: Token) -> Token | None:
    """The subject of a speech verb, climbing through "adding:", "and added" to the main verb.

    A relative pronoun stands for the noun its clause modifies: in "Sarah
    Champion, the Rotherham MP, who told Ms Cooper …" the speaker is Champion.
    """
    current: Token | None = verb
    for _ in range(4):
        if current is None:
            return None
        for child in current.children:
            if child.dep_ in SUBJECTS:
                relative = child.lower_ in ("who", "that", "which") and current.dep_ == "relcl"
                subject = current.head if relative else child
                while subject.dep_ == "appos" and subject.head.i != subject.i:
                    subject = subject.head  # "Sarah Champion, the Rotherham MP, who …"
                if line_end(text_of(verb.doc), subject.idx) != line_end(text_of(verb.doc), verb.idx):
                    return None  # a parse that runs across a paragraph break
                return subject
        if current.dep_ in ("advcl", "conj", "xcomp", "ccomp", "parataxis") and current.head.i != current.i:
            current = current.head
        else:
            return None
    return None


def _speaker_span(token: Token) -> Span:
    """The noun phrase naming a speaker: "A No10 spokesman", "Ms Cooper", "the Home Secretary"."""
    doc = token.doc
    left = token.left_edge.i
    right = token.i
    # Keep compounds and flat names to the right ("Ms Cooper"), not relative clauses.
    while (right + 1 < len(doc) and doc[right + 1].dep_ in ("flat", "compound", "appos")
           and doc[right + 1].head.i <= right):
        right += 1
    for child in token.rights:
        if child.dep_ in ("flat", "compound"):
            right = max(right, child.i)
    text = text_of(doc)
    line_start = text.rfind("\n", 0, token.idx) + 1
    line_stop = line_end(text, token.idx)
    while left < token.i and doc[left].idx < line_start:
        left += 1
    while right > token.i and doc[right].idx >= line_stop:
        right -= 1
    span = doc[left : right + 1]
    while len(span) > 1 and span[0].is_punct:
        span = span[1:]
    return span


_NAMING = ("PROPN", "PRON", "NOUN")


def _attribution_after(tokens: list[Token]) -> _Attribution | None:
    if not tokens:
        return None
    floor = tokens[0].idx
    for token in tokens[:20]:
        if _is_cue(token):
            subject = _subject_of(token)
            if subject is not None and subject.idx < floor:
                subject = None  # the parse reached into the quote itself
            if subject is None:
                # "…,' Brent Bozell, founder of …, tells" / "…,' said Cooper.":
                # the name before the cue, else the name after an inverted cue.
                preceding = [t for t in tokens if t.i < token.i and t.pos_ in _NAMING and t.dep_ != "appos"]
                following = [t for t in tokens if t.i > token.i and t.pos_ in _NAMING]
                subject = preceding[0] if preceding else following[0] if following else None
                while subject is not None and subject.dep_ in ("compound", "flat") and subject.head.i > subject.i:
                    subject = subject.head
            return _Attribution(token, _speaker_span(subject) if subject is not None else None)
    return None


def _attribution_before(tokens: list[Token]) -> _Attribution | None:
    for n, token in enumerate(tokens[:-1]):
        # "According to the newspaper, '…'": the source is the object of "according to".
        if token.lower_ == "according" and tokens[n + 1].lower_ == "to":
            nouns = [t for t in tokens[n + 2 :] if t.pos_ in ("NOUN", "PROPN")]
            if nouns:
                head = nouns[0]
                while head.dep_ in ("compound", "flat", "amod") and head.head.i > head.i:
                    head = head.head
                return _Attribution(token, _speaker_span(head))
    for token in reversed(tokens):
        if _is_cue(token):
            subject = _subject_of(token)
            if subject is None:
                # "Continued Stone: '…'": an inverted cue before the quote.
                following = [t for t in tokens if t.i > token.i and t.pos_ in ("PROPN", "NOUN")]
                subject = following[-1] if following else None
            return _Attribution(token, _speaker_span(subject) if subject is not None else None)
    if tokens and tokens[-1].text == ":":
        # "Trump: 'I'm the worst thing …'" in a headline, or "he leaned in and
        # boomed: '…'" with a verb we do not list: the subject of the last verb.
        verbs = [t for t in tokens if t.pos_ == "VERB"]
        subject = _subject_of(verbs[-1]) if verbs else None
        if subject is None and len(tokens) >= 2 and tokens[-2].pos_ == "PROPN":
            subject = tokens[-2]
        if subject is not None:
            return _Attribution(verbs[-1] if verbs else None, _speaker_span(subject))
    return None


def _governing_cue(doc: Doc, quote: QuoteSpan) -> _Attribution | None:
    """The speech verb whose clause holds a partial quote, found by climbing the parse."""
    inside = _tokens_between(doc, quote.start, quote.end)
    if not inside:
        return None
    text = text_of(doc)
    paragraph = (text.rfind("\n", 0, quote.start) + 1, line_end(text, quote.end))
    token = inside[0]
    subjectless: Token | None = None
    for _ in range(10):
        if token.head.i == token.i:
            break
        token = token.head
        if quote.start <= token.idx < quote.end or not paragraph[0] <= token.idx < paragraph[1]:
            continue
        if _is_cue(token):
            subject = _subject_of(token)
            if subject is not None:
                return _Attribution(token, _speaker_span(subject))
            subjectless = subjectless or token
    return _Attribution(subjectless, None) if subjectless is not None else None


def line_end(text: str, offset: int) -> int:
    """Where the line holding ``offset`` ends (the text's end for the last line)."""
    end = text.find("\n", offset)
    return len(text) if end == -1 else end


class Resolver:
    """Maps speaker words to the people of the document, pronouns included."""

    def __init__(self, doc: Doc, people: People) -> None:
        self.doc = doc
        self.people = people
        # (offset, person key, whether the mention is a grammatical subject)
        self.mentions: list[tuple[int, int, bool]] = []
        for person in people.persons:
            for mention in person.mentions:
                span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
                subject = span is not None and any(t.dep_ in SUBJECTS for t in span)
                self.mentions.append((mention.start, person.key, subject))
        self.mentions.sort()

    def person(self, span: Span) -> LocalPerson | RoleMention | None:
        return self.people.at(span.start_char, span.end_char)

    def pronoun(self, token: Token, since: int, subjects_only: bool = True) -> int | None:
        """The person a he/she refers to: the last one of that gender named since ``since``.

        With ``subjects_only`` only mentions that are grammatical subjects count:
        "Al Pinkerton drew a comparison with the Tony Blair-era conflict. He said"
        is Pinkerton speaking.
        """
        gender = PRONOUNS.get(token.lower_)
        if gender is None:
            return None
        named = [key for start, key, subject in self.mentions
                 if since <= start < token.idx and self._fits(key, gender) and (subject or not subjects_only)]
        return named[-1] if named else None

    def nearest_before(self, token: Token, since: int) -> int | None:
        """The person last named before ``token`` (and after ``since``), any position."""
        named = [key for start, key, _ in self.mentions if since <= start < token.idx]
        return named[-1] if named else None

    def _fits(self, key: int, gender: str) -> bool:
        person = self.people.by_key(key)
        return person.gender in (None, gender)


def _copy_speaker(quote: Quote, source: Quote) -> None:
    quote.speaker, quote.speaker_text, quote.role = source.speaker, source.speaker_text, source.role
    quote.speaker_start, quote.speaker_end = source.speaker_start, source.speaker_end


def _fill_speaker(
    quote: Quote, span: Span | None, resolver: Resolver, previous: Quote | None, cue: Token | None = None
) -> None:
    since = previous.end if previous else 0
    if span is None:
        # A cue with no parsed subject: the person named just before it in the sentence.
        if cue is not None:
            line_start = text_of(resolver.doc).rfind("\n", 0, cue.idx) + 1
            key = resolver.nearest_before(cue, max(since, cue.sent.start_char, line_start))
            if key is not None:
                quote.speaker = key
                quote.speaker_text = resolver.people.by_key(key).name
        return
    quote.speaker_text = span.text
    quote.speaker_start, quote.speaker_end = span.start_char, span.end_char
    found = resolver.person(span)
    if found is None and span.root.dep_ in SUBJECTS:
        # "his party colleague Abtisam Mohamed asked": the name sits inside the subject.
        subtree = span.doc[span.root.left_edge.i : span.root.right_edge.i + 1]
        found = resolver.person(subtree)
    if isinstance(found, LocalPerson):
        quote.speaker = found.key
    elif isinstance(found, RoleMention):
        quote.role = found.role
        quote.speaker = found.anaphor  # provisional: the office holder, if known, replaces it
    elif len(span) == 1 and span[0].lower_ in PRONOUNS:
        quote.speaker = resolver.pronoun(span[0], since)
        if quote.speaker is None and previous is not None and (previous.speaker is not None or previous.role):
            _copy_speaker(quote, previous)
            quote.speaker_text, quote.speaker_start, quote.speaker_end = span.text, span.start_char, span.end_char
        elif quote.speaker is None:
            quote.speaker = resolver.pronoun(span[0], 0) or resolver.pronoun(span[0], 0, subjects_only=False)
    elif len(span) == 1 and span[0].pos_ == "PRON" and span[0].lower_ not in ("i", "we"):
        quote.speaker_text = None  # "it said", "they said": nobody we can name
        quote.speaker_start = quote.speaker_end = None


def _set_cue(quote: Quote, cue: Token | None) -> None:
    if cue is not None:
        quote.cue, quote.cue_start, quote.cue_end = cue.text, cue.idx, cue.idx + len(cue)


def find_direct_quotes(doc: Doc, people: People, resolver: Resolver | None = None) -> list[Quote]:
    """Quoted passages with their speakers: direct and partial quotes."""
    text = text_of(doc)
    spans = find_quotes(text)
    resolver = resolver or Resolver(doc, people)
    found: list[Quote] = []
    previous: Quote | None = None
    for n, span in enumerate(spans):
        previous_end = spans[n - 1].end if n else 0
        next_start = spans[n + 1].start if n + 1 < len(spans) else len(text)
        before = _context_before(doc, text, span, previous_end)
        after = _context_after(doc, text, span, next_start)
        words = len(span.inner(text).split())
        starts_clause = not before or before[-1].text in (":", ",", "—", "–") or _is_cue(before[-1])
        introduced = bool(before) and before[-1].text == ":"
        if starts_clause:
            if introduced:  # "Mr Lammy said: '…'" names the speaker of this quote
                attribution = _attribution_before(before) or _attribution_after(after)
            else:
                attribution = _attribution_after(after) or _attribution_before(before)
            kind = "direct"
        else:
            attribution = _governing_cue(doc, span) or _attribution_after(after)
            kind = "partial"
        quote = Quote(span.start, span.end, kind)
        if attribution is not None:
            _set_cue(quote, attribution.cue)
            _fill_speaker(quote, attribution.speaker, resolver, previous, attribution.cue)
        elif kind == "direct" and previous is not None and _adjacent(text, previous, span):
            # A quote with no cue straight after another goes on in the same voice.
            quote.cue, quote.cue_start, quote.cue_end = previous.cue, previous.cue_start, previous.cue_end
            _copy_speaker(quote, previous)
        elif words <= SCARE_QUOTE_MAX_WORDS:
            continue  # a scare quote: nobody is said to have said it
        found.append(quote)
        previous = quote
    return found


def _adjacent(text: str, previous: Quote, span: QuoteSpan) -> bool:
    """Whether only an attribution-free stretch (at most one sentence) separates two quotes."""
    between = text[previous.end : span.start]
    return between.count("\n") <= 2 and len(between) <= 200


def _clause_span(doc: Doc, clause: Token) -> tuple[int, int]:
    """Character span of the words a clause holds, without "that" and closing punctuation."""
    first = clause.left_edge
    if first.dep_ == "mark" and first.i + 1 < len(doc):
        first = doc[first.i + 1]  # the words reported, without "that"
    last = clause.right_edge
    while last.i > first.i and (last.is_punct or last.is_space):
        last = doc[last.i - 1]
    return first.idx, last.idx + len(last)


def _reported_clause(token: Token) -> Token | None:
    """The clause a reporting verb reports, before it ("Talks go on, he said") or after it ("he said talks …")."""
    clauses = [c for c in token.children if c.dep_ == "ccomp"]
    if clauses:
        clause = clauses[0]
        if clause.i > token.i:
            return clause
        # Before the verb only when set off by a comma from the attribution: "…, he said".
        between = token.doc[clause.right_edge.i + 1 : token.i]
        return clause if any(t.text == "," for t in between) else None
    # "The museum, Mr. Bush said, celebrated …": the attribution is parenthetical inside the clause.
    head = token.head
    if token.dep_ == "parataxis" and head.i > token.i and head.pos_ in ("VERB", "AUX"):
        return head
    return None


def _according_to(token: Token) -> Span | None:
    """The source of "according to the Home Office", if ``token`` opens such a phrase."""
    if token.lower_ != "according" or token.i + 1 >= len(token.doc) or token.nbor(1).lower_ != "to":
        return None
    source = next((c for c in token.nbor(1).children if c.dep_ == "pobj"), None)
    return _speaker_span(source) if source is not None else None


def _sentence_span(token: Token) -> tuple[int, int]:
    """The sentence holding ``token``, kept within its line, without closing punctuation."""
    text = text_of(token.doc)
    sentence = token.sent
    start = max(sentence.start_char, text.rfind("\n", 0, token.idx) + 1)
    end = min(sentence.end_char, line_end(text, token.idx))
    while end > start and (text[end - 1] in _SENTENCE_END or text[end - 1].isspace()):
        end -= 1
    return start, end


def find_reported_speech(
    doc: Doc, people: People, quotes: list[Quote], resolver: Resolver | None = None
) -> list[Quote]:
    """What a speech verb reports without quotation marks.

    "Cooper said any asylum seekers … would …", "Talks will go on, the minister
    said", "The plan, she said, would …", and claims "according to" a source.
    """
    resolver = resolver or Resolver(doc, people)
    taken = [(q.start, q.end) for q in quotes]
    found: list[Quote] = []
    for token in doc:
        source = _according_to(token)
        if source is not None:
            start, end = _without(doc, *_sentence_span(token), token, source)
            speaker_span: Span = source
        elif token.lower_ in REPORTING_VERBS and token.tag_.startswith("VB"):
            reported = _reported_clause(token)
            subject = _subject_of(token)
            if reported is None or subject is None:
                continue
            start, end = _clause_span(doc, reported)
            speaker_span = _speaker_span(subject)
        else:
            continue
        if end - start < 15 or any(s < end and start < e for s, e in taken):
            continue
        quote = Quote(start, end, "reported")
        _set_cue(quote, token)
        _fill_speaker(quote, speaker_span, resolver, None, token)
        if quote.speaker is None and quote.role is None and speaker_span.root.pos_ == "PRON":
            continue  # "it said" with nobody to pin it on
        found.append(quote)
        taken.append((start, end))
    return found


def _without(doc: Doc, start: int, end: int, according: Token, source: Span) -> tuple[int, int]:
    """A clause's span less an "according to …" phrase at either end of it."""
    phrase_end = source.end_char
    if according.idx <= start < phrase_end + 3:
        rest = doc.char_span(phrase_end, end, alignment_mode="expand")
        tokens = [t for t in rest or [] if not (t.is_punct or t.is_space)]
        return (tokens[0].idx, end) if tokens else (end, end)
    if start < according.idx < end:
        before = doc.char_span(start, according.idx, alignment_mode="expand")
        tokens = [t for t in before or [] if not (t.is_punct or t.is_space)]
        if phrase_end >= end - 1 and tokens:
            return start, tokens[-1].idx + len(tokens[-1])
    return start, end


def find_speeches(doc: Doc, people: People, turns: list[Turn]) -> list[Quote]:
    """Each transcript speech as a direct quote of its speaker (no cue verb: the speaker line attributes it)."""
    text = text_of(doc)
    found = []
    for turn in turns:
        quote = Quote(turn.start, turn.end, "direct")
        if turn.name_start is not None and turn.name_end is not None:
            quote.speaker_start, quote.speaker_end = turn.name_start, turn.name_end
            quote.speaker_text = text[turn.name_start : turn.name_end]
            person = people.at(turn.name_start, turn.name_end)
            if isinstance(person, LocalPerson):
                quote.speaker = person.key
        else:
            quote.speaker_start, quote.speaker_end = turn.label_start, turn.label_end
            quote.speaker_text = text[turn.label_start : turn.label_end]
        if quote.speaker is None:
            quote.role = turn.office
        found.append(quote)
    return found


def find_all_quotes(
    doc: Doc, people: People, resolver: Resolver | None = None, turns: list[Turn] | None = None
) -> list[Quote]:
    """Direct, partial and reported quotes of a document, and its speeches if it is a transcript, in text order."""
    resolver = resolver or Resolver(doc, people)
    direct = find_direct_quotes(doc, people, resolver)
    reported = find_reported_speech(doc, people, direct, resolver)
    speeches = find_speeches(doc, people, find_turns(text_of(doc)) if turns is None else turns)
    return sorted(direct + reported + speeches, key=lambda q: (q.start, -q.end))
