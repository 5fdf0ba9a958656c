"""Quotation marks: British single quotes with apostrophes inside, American doubles, nesting."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from followthrough.analyse.quotemarks import find_quotes


def quoted(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text)]


def test_british_single_quotes_with_apostrophes_inside() -> None:
    text = "Mr Hale said: 'He's right, and it's the council's job.' Then he left."
    assert quoted(text) == ["'He's right, and it's the council's job.'"]


def test_curly_quotes_and_a_curly_apostrophe() -> None:
    text = "‘We’ll publish it before Easter,’ the minister said."
    assert quoted(text) == ["‘We’ll publish it before Easter,’"]


def test_american_double_quotes() -> None:
    text = 'The governor said, "We will not raise taxes." Aides agreed. "Never," one added.'
    assert quoted(text) == ['"We will not raise taxes."', '"Never,"']


def test_nested_quote_of_the_same_mark_stays_inside() -> None:
    text = "'Reports called the scheme 'a total failure' last year,' she said."
    assert quoted(text) == ["'Reports called the scheme 'a total failure' last year,'"]


def test_nested_double_inside_single() -> None:
    text = "'They told us \"not now\" every time,' he said."
    assert quoted(text) == ["'They told us \"not now\" every time,'"]


def test_a_quote_reopened_after_each_paragraph_is_one_quote() -> None:
    text = "She said: 'First point.\n'Second point.\n'Third point.'\nAfterwards she left."
    (quote,) = find_quotes(text)
    assert text[quote.start : quote.end] == "'First point.\n'Second point.\n'Third point.'"
    assert len(quote.pieces) == 3


def test_flattened_paragraphs_reopening_after_a_full_stop_continue() -> None:
    text = "He said: 'It was wrong. 'We will put it right.' The hearing ended."
    assert quoted(text) == ["'It was wrong. 'We will put it right.'"]


def test_plural_possessive_inside_a_quote_does_not_close_it() -> None:
    text = "'The residents' concerns are real,' the mayor said."
    assert quoted(text) == ["'The residents' concerns are real,'"]


def test_a_closing_mark_after_s_before_a_verb_closes() -> None:
    text = "He promised that 'the worst offenders' would be named. 'It is time,' he said."
    assert quoted(text) == ["'the worst offenders'", "'It is time,'"]


def test_an_unclosed_quote_ends_with_its_paragraph() -> None:
    text = "She said: 'this never ends\nNext paragraph here."
    (quote,) = find_quotes(text)
    assert not quote.closed and text[quote.start : quote.end] == "'this never ends"


@given(st.text(alphabet="ab .,\n'\"‘’“”", max_size=80))
def test_quotes_are_ordered_disjoint_spans_of_any_text(text: str) -> None:
    end = 0
    for quote in find_quotes(text):
        assert end <= quote.start < quote.end <= len(text)
        end = quote.end
