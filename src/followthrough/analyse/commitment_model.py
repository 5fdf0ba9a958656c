"""Is this sentence a commitment? A small learned decision over what the rules saw, the words, and the meaning.

What a commitment is (after the Comparative Party Pledges Group and the promise
trackers): a statement committing an actor who can act — a government,
minister, department, party, candidate for office, public body or company — to
a specific action or outcome that can later be determined to have happened or
not. The labelling guide (data/README.md) gives the full definition.

Commitments:
    "We will publish the register by June," the minister said.
    The department will set up a taskforce to review the rules.
    Johnson promised in 2019 to build 40 new hospitals.
    A Labour government would create the company within its first year.
    The Government accepts all 58 recommendations.
    We will not raise VAT.

Not commitments:
    We will be unrelenting in the pursuit of justice.        (vague values)
    I will give way to the hon. Member.                      (procedure)
    I will take no lectures from the member opposite.        (rhetoric)
    Will the minister commit to a date?                      (a question)
    The Government must act now, campaigners said.           (a demand on others)
    Analysts expect the scheme to reach only 60,000 places.  (a third party's forecast)
    There will be more cases.                                (a prediction)
    The Chancellor will today set out her plans.             (a preview of a speech)
    She won't deliver it, the shadow minister said.          (an attack)

Only sentences with a word that can carry a commitment (``TRIGGER``) are scored,
so the model's cost stays small beside the parse. Each gets a probability from
a logistic regression over three groups of features: the rules' signals about
it (``signals``: did a commitment rule fire, which trigger, is the actor known
and official, is it in a quote, is it first person, a question, a preview, is a
reported "would" the reporter's own act or someone else's, …),
its words and word pairs hashed into buckets, and its sentence embedding
(``analyse.embed``). The weights are trained by ``train/commitments.py`` on our
labelled sentences and shipped in ``models/commitments.json`` with the split and
the held-out figures they were measured on; a second set of weights without the
embedding serves when the embedding model is not installed.
"""

from __future__ import annotations

import json
import re
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from spacy.tokens import Doc

from . import anchors
from .nlp import text_of

MODEL_PATH = Path(__file__).parent / "models" / "commitments.json"
# Word and word-pair features are hashed into this many buckets (no vocabulary is stored).
BUCKETS = 1 << 13

# A sentence without one of these words is not scored: it holds no commitment the rules could
# structure, and embedding it would cost time for nothing. Chosen to keep 92% of the labelled
# commitments of the tuning timelines and written passages (train/commitments.py prints the share).
TRIGGER = re.compile(
    r"\b(?:will|won[’']t|[’']ll|shall|would|wouldn[’']t|going to|pledg\w*|promis\w*|vow\w*|commit\w*"
    r"|undert[ao]\w*|guarantee\w*|plan\w*|intend\w*|aim\w*|(?:is|are|was|were) to|set to|agree\w*"
    r"|announc\w*|accept\w*|target\w*|due to|scheduled|expect\w*|confirm\w*|decided|green light"
    r"|establishing|recruiting|launching|introducing|ensur\w*|deliver\w*|by (?:the end of )?(?:19|20)\d\d"
    r"|within (?:\w+ ){0,3}(?:days|weeks|months|years))\b",
    re.IGNORECASE,
)
_PREVIEW = re.compile(r"\b(?:will|is expected to|is set to|is due to)\s+(?:today|tomorrow|later|this (?:morning|"
                      r"afternoon|evening|week))\b|\b(?:today|tomorrow)\s+(?:set out|announce|unveil|highlight|"
                      r"outline|say|tell|urge|warn)", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(?:I|we|We|our|Our)\b")
_MODAL = {"should", "must", "could", "might", "may", "can", "ought"}
_CUES = {
    "today": re.compile(r"\b(?:today|tonight|this (?:morning|afternoon))\b", re.I),
    # Third parties' expectations (a forecast), not a speaker's own ("a number she expected to rise to 1,000").
    "expected": re.compile(r"\b(?:analysts?|economists?|experts?|critics|observers|forecasters?|markets?|pollsters?)"
                           r"\b.{0,60}\b(?:expect\w*|predict\w*|forecast\w*|doubt\w*)|\b(?:is|are|was|were|be) "
                           r"(?:widely |generally )?(?:expected|likely|predicted|forecast) to\b"
                           r"|\bforecasts? (?:show|suggest)", re.I),
    "condition": re.compile(r"\b(?:if|unless|whether)\b", re.I),
    # "would have acted" (a counterfactual), not "would have their applications rejected" (causative).
    "would_have": re.compile(r"\bwould(?:n[’']t)? have (?:been|\w+(?:ed|en|wn|ne|de|t))\b", re.I),
    "negation": re.compile(r"\b(?:not|never|no|won[’']t|n[’']t)\b", re.I),
    "past_outcome": re.compile(r"\b(?:has|have|had) (?:been |now )?(?:\w+ed|built|made|paid|set up)\b", re.I),
    "money": re.compile(r"[£$€]\s?\d|\b\d[\d,.]*\s?(?:bn|billion|million|m)\b", re.I),
    "year": re.compile(r"\b(?:19|20)\d\d\b"),
    "call_on": re.compile(r"\b(?:call(?:s|ed)? on|urge[sd]?|demand\w*|want(?:s|ed)? (?:the|ministers|them))\b", re.I),
    "vague": re.compile(r"\b(?:always|never|whatever it takes|every effort|stand up for|hold (?:them|\w+) to "
                        r"account|fight for|unrelenting|determined|continue to)\b", re.I),
    "procedure": re.compile(r"\b(?:give way|hon\. (?:Member|Friend|Gentleman|Lady)|noble (?:Lord|Lady|Baroness)|"
                            r"come to that|second reading|I beg to move|I will write to)\b", re.I),
}
_KINDS = ("pledge", "announcement", "accepted recommendation", "recommendation")
_TRIGGERS = ("commissive", "accepting", "announcing", "ordering", "future", "intending", "preparing", "reported")


@dataclass(slots=True)
class ScoredSentence:
    """A sentence the model scored: its span (in the text analysed) and probability; features when kept."""

    start: int
    end: int
    probability: float
    features: dict[str, float] | None = None
    buckets: list[int] | None = None
    vector: np.ndarray | None = None  # its sentence embedding, when the model is installed


def sentence_spans(doc: Doc) -> list[tuple[int, int]]:
    """The document's sentences, cut at line breaks too (the parser sometimes runs a paragraph on)."""
    text = text_of(doc)
    spans = []
    for sentence in doc.sents:
        position, end = sentence.start_char, sentence.end_char
        while position < end:
            stop = text.find("\n", position, end)
            stop = end if stop == -1 else stop
            piece = text[position:stop]
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                a, b = position + lead, position + len(piece.rstrip())
                if b > a:
                    spans.append((a, b))
            position = stop + 1
    return spans


def signals(doc: Doc, start: int, end: int, candidates: list[Any], in_quote: bool, official_speaker: bool,
            deadline: bool, official_actor: bool = False) -> dict[str, float]:
    """What the rules and the parse say about a sentence, as named numbers."""
    text = text_of(doc)[start:end]
    found: dict[str, float] = {"bias_rules": 1.0}
    if candidates:
        found["candidate"] = 1.0
        found["confidence"] = max(c.confidence for c in candidates)
        for c in candidates:
            if c.kind in _KINDS:
                found[f"kind:{c.kind}"] = 1.0
            if c.trigger in _TRIGGERS:
                found[f"trigger:{c.trigger}"] = 1.0
            found["actor_person"] = max(found.get("actor_person", 0.0), float(c.actor_person is not None))
            found["actor_org"] = max(found.get("actor_org", 0.0), float(c.actor_org is not None))
            found["actor_role"] = max(found.get("actor_role", 0.0), float(c.actor_role is not None))
            found["targets"] = max(found.get("targets", 0.0), float(bool(c.targets)))
    if in_quote:
        found["in_quote"] = 1.0
    if official_speaker:
        found["official_speaker"] = 1.0
    if official_actor:
        found["official_actor"] = 1.0
    if deadline:
        found["deadline"] = 1.0
    if _FIRST_PERSON.search(text):
        found["first_person"] = 1.0
    if text.rstrip("'’\"” ").endswith("?"):
        found["question"] = 1.0
    if _PREVIEW.search(text):
        found["preview"] = 1.0
    for name, pattern in _CUES.items():
        if pattern.search(text):
            found[f"cue:{name}"] = 1.0
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is not None:
        roots = [t for t in span if t.dep_ == "ROOT"]
        for root in roots[:1]:
            found[f"root_tag:{root.tag_}"] = 1.0
            if any(c.lower_ in _MODAL for c in root.children):
                found["modal_advice"] = 1.0
        found["words"] = min(len(span), 60) / 60
        for token in span:
            if token.lower_ in _FUTURE and token.dep_ == "aux":
                found.update(_future_subject(token))
    if _plans_document(doc):
        found["document_of_plans"] = 1.0
    return conjoin(found)


# Who says it matters as much as how: the same "would" is a promise from a minister and a guess
# from a pundit, "ordered the review" an official's act and "calls on ministers to" a demand. A
# linear model sees that only through these conjunctions.
_OFFICIAL_CONJUNCTIONS = ("candidate", "would_reported", "will_reported", "would_reported_self", "would_reported_other",
                          "would_reported_passive", "will_reported_self", "would_person", "will_person",
                          "would_organisation", "will_organisation", "deadline", "trigger:ordering",
                          "kind:accepted recommendation")
_PLANS_CONJUNCTIONS = ("would_party", "will_party", "would_person", "would_organisation", "would_no_subject")
_CANDIDATE_CONJUNCTIONS = ("actor_person", "actor_org", "deadline", "targets", "in_quote", "first_person")


def conjoin(found: dict[str, float]) -> dict[str, float]:
    """The signals with their conjunctions added (idempotent: training applies it to stored signals)."""
    if found.get("official_speaker") or found.get("official_actor"):
        for name in _OFFICIAL_CONJUNCTIONS:
            if found.get(name):
                found[f"official&{name}"] = 1.0
    if found.get("document_of_plans"):
        for name in _PLANS_CONJUNCTIONS:
            if found.get(name):
                found[f"plans&{name}"] = 1.0
    if found.get("candidate"):
        for name in _CANDIDATE_CONJUNCTIONS:
            if found.get(name):
                found[f"candidate&{name}"] = 1.0
    return found


_FUTURE = {"will", "would", "'ll", "’ll", "shall", "wo"}
_AGENT_ENTITIES = {"ORG", "GPE", "NORP"}


def _future_subject(aux: Any) -> dict[str, float]:
    """Who does the future verb: a person ("she would impose"), an organisation, "we", a thing."""
    verb = aux.head
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    word = "would" if aux.lower_ == "would" else "will"
    if subject is None:
        found = {f"{word}_no_subject": 1.0}
        if verb.dep_ == "ccomp":
            found[f"{word}_reported_{_whose(verb, None)}"] = 1.0
        return found
    if subject.lower_ in ("i", "we"):
        kind = "first_person"
    elif subject.lower_ in ("he", "she", "they") or subject.ent_type_ == "PERSON":
        kind = "person"
    elif _names_party(subject):
        kind = "party"  # "the Liberal Democrats would", "Labour will": a manifesto's voice
    elif subject.ent_type_ in _AGENT_ENTITIES:
        kind = "organisation"
    elif subject.lower_ in ("it", "this", "that", "there"):
        kind = "it"
    else:
        kind = "thing"
    found = {f"{word}_{kind}": 1.0}
    if verb.dep_ == "ccomp":
        found[f"{word}_reported"] = 1.0
        found[f"{word}_reported_{_whose(verb, subject)}"] = 1.0
    return found


_PRONOUNS = frozenset({"i", "we", "he", "she", "it", "they"})


def _whose(verb: Any, subject: Any | None) -> str:
    """Whether a reported "would" is the reporter's own act ("she said she would"), another's ("Labour said
    the Conservatives would"), or a passive with no doer named ("said the scheme would be extended").

    A promise binds the one who makes it: what someone says another will do is an attack or a
    forecast. A pronoun after a reporting verb is most often its subject ("Labour said it would"),
    unless it is the empty "it" of "it would be difficult". (The pipeline has no lemmatiser: words
    are compared as written.)
    """
    if (subject is not None and subject.dep_ == "nsubjpass") or any(c.dep_ == "auxpass" for c in verb.children) or (
            verb.lower_ == "have" and any(c.dep_ == "ccomp" and c.tag_ == "VBN" for c in verb.children)):
        return "passive"  # "would have their applications rejected": done to them, by the speaker's side
    if subject is None:
        return "other"
    if subject.lower_ in _PRONOUNS:
        return "other" if subject.lower_ == "it" and verb.lower_ == "be" else "self"
    reporter = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if reporter is not None and reporter.lower_ == subject.lower_:
        return "self"
    return "other"


def _names_party(subject: Any) -> bool:
    """Whether a subject is a political party ("the Greens", "the Conservative Party", "Labour")."""
    tokens = [t for t in subject.subtree if not t.is_punct][:5]
    if subject.lower_ == "party":
        return True
    joined = " ".join(t.lower_ for t in tokens)
    return any(anchors.party_of(t.lower_.rstrip("s")) for t in tokens if t is subject or t.pos_ == "PROPN") or any(
        party in joined for party in ("liberal democrat", "lib dem", "reform uk"))


_PLAN_WORDS = re.compile(r"\b(?:plan|plans|proposal|proposals|proposes|pledge[sd]?|manifesto|promise[sd]?|"
                         r"would (?:also )?(?:raise|cut|create|impose|cap|abolish|introduce|build|end))\b", re.I)


def _plans_document(doc: Doc) -> bool:
    """Whether the document is about someone's plans (a policy piece, a manifesto): cached per document."""
    cached = doc.user_data.get("plans_document")
    if cached is None:
        cached = doc.user_data["plans_document"] = len(_PLAN_WORDS.findall(text_of(doc))) >= 3
    return bool(cached)


GROUPS = ("official specific", "official", "rule", "alone")


def group(found: dict[str, float]) -> str:
    """Which decision threshold applies to a sentence.

    A rule's commitment by an official with a deadline or a target, or accepting recommendations (whose
    terms are the report's): "official specific", the regular genre, 80% of them commitments in the
    training labels; another by an official, any other rule's,
    or a sentence no rule found a commitment in (the model alone vouches for it).
    """
    if found.get("candidate"):
        if found.get("official_speaker") or found.get("official_actor"):
            specific = found.get("deadline") or found.get("targets") or found.get("kind:accepted recommendation")
            return "official specific" if specific else "official"
        return "rule"
    return "alone"


def buckets(text: str) -> list[int]:
    """The sentence's lower-cased words and word pairs, hashed (stable across runs and machines)."""
    words = re.findall(r"[a-z0-9£$%]+(?:['’][a-z]+)?", text.lower())
    grams = words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]
    return sorted({zlib.crc32(g.encode("utf-8")) % BUCKETS for g in grams})


@dataclass(frozen=True, slots=True)
class Weights:
    """One trained logistic regression: named signal weights, bucket weights, embedding weights."""

    bias: float
    signals: dict[str, float]
    buckets: np.ndarray
    vector: np.ndarray | None
    thresholds: dict[str, float]  # per group of sentences (``group``), chosen by cross-validation

    def decides(self, found: dict[str, float], probability: float) -> bool:
        """Whether a sentence with these signals and this probability is a commitment."""
        return probability >= self.thresholds[group(found)]

    def probability(self, found: dict[str, float], hashed: list[int], vector: np.ndarray | None) -> float:
        z = self.bias + sum(self.signals.get(k, 0.0) * v for k, v in found.items())
        z += float(self.buckets[hashed].sum()) if hashed else 0.0
        if self.vector is not None and vector is not None:
            z += float(self.vector @ vector)
        return float(1.0 / (1.0 + np.exp(-z)))


def _weights(raw: dict[str, Any]) -> Weights:
    return Weights(float(raw["bias"]), {k: float(v) for k, v in raw["signals"].items()},
                   np.asarray(raw["buckets"], dtype=np.float64),
                   np.asarray(raw["vector"], dtype=np.float32) if raw.get("vector") else None,
                   {name: float(value) for name, value in raw["thresholds"].items()})


@dataclass(frozen=True, slots=True)
class Model:
    """The two sets of weights and the cascade between them.

    A sentence the model without the embedding scores below ``floor`` is not a commitment and is
    never embedded (embedding is what costs); the others are judged by the model with it.
    """

    with_embedding: Weights
    without_embedding: Weights
    floor: float


def load(path: Path | None = None) -> Model | None:
    """The trained model, or None before the first training or while training (the rules alone decide)."""
    return _load(path or MODEL_PATH) if ENABLED else None


# Training turns the model off: the sentences it learns from are found by the rules alone.
ENABLED = True


@lru_cache(maxsize=2)
def _load(path: Path) -> Model | None:
    if not path.is_file():
        return None
    raw = json.loads(path.read_text(encoding="utf-8"))
    return Model(_weights(raw["with_embedding"]), _weights(raw["without_embedding"]),
                 float(raw.get("cascade_floor", 0.0)))
