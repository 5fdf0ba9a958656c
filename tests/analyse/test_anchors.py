"""The table of public events that conditional deadlines count from."""

from __future__ import annotations

from datetime import date

import pytest

from followthrough.analyse import anchors


@pytest.mark.parametrize(
    ("said", "party", "took_office"),
    [
        (date(2022, 9, 27), "Labour", date(2024, 7, 5)),
        (date(2024, 6, 13), "Labour", date(2024, 7, 5)),  # during the campaign
        (date(2019, 11, 20), "Conservative", date(2019, 12, 13)),
        (date(2017, 5, 18), "Conservative", date(2017, 6, 9)),  # the same government carrying on
        (date(2010, 4, 15), "Liberal Democrat", date(2010, 5, 11)),  # in the coalition
    ],
)
def test_a_party_government_is_the_one_the_next_election_made(said: date, party: str, took_office: date) -> None:
    government = anchors.next_government(said, "UK", party=party)
    assert government is not None and government.took_office == took_office


def test_a_condition_the_next_election_did_not_meet_has_no_date() -> None:
    assert anchors.next_government(date(2016, 9, 1), "UK", party="Labour") is None  # 2017 returned May
    assert anchors.next_government(date(2024, 6, 13), "UK", party="Green") is None


def test_an_election_not_yet_in_the_table_has_no_date() -> None:
    assert anchors.next_government(date(2025, 3, 1), "UK") is None
    assert anchors.next_election(date(2025, 3, 1), "UK") is None
    assert anchors.next_government(date(2025, 3, 1), "US") is None


def test_a_new_government_is_not_the_same_one_carrying_on() -> None:
    assert anchors.next_government(date(2017, 5, 1), "UK", new=True) is None
    government = anchors.next_government(date(2019, 11, 1), "UK", new=True)
    assert government is not None and government.took_office == date(2019, 12, 13)


@pytest.mark.parametrize(
    ("said", "leader", "took_office"),
    [
        (date(2016, 8, 1), "Trump", date(2017, 1, 20)),
        (date(2020, 8, 1), "Biden", date(2021, 1, 20)),
        (date(2023, 6, 1), "Trump", date(2025, 1, 20)),  # a second term
    ],
)
def test_presidents_take_office_at_the_inauguration(said: date, leader: str, took_office: date) -> None:
    government = anchors.next_government(said, "US", leader=leader)
    assert government is not None and government.took_office == took_office


def test_a_losing_candidates_condition_is_not_met() -> None:
    assert anchors.next_government(date(2016, 8, 1), "US", party="Democratic") is None


@pytest.mark.parametrize(
    ("on", "leader"),
    [(date(2016, 7, 12), "David Cameron"), (date(2016, 7, 13), "Theresa May"), (date(2019, 7, 24), "Boris Johnson"),
     (date(2022, 9, 6), "Liz Truss"), (date(2022, 10, 25), "Rishi Sunak"), (date(2024, 7, 5), "Keir Starmer")],
)
def test_the_government_in_office_on_a_day(on: date, leader: str) -> None:
    government = anchors.current_government(on, "UK")
    assert government is not None and government.leader == leader


@pytest.mark.parametrize(
    ("on", "last_day"),
    [
        (date(2012, 1, 1), date(2015, 3, 29)),
        (date(2016, 1, 1), date(2017, 5, 2)),
        (date(2018, 1, 1), date(2019, 11, 5)),
        (date(2020, 3, 1), date(2024, 5, 29)),  # called early, though the law then allowed December 2024
        (date(2025, 1, 16), date(2029, 7, 8)),  # the Dissolution and Calling of Parliament Act's fifth anniversary
    ],
)
def test_a_parliament_ends_on_its_last_day(on: date, last_day: date) -> None:
    sitting = anchors.parliament_sitting(on)
    assert sitting is not None and sitting.last_day == last_day


def test_no_parliament_sits_between_dissolution_and_the_election() -> None:
    assert anchors.parliament_sitting(date(2024, 6, 13)) is None
    assert anchors.parliament_sitting(date(2024, 7, 4)) is not None  # elected that day


def test_the_first_meetings_of_each_parliament() -> None:
    assert [p.first_met for p in anchors.PARLIAMENTS] == [
        date(2010, 5, 18), date(2015, 5, 18), date(2017, 6, 13), date(2019, 12, 17), date(2024, 7, 9)]


def test_a_dissolution_under_the_2022_act_is_on_the_fifth_anniversary_of_the_first_meeting() -> None:
    sitting = anchors.PARLIAMENTS[-1]
    assert sitting.latest_dissolution == sitting.first_met.replace(year=sitting.first_met.year + 5)


def test_the_latest_next_election() -> None:
    assert anchors.latest_next_election(date(2023, 1, 10)) == date(2024, 7, 4)  # known: it happened
    assert anchors.latest_next_election(date(2025, 3, 1)) == date(2029, 8, 15)  # the law's latest


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("The Chancellor told MPs in the Commons that Labour would cap fees.", "UK"),
        ("The President told Congress the administration would cap fees.", "US"),
        ("The Liberal Democrats said fees would be capped.", "UK"),
        ("Fees will be capped.", None),
    ],
)
def test_which_countrys_politics_a_text_is_about(text: str, country: str | None) -> None:
    assert anchors.country_of(text) == country


def test_party_words() -> None:
    assert anchors.party_of("Tory") == "Conservative"
    assert anchors.party_of("Lib Dem") == "Liberal Democrat"
    assert anchors.party_of("Whig") is None
