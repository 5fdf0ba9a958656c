"""A commitment's status as of a date, from its deadlines and the evidence known by then.

Pure: the same commitment, evidence and date always give the same answer, so
the ledger can be replayed as of any day. The vocabulary is the trackers':

- ``open``: made; its deadline (if any) not yet near; nothing decisive reported.
- ``due``: the deadline falls within ``DUE_WITHIN_DAYS``.
- ``overdue``: the deadline has passed with no report of delivery.
- ``delivered`` / ``delivered late``: reported done, on time / after the deadline.
- ``partly delivered``: part of it reported done.
- ``at risk``: delay, trouble or a contradicting figure reported before the deadline.
- ``dropped``: reported abandoned, scrapped or replaced.
- ``unclear``: the latest reports disagree (one says delivered, another dropped, the same day).

Only dated evidence counts: a page with no date can bear on a commitment, but it
cannot say whether it came before or after the deadline, so it decides nothing.
The deadline in force on a day is the one most recently given by then: a revision
("now due by the end of the year") replaces the earlier deadline from the day it
was said, and the status before that day is judged against the old one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

# A deadline this close makes a commitment "due".
DUE_WITHIN_DAYS = 30
Status = Literal["open", "due", "overdue", "delivered", "delivered late", "partly delivered", "at risk", "dropped",
                 "unclear"]
STATUSES: tuple[Status, ...] = ("open", "due", "overdue", "delivered", "delivered late", "partly delivered",
                                "at risk", "dropped", "unclear")
Stance = Literal["delivered", "partly delivered", "progress", "delayed", "at risk", "dropped", "contradicted"]
_DECISIVE = ("delivered", "partly delivered", "dropped")
_TROUBLE = ("delayed", "at risk", "contradicted")


@dataclass(frozen=True, slots=True)
class Evidence:
    """One passage bearing on a commitment."""

    document_id: int
    start: int
    end: int
    stance: str
    date: date | None


@dataclass(frozen=True, slots=True)
class Deadline:
    """A deadline as given on a day: the original, or a later revision."""

    said_on: date | None
    end: date | None  # None while its condition has no date ("after the election")
    text: str | None
    condition: str | None = None


def deadline_in_force(deadlines: list[Deadline], as_of: date) -> Deadline | None:
    """The deadline most recently given on or before ``as_of`` (the first one if none is dated yet)."""
    given = [d for d in deadlines if d.said_on is None or d.said_on <= as_of]
    if not given:
        return None
    return max(given, key=lambda d: d.said_on or date.min)


def status_as_of(deadlines: list[Deadline], evidence: list[Evidence], as_of: date) -> tuple[Status, str]:
    """(status, reason) for a commitment on ``as_of``; evidence dated after it is not yet known."""
    known = sorted((e for e in evidence if e.date is not None and e.date <= as_of), key=lambda e: e.date or as_of)
    deadline = deadline_in_force(deadlines, as_of)
    end = deadline.end if deadline else None
    words = f"'{deadline.text}'" if deadline and deadline.text else "the deadline"
    decisive = [e for e in known if e.stance in _DECISIVE]
    if decisive:
        last = decisive[-1]
        day = last.date or as_of
        rivals = {e.stance for e in decisive if e.date == day}
        if "delivered" in rivals and "dropped" in rivals:
            return "unclear", f"documents of {day.isoformat()} disagree: delivered and dropped"
        where = f"document {last.document_id} ({day.isoformat()})"
        if last.stance == "dropped":
            return "dropped", f"dropped: {where} reports it"
        if last.stance == "partly delivered":
            return "partly delivered", f"partly delivered: {where} reports it"
        if end is not None and day > end:
            return "delivered late", (f"delivered: {where} reports it, {(day - end).days} days after the deadline "
                                      f"{end.isoformat()} ({words})")
        return "delivered", f"delivered: {where} reports it"
    trouble = [e for e in known if e.stance in _TROUBLE]
    notes = "; ".join(f"{e.stance} per document {e.document_id} ({e.date.isoformat() if e.date else ''})"
                      for e in known if e.stance not in _DECISIVE)
    suffix = f"; {notes}" if notes else ""
    if end is None:
        if deadline is not None and deadline.condition:
            reason = f"due {words} once {deadline.condition}, which has no date yet"
        else:
            reason = "no deadline stated"
        if trouble:
            return "at risk", f"{reason}{suffix}"
        return "open", f"{reason} and no report of delivery{suffix}"
    if as_of > end:
        return "overdue", f"deadline {end.isoformat()} ({words}) passed with no report of delivery{suffix}"
    if trouble:
        return "at risk", f"deadline {end.isoformat()} ({words}) not yet reached{suffix}"
    if (end - as_of).days <= DUE_WITHIN_DAYS:
        return "due", f"deadline {end.isoformat()} ({words}) is within {DUE_WITHIN_DAYS} days{suffix}"
    return "open", f"deadline {end.isoformat()} ({words}) not yet reached{suffix}"
