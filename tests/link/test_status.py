"""Status as of a date: from the deadline and the evidence known by then."""

from __future__ import annotations

from datetime import date

from followthrough.link.status import Evidence, status_as_of

MAY_31 = date(2026, 5, 31)


def test_open_due_overdue_by_the_calendar() -> None:
    assert status_as_of(MAY_31, "the end of May", [], date(2026, 3, 1))[0] == "open"
    assert status_as_of(MAY_31, "the end of May", [], date(2026, 5, 15))[0] == "due"
    status, reason = status_as_of(MAY_31, "the end of May", [], date(2026, 6, 1))
    assert status == "overdue" and "2026-05-31" in reason and "the end of May" in reason


def test_evidence_only_counts_once_it_exists() -> None:
    delivered = [Evidence(4, 10, 50, "delivered", date(2026, 6, 2))]
    assert status_as_of(MAY_31, None, delivered, date(2026, 6, 1))[0] == "overdue"
    status, reason = status_as_of(MAY_31, None, delivered, date(2026, 6, 3))
    assert status == "delivered" and "2 days after the deadline" in reason


def test_the_latest_decisive_report_wins() -> None:
    reports = [Evidence(2, 0, 1, "delivered", date(2026, 2, 1)), Evidence(3, 0, 1, "dropped", date(2026, 3, 1))]
    assert status_as_of(None, None, reports, date(2026, 4, 1))[0] == "dropped"
    assert status_as_of(None, None, reports, date(2026, 2, 15))[0] == "delivered"


def test_no_deadline_is_open_and_says_so() -> None:
    status, reason = status_as_of(None, None, [Evidence(5, 0, 1, "delayed", date(2026, 1, 1))], date(2026, 2, 1))
    assert status == "open" and "no deadline" in reason and "delayed per document 5" in reason
