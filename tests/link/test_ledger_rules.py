"""The ledger's merge rules that need no database: whose promise, and which figures it names."""

from __future__ import annotations

from datetime import date

from followthrough.link.ledger import _bodies_agree, _figures


def test_figures_leave_out_dates_and_durations() -> None:
    assert _figures("The first flight will leave in 10 to 12 weeks") == set()
    assert _figures("On 21 May 2024 she announced payments of £210,000") == {"210000"}
    assert _figures("Published 2020-02-11: a minister will be appointed") == set()
    assert _figures("May 21: relief of $10,000 within 100 days") == {"10000"}
    assert _figures("cut emissions by 68 per cent by 2030 and create 1,000 jobs") == {"68%", "1000"}


def test_a_party_is_the_government_it_formed_not_the_one_it_opposed() -> None:
    # A pledge made in opposition in 2023, restated by "the Government" once the party is in office.
    assert _bodies_agree("the Labour Party", date(2023, 9, 20), "the Government", date(2025, 1, 10))
    # The same words from the government of the day when the party was in opposition are another promise.
    assert not _bodies_agree("Labour", date(2023, 9, 20), "the Government", date(2020, 11, 18))
    # When the government spoke is unknown, so is whose government it was.
    assert not _bodies_agree("Department for Transport", None, "Labour", date(2025, 4, 1))


def test_names_of_one_party_or_one_government_agree() -> None:
    assert _bodies_agree("Labour", None, "the Labour Party", None)
    assert _bodies_agree("the Home Office", None, "the Government", None)
    assert not _bodies_agree("Labour", None, "the Conservatives", None)
    assert not _bodies_agree("Network Rail", None, "the Government", None)
