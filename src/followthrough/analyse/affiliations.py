"""The vocabulary of British and American political copy: honorifics, parties, offices.

One home for these word lists, shared by people finding, quote attribution and
the registry.
"""

from __future__ import annotations

import re

# Honorifics and the gender they imply (None: either).
HONORIFICS: dict[str, str | None] = {
    "mr": "m", "mrs": "f", "ms": "f", "miss": "f", "mx": None, "dr": None, "sir": "m", "dame": "f",
    "lord": "m", "lady": "f", "baroness": "f", "baron": "m", "professor": None, "prof": None,
    "rev": None, "cllr": None, "councillor": None, "judge": None, "justice": None,
    "sen": None, "senator": None, "rep": None, "gov": None, "governor": None, "president": None,
}
# Honorifics that in British usage go with the first name: "Sir Keir", "Dame Diana".
FIRST_NAME_HONORIFICS = {"sir", "dame"}
POST_NOMINALS = {"kc", "qc", "mp", "msp", "ms", "mbe", "obe", "cbe", "jr", "sr", "ii", "iii"}
HONORIFIC_PATTERN = (
    r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Sir|Dame|Lord|Lady|Baroness|Baron|Professor|Prof|Rev|Cllr|Councillor"
    r"|Sen|Senator|Rep|Gov|Governor|Judge)\.?"
)

# Party names as they appear in copy, to one canonical name each.
_PARTIES = [
    (r"labour(?: and co-operative| \(co-op\))?", "Labour"),
    (r"tor(?:y|ies)|conservatives?", "Conservative"),
    (r"lib(?:eral)? dems?|liberal democrats?", "Liberal Democrat"),
    (r"reform(?: uk)?", "Reform UK"),
    (r"snp|scottish national party", "SNP"),
    (r"greens?(?: party)?", "Green"),
    (r"plaid(?: cymru)?", "Plaid Cymru"),
    (r"dup|democratic unionists?", "DUP"),
    (r"uup|ulster unionists?", "UUP"),
    (r"sinn f[eé]in", "Sinn Féin"),
    (r"sdlp", "SDLP"),
    (r"alliance", "Alliance"),
    (r"independent", "Independent"),
    (r"speaker", "Speaker"),
    (r"republicans?|gop", "Republican"),
    (r"democrats?|democratic", "Democratic"),
]
PARTY_PATTERN = "|".join(f"(?:{p})" for p, _ in _PARTIES)
_PARTY_RE = [(re.compile(rf"^(?:{p})$", re.IGNORECASE), name) for p, name in _PARTIES]


def normalise_party(text: str | None) -> str | None:
    """'Tory' → 'Conservative', 'Lib Dem' → 'Liberal Democrat', 'Labour (Co-op)' → 'Labour'."""
    if not text:
        return None
    cleaned = " ".join(text.replace("’s", "").replace("'s", "").split())
    for pattern, name in _PARTY_RE:
        if pattern.match(cleaned):
            return name
    return None


# Offices and roles. A role phrase ends in one of these heads.
ROLE_HEADS = (
    r"secretary|minister|chancellor|leader|mp|peer|spokes(?:man|woman|person)|chair(?:man|woman|person)?"
    r"|president|vice[- ]president|director(?: general)?|chief executive|chief constable|commissioner"
    r"|mayor|councillor|senator|governor|attorney general|solicitor general|speaker|whip|adviser|advisor"
    r"|campaigner|candidate|nominee|ambassador|envoy|judge|inspector|auditor|tsar|czar|officer"
)
_ROLE_MODIFIERS = (
    r"shadow|former|deputy|junior|acting|interim|prime|first|foreign|home|health|justice|defence"
    r"|education|culture|transport|business|environment|energy|treasury|trade|housing|security|policing"
    r"|safeguarding|equalities|immigration|border|cabinet|chief|general|press|official|opposition|party"
    r"|campaign|white house|state|national|local|senior|independent|government|labour|tory|conservative"
    r"|reform|lib dem|liberal democrat|snp|green|democratic|republican|backbench|veteran|metro|regional"
)
_INSTITUTION_NOUNS = r"inquiry|commission|committee|council|review|party|agency|trust|board|office|department"
# Case matters outside the word lists: "of the Telford inquiry" continues a
# role, "of the report" does not.
ROLE_PHRASE = (
    # A portfolio in capitals before its office, as British papers write it: "the Water Minister", "the
    # Schools Minister", "the Armed Forces Minister" (the modifiers above are the common ones, in any case).
    r"(?:(?:[A-Z][a-z]+\s+){1,2}(?:Minister|Secretary)\b(?!\s+(?:of|for)\b)|"
    rf"(?:(?i:{_ROLE_MODIFIERS})\s+){{0,3}}(?i:{ROLE_HEADS})\b"
    rf"(?:\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w'’-]*(?:[ -](?:[A-Z][\w'’-]*|and|upon|on|super|under))*"
    rf"(?:\s+(?i:{_INSTITUTION_NOUNS}))?)?)"
)

# Named offices that one person holds at a time: "the Home Secretary" can be
# resolved to whoever holds it. Keys are normalised role names.
SINGLE_HOLDER_OFFICES = re.compile(
    r"^(?:(?:shadow )?(?:home|foreign|health|justice|defence|education|culture|transport|business|environment"
    r"|energy|work and pensions|northern ireland|scottish|welsh|chief) secretary|chancellor(?: of the exchequer)?"
    r"|prime minister|deputy prime minister|first minister|leader of the opposition|opposition leader"
    r"|(?:conservative|labour|liberal democrat|reform uk|snp|green) leader|attorney general|president"
    r"|vice president|speaker"
    # Any other portfolio: "water minister" (also written "Minister for Water"), "housing secretary"; not
    # the titles many hold at once ("a junior minister", "permanent secretary", "general secretary").
    r"|(?:shadow )?(?!(?:cabinet|junior|senior|former|government|deputy|assistant|under|permanent|private"
    r"|general|parliamentary|press|party|another|other|foreign|tory|labour|conservative)\b)"
    r"[a-z][a-z'-]*(?: (?:and )?[a-z][a-z'-]*)? (?:minister|secretary))$"
)
# "Minister for Water", "Minister of State for Housing", "Secretary of State for Health": the portfolio first.
_PORTFOLIO_AFTER = re.compile(r"^(shadow )?(?:(minister)(?: of state)?|(secretary) of state) for (?:the )?(.+)$")
_ROLE_SYNONYMS = {
    "pm": "prime minister",
    "opposition leader": "leader of the opposition",
    "tory leader": "conservative leader",
    "lib dem leader": "liberal democrat leader",
    "reform leader": "reform uk leader",
    "chancellor of the exchequer": "chancellor",
}


def role_key(role: str) -> str:
    """A comparable form of a role: lower case, single spaces, synonyms merged."""
    key = " ".join(role.lower().replace("’", "'").split())
    key = re.sub(r"^(?:the|a|an)\s+", "", key)
    key = key.replace("tory ", "conservative ")
    after = _PORTFOLIO_AFTER.match(key)
    if after:
        key = f"{after.group(1) or ''}{after.group(4)} {after.group(2) or after.group(3)}"
    return _ROLE_SYNONYMS.get(key, key)


def is_single_holder(role: str) -> bool:
    return bool(SINGLE_HOLDER_OFFICES.match(role_key(role)))


# Words that never form part of a person's name, whatever NER says ("Will
# Labour …" at the start of a headline is not a man called Will Labour).
# Words of company and charity names NER takes for people's ("Network Rail", "Thames Water").
COMPANY_NAME_WORDS = frozenset(
    "rail railway railways water airways airlines network trust foundation institute plc ltd limited holdings".split())
NOT_NAMES = {
    "labour", "tory", "tories", "conservative", "conservatives", "reform", "government", "commons", "house",
    "home", "office", "secretary", "minister", "council", "inquiry", "mps", "mp", "parliament", "police",
    "no10", "downing", "whitehall", "party", "committee", "department", "ministry", "agency", "court",
    "bill", "act", "report", "review", "audit", "commission", "university", "county", "city", "street",
    "news", "times", "journal", "telegraph", "guardian", "post", "argus", "herald", "speaker", "chair",
    *COMPANY_NAME_WORDS,
    # Words of American titles before a name ("Senate Majority Leader John Doe").
    "leader", "majority", "minority",
}
MODALS = {"will", "may", "can", "should", "would", "could", "must", "might", "shall", "did", "does", "has"}


# Verbs that introduce speech or writing, inflected (no lemmatizer needed).
SPEECH_VERBS = frozenset(
    """
    say says said saying tell tells told telling add adds added adding warn warns warned warning claim
    claims claimed claiming insist insists insisted insisting argue argues argued arguing announce announces
    announced announcing confirm confirms confirmed confirming state states stated explain explains
    explained explaining note notes noted noting continue continues continued continuing write writes wrote
    written writing ask asks asked asking reply replies replied replying respond responds responded
    responding comment comments commented declare declares declared admit admits admitted admitting accept
    accepts accepted pledge pledges pledged pledging promise promises promised promising vow vows vowed
    vowing suggest suggests suggested suggesting acknowledge acknowledged complain complains complained
    complaining accuse accuses accused accusing describe describes described describing call calls called
    calling stress stresses stressed urge urges urged urging tweet tweets tweeted tweeting post posted blast
    blasts blasted slam slams slammed reveal reveals revealed revealing concede concedes conceded agree
    agrees agreed thank thanks thanked recall recalls recalled predict predicted predicts boast boasted
    boasts joke joked quip quipped shout shouted yell yelled insist maintain maintains maintained dismiss
    dismissed dismisses deny denies denied denying praise praised criticise criticised criticize criticized
    condemn condemned demand demanded demands mock mocked brand branded label labelled labeled hail hailed
    welcome welcomed apologise apologised apologized tout touted repeat repeated reiterate reiterated
    emphasise emphasised emphasize emphasized announce remark remarked remarks observe observed recount
    recounted assert asserted asserts testify testified inform informed assure assured assures reply told
    refer refers referred referring report reports reported reporting exclaim exclaims exclaimed conclude
    concludes concluded concluding confess confesses confessed echo echoes echoed retort retorted answer
    answers answered counter countered plead pleaded pled scoff scoffed muse mused wonder wondered whisper
    whispered lament lamented cry cried chant chanted gush gushed recount recalled caution cautioned charge
    charged contend contends contended opine opined quote quoted quotes observe observes point points
    pointed boom boomed
    """.split()
)
