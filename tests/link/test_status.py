"""Status as of a date: from the deadline in force and the dated evidence known by then."""

from __future__ import annotations

from datetime import date

from followthrough.link.status import Deadline, Evidence, deadline_in_force, status_as_of

MAY_31 = [Deadline(date(2026, 1, 10), date(2026, 5, 31), "the end of May")]


def test_open_due_overdue_by_the_calendar() -> None:
    assert status_as_of(MAY_31, [], date(2026, 3, 1))[0] == "open"
    assert status_as_of(MAY_31, [], date(2026, 5, 15))[0] == "due"
    status, reason = status_as_of(MAY_31, [], date(2026, 6, 1))
    assert status == "overdue" and "2026-05-31" in reason and "the end of May" in reason


def test_evidence_only_counts_once_it_exists_and_late_delivery_says_so() -> None:
    delivered = [Evidence(4, 10, 50, "delivered", date(2026, 6, 2))]
    assert status_as_of(MAY_31, delivered, date(2026, 6, 1))[0] == "overdue"
    status, reason = status_as_of(MAY_31, delivered, date(2026, 6, 3))
    assert status == "delivered late" and "2 days after the deadline" in reason
    on_time = [Evidence(4, 10, 50, "delivered", date(2026, 5, 20))]
    assert status_as_of(MAY_31, on_time, date(2026, 9, 1))[0] == "delivered"


def test_the_latest_decisive_report_wins() -> None:
    reports = [Evidence(2, 0, 1, "delivered", date(2026, 2, 1)), Evidence(3, 0, 1, "dropped", date(2026, 3, 1))]
    assert status_as_of([], reports, date(2026, 4, 1))[0] == "dropped"
    assert status_as_of([], reports, date(2026, 2, 15))[0] == "delivered"


def test_reports_that_disagree_on_one_day_are_unclear() -> None:
    reports = [Evidence(2, 0, 1, "delivered", date(2026, 2, 1)), Evidence(3, 0, 1, "dropped", date(2026, 2, 1))]
    assert status_as_of([], reports, date(2026, 4, 1))[0] == "unclear"


def test_trouble_before_the_deadline_puts_it_at_risk() -> None:
    delayed = [Evidence(5, 0, 1, "delayed", date(2026, 3, 1))]
    status, reason = status_as_of(MAY_31, delayed, date(2026, 4, 1))
    assert status == "at risk" and "delayed per document 5" in reason
    assert status_as_of(MAY_31, delayed, date(2026, 6, 2))[0] == "overdue"
    worse_figure = [Evidence(6, 0, 1, "contradicted", date(2026, 3, 1))]
    assert status_as_of(MAY_31, worse_figure, date(2026, 4, 1))[0] == "at risk"


def test_an_undated_page_decides_nothing() -> None:
    undated = [Evidence(7, 0, 1, "delivered", None)]
    assert status_as_of(MAY_31, undated, date(2026, 9, 1))[0] == "overdue"


def test_no_deadline_is_open_and_says_so() -> None:
    status, reason = status_as_of([], [Evidence(5, 0, 1, "progress", date(2026, 1, 1))], date(2026, 2, 1))
    assert status == "open" and "no deadline" in reason and "progress per document 5" in reason


def test_a_revised_deadline_applies_from_the_day_it_was_given() -> None:
    revised = [*MAY_31, Deadline(date(2026, 5, 20), date(2026, 12, 31), "by the end of the year")]
    assert deadline_in_force(revised, date(2026, 5, 1)) == MAY_31[0]
    assert status_as_of(revised, [], date(2026, 5, 10))[0] == "due"  # the old deadline, not yet revised
    assert status_as_of(revised, [], date(2026, 6, 15))[0] == "open"  # the new one is in force


def test_a_conditional_deadline_without_a_date_stays_open_and_says_why() -> None:
    conditional = [Deadline(date(2026, 1, 10), None, "within 100 days", "a new government takes office")]
    status, reason = status_as_of(conditional, [], date(2026, 6, 1))
    assert status == "open" and "once a new government takes office" in reason


def test_an_unsure_stance_defers_to_the_cue_only_in_the_same_direction() -> None:
    from followthrough.link.ledger import _same_direction

    assert _same_direction("progress", "delivered")  # "has returned": the cue's delivered
    assert _same_direction("delayed", "dropped")
    assert not _same_direction("progress", "dropped")  # a "U-turn" on another promise is no drop of this one
