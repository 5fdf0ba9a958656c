"""Clean extracted text, and the content hash that identifies a document without a URL."""

from __future__ import annotations

import hashlib
import re
import unicodedata

# Invisible characters that CMSs leave behind: zero-width spaces and joiners,
# soft hyphens, byte-order marks. They break search and offsets for nothing.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_HORIZONTAL_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BLANK_LINES = re.compile(r"\n{3,}")
# Control characters other than tab and newline (C0, DEL, C1): terminal escapes, bells, NULs.
# The text is split into lines first, so CR and the other line separators are already gone.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Halves of a UTF-16 surrogate pair on their own ("\ud800" in JSON): not characters at all.
_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_field(value: str | None) -> str | None:
    """A metadata value (title, outlet, author, URL) on one line, without control characters."""
    if value is None:
        return None
    value = _SURROGATE.sub("\ufffd", unicodedata.normalize("NFC", _SURROGATE.sub("\ufffd", value)))
    return " ".join(CONTROL.sub(" ", value).split()) or None


def clean_text(text: str) -> str:
    """Normalise an extracted text: NFC, Unix newlines, single spaces, at most one blank line,
    no control characters and no lone surrogates.

    The cleaned text is what is stored and what every character offset refers to.
    """
    text = unicodedata.normalize("NFC", _SURROGATE.sub("\ufffd", text))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _INVISIBLE.sub("", text)
    text = CONTROL.sub("", text.replace("\f", "\n").replace("\v", "\n"))
    text = _HORIZONTAL_SPACE.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    text = _BLANK_LINES.sub("\n\n", text)
    return text.strip()


def content_hash(text: str) -> str:
    """SHA-256 of the text with case and all whitespace differences removed.

    Two copies of an article that differ only in line breaks or spacing hash alike.
    """
    key = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    return hashlib.sha256(key.encode("utf-8")).hexdigest()
