"""Decoding: UTF-8, Windows-1252, and clear refusals for what is not text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followthrough.errors import InputError
from followthrough.extract.decode import declared_charset, decode


def test_utf8_with_curly_quotes_and_pound_sign() -> None:
    assert decode("‘Rapid audit’ costs £2m".encode(), "a.txt") == "‘Rapid audit’ costs £2m"


def test_utf8_byte_order_mark_is_dropped() -> None:
    assert decode(b"\xef\xbb\xbfHello there", "a.txt") == "Hello there"


def test_utf16_with_byte_order_mark() -> None:
    assert decode("Minister’s pledge".encode("utf-16"), "a.txt") == "Minister’s pledge"


def test_windows_1252_is_read_correctly() -> None:
    data = "The minister’s ‘review’ will cost £3m – café owners agree…".encode("cp1252")
    assert decode(data, "old.txt") == "The minister’s ‘review’ will cost £3m – café owners agree…"


@pytest.mark.parametrize(
    "data",
    [
        b"The report said \xc3\x28 was wrong",  # lead byte without its continuation
        "caf\u00e9 and ".encode() + b"\xe9t\xe9",  # UTF-8 mixed with Latin-1
        b"Results: \xff\xfe\xfd\xfc",  # no reading makes these letters
    ],
)
def test_invalid_utf8_is_refused_with_the_byte(data: bytes) -> None:
    with pytest.raises(InputError, match=r"invalid UTF-8 at byte \d+"):
        decode(data, "broken.txt")


def test_empty_file() -> None:
    with pytest.raises(InputError, match="empty file"):
        decode(b"", "empty.txt")


def test_whitespace_only_file() -> None:
    with pytest.raises(InputError, match="only whitespace"):
        decode(b"  \n\n\t ", "blank.txt")


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3 rest", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
        (b"abc\x00def\x00ghi", "NUL"),
        (bytes(range(1, 32)) * 10, "control characters"),
    ],
)
def test_binary_files_are_refused(data: bytes, what: str) -> None:
    with pytest.raises(InputError, match=f"binary file.*{what}"):
        decode(data, "thing.txt")


def test_declared_charset_is_followed() -> None:
    page = '<html><head><meta charset="iso-8859-1"></head><body>Caf\xe9</body></html>'.encode("latin-1")
    assert declared_charset(page) == "iso8859-1"
    assert "Café" in decode(page, "page.html", declared_charset(page))


def test_the_message_names_the_input() -> None:
    with pytest.raises(InputError) as caught:
        decode(b"", "inbox/empty.txt")
    assert str(caught.value) == "inbox/empty.txt: empty file"


@given(st.binary(max_size=400))
def test_any_bytes_give_text_or_an_input_error(data: bytes) -> None:
    try:
        text = decode(data, "fuzz.txt")
    except InputError as exc:
        assert exc.source == "fuzz.txt" and exc.reason
    else:
        assert isinstance(text, str) and text.strip()


@given(st.text(min_size=1, max_size=200).filter(lambda s: s.strip() and "\x00" not in s))
def test_utf8_text_round_trips(text: str) -> None:
    try:
        assert decode(text.encode("utf-8"), "t.txt") == text.lstrip("\ufeff")
    except InputError as exc:  # only a text full of control characters may be refused
        assert "control characters" in exc.reason
