"""A commitment's status as of a date, from its deadline and the evidence known by then.

Pure: the same commitment, evidence and date always give the same answer, so
the ledger can be replayed as of any day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# A deadline this close makes a commitment "due".
DUE_WITHIN_DAYS = 30
STATUSES = ("open", "due", "overdue", "delivered", "partly delivered", "dropped")


@dataclass(frozen=True, slots=True)
class Evidence:
    """One passage bearing on a commitment."""

    document_id: int
    start: int
    end: int
    stance: str
    date: date | None


def status_as_of(deadline_end: date | None, deadline_text: str | None, evidence: list[Evidence],
                 as_of: date) -> tuple[str, str]:
    """(status, reason) for a commitment on ``as_of``; evidence dated after it is not yet known."""
    known = sorted((e for e in evidence if e.date is None or e.date <= as_of), key=lambda e: (e.date or as_of))
    decisive = [e for e in known if e.stance in ("delivered", "dropped", "partly delivered")]
    if decisive:
        last = decisive[-1]
        when = last.date.isoformat() if last.date else "an undated report"
        status = last.stance
        reason = f"{status}: document {last.document_id} ({when}) reports it"
        if status == "delivered" and deadline_end and last.date and last.date > deadline_end:
            reason += f", {(last.date - deadline_end).days} days after the deadline ({deadline_end.isoformat()})"
        return status, reason
    notes = [f"{e.stance} per document {e.document_id} ({e.date.isoformat() if e.date else 'undated'})"
             for e in known if e.stance in ("delayed", "progress", "contradicted")]
    suffix = ("; " + "; ".join(notes)) if notes else ""
    if deadline_end is None:
        return "open", "no deadline stated and no report of delivery" + suffix
    words = f"'{deadline_text}'" if deadline_text else "the deadline"
    if as_of > deadline_end:
        return "overdue", f"deadline {deadline_end.isoformat()} ({words}) passed with no report of delivery" + suffix
    if (deadline_end - as_of).days <= DUE_WITHIN_DAYS:
        return "due", f"deadline {deadline_end.isoformat()} ({words}) is within {DUE_WITHIN_DAYS} days" + suffix
    return "open", f"deadline {deadline_end.isoformat()} ({words}) not yet reached" + suffix
