"""Bytes to text: UTF-8 first, legacy Windows-1252 when the bytes say so, and a
clear refusal for binary files and broken UTF-8.

Why not a general charset detector: on short news texts detectors happily read
corrupt UTF-8 as some other single-byte encoding. The two encodings English
news files really come in are UTF-8 and Windows-1252 (Word, old CMSs), and the
difference can be told from the bytes with a few checks that fail loudly.
"""

from __future__ import annotations

import codecs
import re

from ..errors import InputError

# Magic numbers of formats people point a text tool at by mistake.
_MAGIC = (
    (b"%PDF-", "a PDF file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or Office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
# Bytes Windows-1252 leaves undefined: their presence rules that encoding out.
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")
# A lead byte with the continuation bytes UTF-8 requires: evidence the file
# was meant as UTF-8, so a failure elsewhere is corruption, not cp1252.
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
# C0 and C1 control characters other than tab, newline, carriage return, form feed.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
# Fewer control characters than this never make a text binary, however short it is.
MIN_BINARY_CONTROLS = 16
_CHARSET_DECLARATION = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first few kilobytes, if any."""
    match = _CHARSET_DECLARATION.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "replace").lower()
    try:
        codec = codecs.lookup(name)
    except LookupError:
        return None
    # base64, rot13, zlib and the like are codecs too, but not text encodings.
    return codec.name if getattr(codec, "_is_text_encoding", True) else None


def decode(data: bytes, source: str, declared: str | None = None, max_control_ratio: float = 0.01) -> str:
    """Decode an input's bytes to text or raise ``InputError`` saying why not.

    Order: byte-order marks; binary detection; strict UTF-8; an HTML page's
    declared charset; Windows-1252 when no UTF-8 sequence appears and the
    result reads as text.
    """
    if not data.strip():
        raise InputError(source, "empty file" if data == b"" else "file holds only whitespace")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(source, f"binary file ({what}), not text")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return _checked(data.decode("utf-16"), source, max_control_ratio)
        except UnicodeDecodeError as exc:
            raise InputError(source, f"invalid UTF-16 at byte {exc.start}") from exc
    if b"\x00" in data[:8192]:  # outside UTF-16, text never holds a NUL byte
        raise InputError(source, "binary file (contains NUL bytes), not text")
    if data.startswith(codecs.BOM_UTF8):
        try:
            return _checked(data[3:].decode("utf-8"), source, max_control_ratio)
        except UnicodeDecodeError as exc:
            raise InputError(source, f"invalid UTF-8 at byte {exc.start + 3}") from exc
    try:
        return _checked(data.decode("utf-8"), source, max_control_ratio)
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if declared and declared not in ("utf-8", "utf_8"):
        try:
            return _checked(data.decode(declared), source, max_control_ratio)
        except UnicodeDecodeError as exc:
            raise InputError(source, f"not valid {declared} as the page declares (byte {exc.start})") from exc
    if _UTF8_MULTIBYTE.search(data) is None and not _CP1252_UNDEFINED.intersection(data):
        text = data.decode("cp1252")
        if _reads_as_cp1252(text):
            return _checked(text, source, max_control_ratio)
    raise InputError(
        source,
        f"invalid UTF-8 at byte {utf8_error.start} (and not readable as Windows-1252 text)",
    )


def _reads_as_cp1252(text: str) -> bool:
    """Accented letters must sit inside words that also have plain letters.

    Windows-1252 English text uses its high bytes for curly quotes, dashes, the
    pound sign and letters inside words ("café", "naïve"). Corrupt UTF-8 read
    as Windows-1252 gives stray letters next to punctuation or digits ("Ã(").
    """
    for word in re.finditer(r"\w*[^\x00-\x7f]\w*", text):
        chars = word.group()
        letters = [c for c in chars if not c.isascii() and c.isalpha()]
        if letters and not any(c.isascii() and c.isalpha() for c in chars):
            return False
    return True


def _checked(text: str, source: str, max_control_ratio: float) -> str:
    if not text.strip():
        raise InputError(source, "file holds only whitespace")
    controls = len(_CONTROL.findall(text))
    # A few stray escapes or bells are hostile text, cleaned later; many are a binary file.
    if controls > max(MIN_BINARY_CONTROLS, len(text) * max_control_ratio):
        raise InputError(source, "binary file (control characters), not text")
    return text
