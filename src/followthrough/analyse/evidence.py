"""Passages that may bear on a commitment: something delivered, begun, delayed, at risk, dropped or contradicted.

Found sentence by sentence from the words news copy, Hansard and GOV.UK use for
each outcome. Each candidate keeps its span, the cue that made it one and a
first guess at its stance; the learned model in ``analyse.stance`` has the last
word on the stance, and which commitment a passage bears on is decided later,
across documents, by ``link.ledger`` (it needs the commitments made before the
passage was written).

    >>> judge("The Act received Royal Assent on 15 May.")
    ('delivered', 'received Royal Assent')
    >>> judge("The minister was accused of a U-turn after committing to the new line.") is None
    True
    >>> judge("Will the scheme be scrapped?") is None
    True
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any, Literal, get_args

from spacy.tokens import Doc

from .keywords import keywords
from .nlp import text_of
from .timex import Timex, When, made_on

Stance = Literal["delivered", "partly delivered", "progress", "delayed", "at risk", "dropped", "contradicted"]
# The stances, and "none" for a sentence that reports nothing on the commitment.
STANCE_NAMES: tuple[str, ...] = (*get_args(Stance), "none")

_N = r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|a few|some|half)"
_HAS = r"(?:has|have|had|is|are|was|were)\s+(?:now\s+|already\s+|finally\s+|formally\s+|officially\s+)?"

# Each stance and the words that signal it, strongest first: a sentence's guess
# is the first that matches. The model (analyse.stance) sees every family that
# matches, so an order that is wrong for one sentence costs little.
CUES: tuple[tuple[Stance, re.Pattern[str]], ...] = (
    ("dropped", re.compile(
        r"\b(?:scrap(?:s|ped|ping)?|abandon(?:s|ed|ing)?|ditch(?:es|ed|ing)?|axe[ds]?|axing|shelved?|shelving"
        r"|cancell?(?:ed|ing|s)?|cancell?ation|u-?turn(?:ed|s)?|climb-?down|dropped (?:its|the|their|plans?|a|his|her)"
        r"|has dropped|have dropped|watered down|no longer (?:go ahead|proceed|be built|get|happen)"
        r"|will not (?:now )?go ahead|(?:is|was|be) replaced by(?! (?:the end|the start|the time|then|next|this"
        r"|early|late|mid|\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)))"  # "by the end of May": a date
        r"|replaced (?:it|them) with|struck down|quash(?:ed|es)"
        r"|blocked by (?:the )?(?:courts?|judges?)|(?:ruled|declared) unlawful|dead and buried|killed off|binned"
        r"|gone back on|went back on|rowed back|backtrack(?:ed|s)?|rejected (?:a|the|its|their) (?:key )?"
        r"(?:recommendation|plan|pledge|proposal)|reject(?:ed|ing|s)? the [\w -]{0,40}recommendations?"
        r"|(?:cut|reduced|scaled back|lowered) (?:its|the|their) (?:target|ambition|plans?|number)"
        r"|stopped (?:publishing|paying|funding)|(?:was|were|has been|have been) reversed|reversed (?:the|its)"
        r"|ruled out|called off|mothballed|only go as far as|halted"
        r"|paused(?! until| for)|put on hold(?! until| for))\b", re.I)),
    ("delayed", re.compile(
        r"\b(?:delay(?:s|ed|ing)?|postpon(?:e|es|ed|ing|ement)|pushed back|put back|push(?:ing)? back"
        r"|slipp?(?:ed|ing|s)?"
        r"|slip to|behind schedule|(?:paused|on hold) (?:until|for)|stall(?:ed|s|ing)|stuck in"
        r"|(?:failed|stuck|died) in (?:committee|the (?:senate|house|legislature|lords|commons))"
        r"|missed (?:the|its|their|a|his|her) (?:\w+ )?(?:deadline|target|date)"
        r"|later than (?:planned|promised|expected|hoped|we wanted|originally)|(?:will|would|could) not be "
        r"(?:ready|open|completed?|finished|published|in place|running)(?: \w+){0,3} until"
        r"|not (?:now )?be (?:ready|open|published|completed?) until|deferred|no route|now (?:run|open|take effect|"
        r"start|begin|be published|be completed|go to|expected|due) |(?:will|would) now (?:be|run|open|start|arrive)"
        r"|(?:has|have|had)n[’']t (?:followed through|come close|kept)|(?:has|have) not (?:followed through|kept)"
        r"|taken (?:no )?action so far|still waiting|the wait for|more time|a year late|months? late"
        r"|(?:has|have) not yet been (?:published|set up|opened|introduced|paid)|overdue|beyond (?:its|the) \w* ?"
        r"(?:target|deadline|date)|into next year)\b", re.I)),
    ("at risk", re.compile(
        r"\b(?:unachievable|undeliverable|in doubt|doubts? (?:over|about|on)|cast doubt|at risk|in jeopardy"
        r"|jeopardi[sz]e"
        r"|no (?:formal )?employees|no staff|(?:may|could|might|would) take (?:up to |as long as )?(?:\d+|[a-z]+) years"
        r"|cannot be guaranteed|can[’']t be guaranteed|not guaranteed|unlikely to (?:be met|meet|happen|be delivered|"
        r"be ready|hit)|(?:may|could|might|will|is likely to) (?:be )?miss(?:ed)?|may not (?:be met|happen|be ready)"
        r"|(?:may|might|could) have to be (?:scaled back|cut|abandoned|dropped|delayed)|over budget|over-budget"
        r"|legal challenge|judicial review|(?:temporarily )?(?:blocked|barred)"
        r"|(?:warn(?:s|ed|ing)?|concern(?:s|ed)?|fears?) (?:that|over|about)|not (?:be )?built in full"
        r"|failed to (?:confirm|commit|say)|back(?:ed)? away|uncertain(?:ty)?|no timeline|speculation"
        r"|almost certain to|struggl(?:e|es|ed|ing)|not (?:a )?safe|falls? short|running out of time"
        r"|(?:is|are) not on track|off track|far from|question marks?)\b", re.I)),
    ("contradicted", re.compile(
        r"\b(?:has yet to|have yet to|had yet to|is yet to|are yet to|no sign of"
        r"|(?:there (?:is|are|was|were) )?no evidence"
        r"|not the [£$€]?\d[\d,.]*\w* (?:promised|pledged)|instead of|rather than|despite (?:the |a |its )?"
        r"(?:pledge|promise|commitment|target)|(?:highest|worst) (?:for|in|since|on record|level)|record high"
        r"|never (?:took off|happened|materialised|arrived)|only (?:four|three|two|one|a handful|\d+) "
        r"(?:\w+ )?(?:sent|deported|built|opened|created|delivered)|fell to its lowest|contrary to"
        r"|(?:none|no) of (?:the|its) .{0,40}?(?:has|have) (?:yet )?been|(?:has|have|had) not (?:yet )?been"
        r"|(?:is|are|was|were) not (?:proportionate|practical)|fall in the (?:projected )?"
        r"number)\b", re.I)),
    ("partly delivered", re.compile(
        r"\b(?:partly|partially|in part|only (?:some|part|\d[\d,]*|one|two|three|four|five|half) (?:of|\w+ of)"
        r"|\d[\d,]* of (?:the|its|their) \d[\d,]*|\d[\d,]* per ?cent of|short of (?:the|its|their)"
        r"|still (?:outstanding|awaiting|waiting|to be)|remain(?:s|ing)? (?:outstanding|unfinished|closed)"
        r"|the first (?:of|phase|stage|tranche)|will follow|the rest (?:will|would)|(?:some|many) (?:\w+ )?"
        r"(?:exempt|excluded)|while the headline|remains?, (?:but|though)|softened|allowed (?:on the market )?until)\b",
        re.I)),
    ("delivered", re.compile(
        r"\b(?:received Royal Assent|(?:came|comes|has come|have come) into (?:force|effect|operation)"
        r"|(?:has|have) (?:now |finally )?(?:returned|resumed|been restored|been reinstated)"
        r"|took effect|takes effect|(?:is|are) now (?:law|live|in force|open|in place|available)|goes live|went live"
        r"|payments? (?:began|started|have begun|has begun|were made|have been made)|(?:re)?opened (?:its|their|the)?"
        r"|has been set up|have been set up|was set up|(?:was|were|has been|have been) (?:established|launched|"
        r"published|completed|delivered|finished|unveiled|created|passed|enacted|implemented|"
        r"rolled out|quashed|paid|opened|built|repaired|fixed|appointed|confirmed|announced|allocated|met)"
        r"|(?:has|have|had) (?:now )?(?:published|launched|opened|completed|delivered|finished|unveiled|created"
        r"|implemented|rolled out|enacted|met|hit|achieved|kept|honoured|fulfilled)|as (?:promised|pledged)"
        r"|(?:reached|hit) (?:its|their|the) (?:full|target)|full complement|all (?:\w+ ){0,4}(?:have|has) (?:now )?"
        r"(?:been|received)|every (?:\w+ ){0,3}(?:has|have) (?:now )?(?:been|received)|delivered on|kept (?:its|his|"
        r"her|their) (?:campaign )?(?:promise|pledge)|fulfill?(?:ed|ing|s)? (?:a|an|the|its|his|her|their) (?:\w+ )?"
        r"(?:promise|pledge|commitment)|signed (?:an? |the )?(?:executive order|bill|order)"
        r"|signed (?:[\w-]+ ){0,4}into law"
        r"|(?:became|becomes) law|(?:launched|opened|unveiled|published|began|begun)\s+(?:the|its|a|on|today"
        r"|this|yesterday|last)|today I am (?:proud|pleased) to|(?:published|announced) (?:its|the|our) "
        r"[\w -]{0,30}plan|began running|cut the first turf|no longer sell|can no longer)\b", re.I)),
    ("progress", re.compile(
        r"\b(?:on track|under ?way|making progress|legislation (?:was|has been|is being) (?:introduced|tabled|laid)"
        r"|introduc(?:e|ed|ing) (?:the|a) [\w ()-]{0,40}Bill|(?:the|a) [\w ()-]{0,40}Bill (?:returns|passed|cleared"
        r"|completed|had its|has its)|second reading|first (?:payments?|tranche|\d[\d,]*|phase|stage|step|meeting"
        r"|progress report|contracts?)|(?:has|have|had) (?:appointed|hired|recruited|awarded|approved|signed|agreed"
        r"|begun|started|added|paid|allocated|granted|incorporated|notified|booked|consented|ended|held|set up|"
        r"taken delivery|tripled|doubled|increased|put)|(?:was|were|has been|have been) (?:appointed|hired|awarded|"
        r"approved|granted|signed|incorporated|notified|named|agreed|introduced)|appointed|awarded"
        r"|work (?:has )?(?:started|began|begun)|began work"
        r"|(?:construction|work|building) (?:began|started|is underway)|is being|are being"
        r"|consultation (?:opened|opens|began|closed|launched)|so far|to date|reached \d|reached (?:a|its|the) |"
        r"(?:is|are) providing|paid out|(?:are|is) paying|ahead of (?:schedule|its|the)|confirmed (?:that|plans)"
        r"|(?:set|sets) out|progress|taken delivery|cleared the way|dismissed the|standby|revealed|named the new"
        r"|(?:now )?(?:in|into) (?:use|service|operation))\b", re.I)),
)

# A sentence that criticises or accuses someone of changing course towards X
# does not report X dropped ("accused of a climbdown after committing to X").
_CRITICISM = re.compile(
    r"\b(?:accus(?:ed|es|ing)|criticis(?:ed|es|ing)|criticiz(?:ed|es|ing)|attack(?:ed|s|ing)|condemn(?:ed|s|ing)"
    r"|slamm?(?:ed|s|ing)|den(?:ied|ies|y)|deny(?:ing)?|blam(?:ed|es|ing)|rejected claims|dismissed claims"
    r"|(?:would|could|will) be (?:a|an)|calls? (?:it|this|the move)|branded)\b", re.I)
# Words a figure moves with: up for a rise, down for a fall.
_UP = re.compile(
    r"\b(?:r[io]se|risen|rising|increas(?:ed|es|ing)|grew|grown|climb(?:ed|s|ing)|soar(?:ed|s|ing)|jump(?:ed|s)"
    r"|up (?:from|by)|higher|highest|more than doubled|doubled|tripled|surg(?:ed|es)|reached (?:a )?record)\b", re.I)
_DOWN = re.compile(
    r"\b(?:fell|fallen|falling|declin(?:ed|es|ing)|dropped (?:to|by)|down (?:from|by|to)|lower|lowest|shr[ua]nk"
    r"|reduced (?:to|by)|cut (?:to|by)|halved|plung(?:ed|es)|slump(?:ed|s))\b", re.I)
# What a commitment aims a figure at: down ("cut leakage by a quarter") or up ("recruit 400").
_AIM_DOWN = re.compile(
    r"\b(?:cut(?:ting)?|reduc(?:e|ed|ing|tion)|halv(?:e|ing)|lower(?:ing)?|bring down|fewer|less|decreas(?:e|ing)"
    r"|tackl(?:e|ing)|end|eliminat(?:e|ing)|clear(?:ing)? the backlog)\b", re.I)
_AIM_UP = re.compile(
    r"\b(?:increas(?:e|ing)|rais(?:e|ing)|doubl(?:e|ing)|tripl(?:e|ing)|boost(?:ing)?|grow(?:ing)?|more|recruit"
    r"|hire|creat(?:e|ing)|build(?:ing)?|improv(?:e|ing)|expand(?:ing)?|at least)\b", re.I)
_NEGATED = re.compile(r"\b(?:will not|won[’']t|would not|wouldn[’']t|shall not|never|no new|not (?:to )?introduce)\b",
                      re.I)
_FIGURE = re.compile(r"\d")
# A promise to undo something ("scrap the Rwanda scheme on day one"): its being dropped delivers the promise.
_UNDO = re.compile(
    r"\b(?:scrap(?:ping)?|abandon(?:ing)?|ax(?:e|ing)|ditch(?:ing)?|revers(?:e|ing)|repeal(?:ing)?|abolish(?:ing)?"
    r"|stop(?:ping)?|halt(?:ing)?|kill(?:ing)? off|get rid of|do away with)\b", re.I)


@dataclass(slots=True)
class EvidenceCandidate:
    """A sentence that may report an outcome: its span, the cue that made it one and a first guess at its stance."""

    start: int
    end: int
    stance: str
    cue: str
    said_on: date | None
    keywords: set[str] = field(default_factory=set)
    vector: Any = None  # its sentence's embedding, when the embedding model is installed


def find_evidence(doc: Doc, said_on: date | None, published: When | None = None,
                  timexes: Sequence[Timex] = ()) -> list[EvidenceCandidate]:
    """Sentences that may report delivery, progress, delay, risk, abandonment or contradiction.

    Each is dated ``said_on`` (when its page was published), unless its own words say when what
    it reports happened ("The agency published the list in May", on a page of September: May, by
    its end); ``published`` is the page's time to its precision and ``timexes`` its time
    expressions, found against it.
    """
    text = text_of(doc)
    found: list[EvidenceCandidate] = []
    for sentence in doc.sents:
        for start, end in _lines(text, sentence.start_char, sentence.end_char):
            verdict = judge(text[start:end])
            if verdict is not None:
                found.append(EvidenceCandidate(start, end, verdict[0], verdict[1],
                                               _happened(text, start, end, said_on, published, timexes),
                                               keywords(text[start:end])))
    return found


def _happened(text: str, start: int, end: int, said_on: date | None, published: When | None,
              timexes: Sequence[Timex]) -> date | None:
    """When what a sentence reports happened: the past time governing its verb, else ``said_on``.

    The time of the promise it names is not when the outcome happened: "the register promised by
    the minister in January has been published" (on a page of June) is June's news, not January's.
    """
    own = [t for t in timexes if start <= t.start < end and not _PROMISED_AT.search(text, start, t.start)]
    if said_on is None or published is None or not own:
        return said_on
    when = made_on(text, (start, end), None, published, own)
    if when is None or when == published:
        return said_on
    return min(when.last, said_on)


_AGENT_WORD = r"(?!(?:in|on|at|during|and|but|was|were|is|are|has|have|had|been)\b)[\w'’.-]+"
# A time right after the words that made the promise ("promised by the minister in January", "pledged last
# year", "her promise in May") dates the promise, not the outcome.
_PROMISED_AT = re.compile(r"\b(?:promised|pledged|vowed|committed|guaranteed|promises?|pledges?|vows?)"
                          rf"(?:\s+(?:by|to|for)\s+{_AGENT_WORD}(?:\s+{_AGENT_WORD}){{0,5}}?)?"
                          r"\s+(?:(?:in|on|at|during|back in|earlier in)\s+)?$", re.IGNORECASE)


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A sentence cut at line breaks: the parser sometimes runs a paragraph into the next."""
    pieces, position = [], start
    while position < end:
        stop = text.find("\n", position, end)
        stop = end if stop == -1 else stop
        if text[position:stop].strip():
            pieces.append((position, stop))
        position = stop + 1
    return pieces


def is_question(sentence: str) -> bool:
    """A question reports nothing, whatever words it uses ("Will the scheme be scrapped?")."""
    return sentence.rstrip("'’\"” )").endswith("?")


def cues(sentence: str) -> dict[Stance, str]:
    """Every stance whose words the sentence uses, with the first such words.

    Left out: course changes someone is criticised for; what someone says should or must happen
    ("the Government should set out a timetable", "payments should be made without delay"): a
    demand reports nothing done; and "without delay", which is no delay.
    """
    return dict(_cues(sentence))


@lru_cache(maxsize=8192)
def _cues(sentence: str) -> tuple[tuple[Stance, str], ...]:
    """``cues`` worked out once per sentence: the search, the linking and the stance model each ask."""
    found: dict[Stance, str] = {}
    for stance, pattern in CUES:
        for match in pattern.finditer(sentence):
            if stance == "dropped" and criticised(sentence, match.start()):
                continue
            if stance in ("dropped", "delivered", "partly delivered", "progress") \
                    and _NOT_BEFORE.search(sentence, 0, match.start()):
                # "Has not cancelled the debt", "was never scrapped": what did not happen. A delivery that
                # did not happen ("has not yet come into force") is a promise not kept so far.
                if stance != "dropped":
                    found.setdefault("contradicted", match.group())
                continue
            if _FORETOLD.search(sentence, 0, match.start()) and (
                    stance in ("delivered", "partly delivered", "progress") or _AMOUNT.match(sentence, match.end())):
                # "A chief executive will be appointed", "he would cancel $10,000 of debt": a promise, not an
                # outcome; but "would be pushed back to 2028" and "will be scrapped" report a decided change.
                continue
            if demanded(sentence, match.start()) or (stance == "delayed" and _WITHOUT.search(sentence, 0,
                                                                                             match.start())):
                continue
            found[stance] = match.group()
            break
    return tuple(found.items())


# "should receive payouts without delay", "must set out", "urged ministers to publish": what someone asks for.
_DEMAND = re.compile(r"\b(?:should|must|ought to|needs? to|call(?:s|ed|ing)? (?:on|for)|urg(?:e|es|ed|ing)"
                     r"|demand(?:s|ed|ing)?|recommend(?:s|ed|ing)?(?: that)?)\b"
                     r"(?:(?!\b(?:but|yet|however|although|though|while|whereas)\b)[^;:.]){0,50}$", re.I)
# What will or would be done, or what someone promised to do, reports nothing done yet.
_FORETOLD = re.compile(r"\b(?:will|would|shall|[’']ll|(?:promis|pledg|vow)(?:e|es|ed|ing|s)? to)\s+"
                       r"(?:(?:now|also|then|soon|be|not|never|finally|immediately)\s+){0,2}$", re.I)
_NOT_BEFORE = re.compile(r"\b(?:not|n[’']t|never)\s+(?:(?:yet|been|be|formally|actually|fully|now)\s+){0,2}$", re.I)
_AMOUNT = re.compile(r"\s+(?:up to |a minimum of |at least |about |around )?[$£€]?\d", re.I)
_WITHOUT = re.compile(r"\bwithout (?:any |further |undue |unnecessary )?$", re.I)


def demanded(sentence: str, at: int) -> bool:
    """Whether the words at ``at`` are what someone asks or advises to be done, not a report that it was."""
    return _DEMAND.search(sentence, max(0, at - 60), at) is not None


# Words that say outright that a promise was kept or a measure made law: no reading of the rest of the
# sentence turns them into anything but a delivery (once questions, negations and what will be are set aside).
_KEPT = re.compile(
    r"\b(?:fulfill?(?:ed|ing|s)? (?:a|an|the|its|his|her|their) (?:\w+ )?(?:promise|pledge|commitment)"
    r"|kept (?:its|his|her|their|a|the) (?:\w+ )?(?:promise|pledge)|delivered on (?:its|his|her|their|the) "
    r"(?:\w+ )?(?:promise|pledge)|signed (?:[\w-]+ ){0,4}into law|received Royal Assent"
    r"|(?:came|comes) into force)\b", re.I)


# Words that say outright that a promise was given up: "has abandoned her promise to …", "scrapped its
# pledge", "ditched plans for …".
_GIVEN_UP = re.compile(
    r"\b(?:abandon(?:ed|s|ing)?|scrap(?:ped|s|ping)?|ditch(?:ed|es|ing)?|dropp(?:ed|ing)|axed|shelved|binned"
    r"|ditched|broke|broken|reneged on|gone back on|went back on) (?:on )?(?:its|his|her|their|the|a) "
    r"(?:\w+ ){0,2}(?:promise|pledge|commitment|plans?|target)s?\b", re.I)


def says_given_up(sentence: str) -> bool:
    """Whether a sentence says outright that a promise was given up, not as a question, a denial, a
    criticism ("accused of abandoning its pledge") or what will be."""
    return _says_outright(sentence, "dropped", _GIVEN_UP)


def says_kept(sentence: str) -> bool:
    """Whether a sentence says outright that a promise was kept ("signed the order, fulfilling a campaign
    promise", "the Act received Royal Assent"), and not as a question, a denial or what will be."""
    return _says_outright(sentence, "delivered", _KEPT)


def _says_outright(sentence: str, stance: Stance, words: re.Pattern[str]) -> bool:
    """Whether ``words`` occur in the sentence as a cue of ``stance`` (what ``cues`` sets aside does not count)."""
    return stance in cues(sentence) and not is_question(sentence) and any(
        stance in cues(sentence[: m.end()]) for m in words.finditer(sentence))


def criticised_change(sentence: str) -> bool:
    """Whether the sentence's only words of abandonment are what someone is criticised or accused of."""
    matches = list(CUES[0][1].finditer(sentence))
    return bool(matches) and all(criticised(sentence, m.start()) for m in matches)


def criticised(sentence: str, at: int) -> bool:
    """Whether the words at ``at`` are what someone is accused or criticised of, not a report that it happened."""
    return _CRITICISM.search(sentence, max(0, at - 60), at) is not None


def judge(sentence: str) -> tuple[Stance, str] | None:
    """A sentence's first guess at a stance and the words behind it, or None when it reports no outcome."""
    if is_question(sentence):
        return None
    found = cues(sentence)
    if not found:
        return None
    stance, cue = next(iter(found.items()))
    if stance == "progress" and figure_direction(sentence) > 0 and re.search(r"\b(?:highest|worst)\b", sentence, re.I):
        return "contradicted", cue  # a worse figure contradicts; it is not progress
    return stance, cue


@lru_cache(maxsize=4096)
def figure_direction(sentence: str) -> int:
    """+1 when the sentence reports a figure going up, -1 going down, 0 when neither or both."""
    if not _FIGURE.search(sentence) and not re.search(r"\b(?:highest|lowest|record)\b", sentence, re.I):
        return 0
    up, down = _UP.search(sentence) is not None, _DOWN.search(sentence) is not None
    return int(up) - int(down)


@lru_cache(maxsize=4096)
def aim_direction(commitment: str) -> int:
    """+1 when a commitment aims a figure up ("recruit 400"), -1 down ("cut leakage by a quarter"), 0 otherwise."""
    down, up = _AIM_DOWN.search(commitment) is not None, _AIM_UP.search(commitment) is not None
    return int(up) - int(down)


@lru_cache(maxsize=4096)
def undoes(commitment: str) -> bool:
    """A promise to scrap, reverse or stop something: reports of that thing dropped deliver it."""
    return _UNDO.search(commitment) is not None


@lru_cache(maxsize=4096)
def negated(commitment: str) -> bool:
    """A promise not to do something ("We will not raise VAT"): doing it contradicts the promise."""
    return _NEGATED.search(commitment) is not None
