"""The content words that let a later passage be matched to a commitment.

One crude stem per word ("published", "publishes", "publication" → "publish")
so that "will publish the register" meets "the register has been published"
without a lemmatizer.
"""

from __future__ import annotations

import re

STOPWORDS = frozenset(
    """a an the and or but of to in on at by for with from into onto over under about as is are was were be been
    being have has had do does did will would shall should can could may might must not no nor so than that this
    these those there their them they it its he she his her him we our us you your i me my who whom which what
    when where why how all any each every some such only also just very more most other another same own both
    either neither one two said says say told tell added according new further year years month months week weeks
    day days time times government minister ministers secretary mr mrs ms dr sir people today yesterday""".split()
)
_SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ied", "ers", "er", "ed", "es", "s")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")


def stem(word: str) -> str:
    """A rough stem: lower case, common English endings removed (never below four letters)."""
    word = word.lower().replace("’", "'").split("'")[0]
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word.rstrip("e") if len(word) > 4 else word


def keywords(text: str) -> set[str]:
    """Stemmed content words of a passage."""
    return {stem(w) for w in _WORD.findall(text) if w.lower() not in STOPWORDS and len(w) > 2}
