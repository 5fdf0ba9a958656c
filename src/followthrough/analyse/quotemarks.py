"""Find quoted passages from their quotation marks, British and American style.

The hard part is the single mark: in British copy ``'`` and ``’`` open and close
quotes *and* serve as apostrophes ("He's", "Labour’s", "voters’"). A mark is
read from its neighbours: between two letters it is an apostrophe; after a
space or an opening bracket it can open; before a space or punctuation it can
close. Two newspaper conventions matter as well:

- a quote that runs over several paragraphs reopens the mark at each new
  paragraph without closing the previous one, so an opening mark of the same
  kind right after a sentence end continues the open quote (also when the
  paragraphs have been flattened onto one line);
- a quote inside a quote uses the other mark, or the same mark mid-sentence
  (``'Flawed data … 'Asian grooming gangs' as untrue,' she said``): that nests.
"""

from __future__ import annotations

from dataclasses import dataclass, field

DOUBLE_OPEN, DOUBLE_CLOSE, DOUBLE_EITHER = "“„", "”", '"'
SINGLE_OPEN, SINGLE_CLOSE, SINGLE_EITHER = "‘‚", "’", "'"
MARKS = DOUBLE_OPEN + DOUBLE_CLOSE + DOUBLE_EITHER + SINGLE_OPEN + SINGLE_CLOSE + SINGLE_EITHER
_OPENERS_BEFORE = "([{—–-/\n" + DOUBLE_OPEN + SINGLE_OPEN + DOUBLE_EITHER + SINGLE_EITHER
_SENTENCE_END = ".?!…"


@dataclass(slots=True)
class QuoteSpan:
    """A top-level quoted passage: ``start``/``end`` include the marks.

    ``pieces`` are the (start, end) stretches between reopenings, for a quote
    that runs over several paragraphs; ``closed`` is False when the text ended
    (or the paragraph did) before the closing mark.
    """

    start: int
    end: int
    kind: str  # "single" or "double"
    pieces: list[tuple[int, int]] = field(default_factory=list)
    closed: bool = True

    def inner(self, text: str) -> str:
        """The quoted words without the outer marks."""
        inner = text[self.start + 1 : self.end - (1 if self.closed else 0)]
        return inner.strip()


def _kind(mark: str) -> str:
    return "double" if mark in DOUBLE_OPEN + DOUBLE_CLOSE + DOUBLE_EITHER else "single"


def _roles(text: str, i: int) -> tuple[bool, bool]:
    """Whether the mark at ``i`` can open and whether it can close a quote."""
    mark = text[i]
    before = text[i - 1] if i > 0 else "\n"
    after = text[i + 1] if i + 1 < len(text) else "\n"
    if mark in DOUBLE_OPEN + SINGLE_OPEN:
        return True, False
    if mark == DOUBLE_CLOSE:
        return False, True
    if mark in (SINGLE_CLOSE, SINGLE_EITHER) and before.isalnum() and after.isalpha():
        return False, False  # an apostrophe inside a word
    can_open = (before.isspace() or before in _OPENERS_BEFORE) and not after.isspace()
    can_close = not before.isspace() and (after.isspace() or not after.isalnum())
    if mark == SINGLE_CLOSE:
        return False, can_close
    return can_open, can_close


def _previous_visible(text: str, i: int) -> str:
    j = i - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    return text[j] if j >= 0 else "\n"


def _looks_possessive(text: str, i: int) -> bool:
    """``voters’ concerns``: a word-final mark after "s" followed by a lower-case word."""
    return (
        i > 0 and text[i - 1] in "sS"
        and i + 2 < len(text) and text[i + 1] == " " and text[i + 2].islower()
    )


def find_quotes(text: str) -> list[QuoteSpan]:
    """Top-level quoted passages of ``text`` in order; nested quotes stay inside them."""
    marks = [i for i, c in enumerate(text) if c in MARKS]
    quotes: list[QuoteSpan] = []
    # Stack of open quotes: (kind, start offset, start of current piece).
    stack: list[tuple[str, int, int]] = []
    pieces: list[tuple[int, int]] = []

    def close_outer(end: int, closed: bool) -> None:
        kind, start, piece_start = stack[0]
        pieces.append((piece_start, end))
        quotes.append(QuoteSpan(start, end, kind, list(pieces), closed))
        stack.clear()
        pieces.clear()

    for n, i in enumerate(marks):
        kind = _kind(text[i])
        can_open, can_close = _roles(text, i)
        # A paragraph break ends every quote unless the new paragraph reopens it.
        if stack:
            newline = text.rfind("\n", stack[-1][2], i)
            if newline != -1:
                if can_open and kind == stack[0][0] and text[newline:i].strip() == "":
                    pieces.append((stack[0][2], newline))
                    stack[:] = [(kind, stack[0][1], i)]
                    continue
                close_outer(newline, closed=False)
        if stack and can_close and stack[-1][0] == kind:
            if _looks_possessive(text, i) and _later_closers(text, marks[n + 1 :], i, kind) >= len(stack):
                continue  # "the voters' concerns": the quotes still open close later
            if len(stack) == 1:
                close_outer(i + 1, closed=True)
            else:
                stack.pop()
        elif can_open:
            if len(stack) == 1 and kind == stack[0][0] and _previous_visible(text, i) in _SENTENCE_END:
                # The same mark reopening after a sentence end: the quote goes on.
                pieces.append((stack[0][2], i))
                stack[0] = (kind, stack[0][1], i)
            else:
                stack.append((kind, i, i))
    if stack:
        end = text.find("\n", stack[0][2])
        close_outer(len(text) if end == -1 else end, closed=False)
    return quotes


def _later_closers(text: str, later: list[int], i: int, kind: str) -> int:
    """How many later marks of ``kind`` could close, before the next one that can only open."""
    paragraph_end = text.find("\n", i)
    count = 0
    for j in later:
        if paragraph_end != -1 and j > paragraph_end:
            break
        if _kind(text[j]) != kind:
            continue
        can_open, can_close = _roles(text, j)
        if can_close:
            count += 1
        elif can_open:
            break
    return count
