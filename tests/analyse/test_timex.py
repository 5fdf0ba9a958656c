"""Time expressions resolve against when the words were said, never the clock."""

from __future__ import annotations

from datetime import date

import pytest

from followthrough.analyse import analyse_texts
from followthrough.analyse.timex import Deadline, When, deadline_range, find_deadline, find_timexes, made_on

from ..conftest import Run, json_lines

JAN_16 = date(2025, 1, 16)  # a Thursday
JUNE_16 = date(2025, 6, 16)  # a Monday


def values(text: str, reference: date | When | None) -> list[tuple[str, str, str]]:
    return [(t.text, t.type, t.value) for t in find_timexes(text, reference)]


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("a timetable before Easter", JAN_16, ("Easter", "DATE", "2025-04-20")),
        ("a three-month review", JAN_16, ("three-month", "DURATION", "P3M")),
        ("within three months", JAN_16, ("three months", "DURATION", "P3M")),
        ("it would take around three years", JUNE_16, ("around three years", "DURATION", "P3Y")),
        ("by the end of the year", JUNE_16, ("the end of the year", "DATE", "2025")),
        ("by 2029", JUNE_16, ("2029", "DATE", "2029")),
        ("the plan will start next spring", JUNE_16, ("next spring", "DATE", "2026-SP")),
        ("the commission begins in April", JAN_16, ("April", "DATE", "2025-04")),
        ("within this parliament", JUNE_16, ("this parliament", "DATE", "2029-07-08")),
        ("she told MPs this afternoon", JUNE_16, ("this afternoon", "TIME", "2025-06-16TAF")),
        ("the week of 13 January", JAN_16, ("13 January", "DATE", "2025-01-13")),
        ("on June 3, 2024 the bill passed", JAN_16, ("June 3, 2024", "DATE", "2024-06-03")),
        ("he said on Friday", JAN_16, ("Friday", "DATE", "2025-01-10")),
        ("they will meet on Friday", JAN_16, ("Friday", "DATE", "2025-01-17")),
        ("last week", JAN_16, ("last week", "DATE", "2025-W02")),
        ("yesterday", JAN_16, ("yesterday", "DATE", "2025-01-15")),
        ("two decades of failure", JAN_16, ("two decades", "DURATION", "P2DE")),
        ("the 1990s", JAN_16, ("the 1990s", "DATE", "199X")),
        ("the third quarter", JAN_16, ("the third quarter", "DATE", "2025-Q3")),
        ("reports published annually", JAN_16, ("annually", "SET", "P1Y")),
        ("the problem is now clear", JAN_16, ("now", "DATE", "PRESENT_REF")),
        ("three years ago", JUNE_16, ("three years ago", "DATE", "2022")),
    ],
)
def test_normalised_values(text: str, reference: date, expected: tuple[str, str, str]) -> None:
    assert expected in values(text, reference)


def test_may_the_verb_is_not_a_month() -> None:
    assert values("Ministers may act soon.", JAN_16) == []


def test_money_and_counts_are_not_years() -> None:
    assert values("It cost £2025 and 1,999 people came.", JAN_16) == []


def test_deadlines_from_when_the_words_were_said() -> None:
    (easter,) = find_timexes("a clear timetable before Easter", JAN_16)
    assert deadline_range(easter, JAN_16).end == date(2025, 4, 20)  # type: ignore[union-attr]
    (audit,) = find_timexes("a three-month review", JAN_16)
    assert deadline_range(audit, JAN_16).end == date(2025, 4, 16)  # type: ignore[union-attr]
    (inquiry,) = find_timexes("it would take around three years", JUNE_16)
    assert deadline_range(inquiry, JUNE_16).end == date(2028, 6, 16)  # type: ignore[union-attr]
    (end_of_year,) = find_timexes("by the end of the year", JUNE_16)
    assert deadline_range(end_of_year, JUNE_16).end == date(2025, 12, 31)  # type: ignore[union-attr]


def test_a_past_date_is_no_deadline() -> None:
    (past,) = find_timexes("in 2009", JUNE_16)
    assert deadline_range(past, JUNE_16) is None


def test_the_same_words_on_another_day_give_another_date() -> None:
    assert values("before Easter", date(2026, 1, 5)) == [("Easter", "DATE", "2026-04-05")]


def test_timex_command(run: Run) -> None:
    result = run("timex", "--reference-date", "2025-01-16", "a clear timetable before Easter", "--json")
    assert json_lines(result.stdout) == [
        {"text": "Easter", "start": 25, "end": 31, "type": "DATE", "value": "2025-04-20"}
    ]
    piped = run("timex", "--reference-date", "2025-01-16", "-", "--json", input="within three months")
    assert json_lines(piped.stdout)[0]["value"] == "P3M"


def test_timex_command_needs_a_usable_date(run: Run) -> None:
    result = run("timex", "--reference-date", "soon", "today")
    assert result.exit_code == 2 and "--reference-date" in result.stderr


# When a commitment was made, and the deadline counted from then.

def made(text: str, action: str, said: date | When | None) -> str | None:
    """When the promise in ``text`` was made, as the gold writes it ("2025-01", "2019-12-12")."""
    start = text.index(action)
    found = made_on(text, (0, len(text)), (start, start + len(action)), said)
    return str(found) if found else None


def due(text: str, action: str, said: date | When | None) -> Deadline | None:
    """The deadline of ``action``, counted from when the sentence says the promise was made."""
    start = text.index(action)
    span = (start, start + len(action))
    return find_deadline(text, (0, len(text)), span, made_on(text, (0, len(text)), span, said), reference=said)


def due_by(text: str, action: str, said: date | When | None) -> date | None:
    deadline = due(text, action, said)
    return deadline.end if deadline else None


@pytest.mark.parametrize(
    ("text", "action", "said", "expected"),
    [
        ("In January, the department asked Dame Ann Hollis to lead a six-week review.",
         "lead a six-week review", JUNE_16, "2025-01"),
        ("Last month the Transport Secretary vowed to reopen the line.", "reopen the line", JUNE_16, "2025-05"),
        ("In late April she vowed to close the camps.", "close the camps", JUNE_16, "2025-04"),
        ("On 3 March, the Treasury pledged to publish the figures.", "publish the figures", JUNE_16, "2025-03-03"),
        ("Last year the council agreed to resurface every road.", "resurface every road", JUNE_16, "2024"),
        ("Johnson promised in 2019 to build 40 new hospitals.", "build 40 new hospitals", JUNE_16, "2019"),
        ("During the 2020 campaign, Biden promised to cancel student debt.", "cancel student debt", JUNE_16,
         "2020"),
        ("In his manifesto for the 2019 election, Johnson pledged to recruit 20,000 police officers.",
         "recruit 20,000 police officers", JUNE_16, "2019-12-12"),
        ("Labour's 2024 manifesto promised to recruit 6,500 teachers.", "recruit 6,500 teachers", JUNE_16,
         "2024-07-04"),
        ("The minister told the Commons on Wednesday that the register would be published.",
         "the register would be published", JUNE_16, "2025-06-11"),
        ("Last week I undertook to place a copy of the review in the Library.",
         "place a copy of the review in the Library", date(2026, 3, 4), "2026-W09"),
        ("'We will publish the register by June,' the minister said on 3 March.", "publish the register by June",
         JUNE_16, "2025-03-03"),
        ("The report will be published, she said in April.", "The report will be published", JUNE_16, "2025-04"),
    ],
)
def test_made_on_is_when_the_sentence_says_it_was_made(text: str, action: str, said: date, expected: str) -> None:
    assert made(text, action, said) == expected


def test_a_month_without_a_year_is_the_latest_one_not_after_the_report() -> None:
    text = "In March, she promised to publish the data."
    assert made(text, "publish the data", date(2025, 1, 6)) == "2024-03"
    assert made(text, "publish the data", date(2025, 3, 20)) == "2025-03"
    assert made("On Friday she pledged to publish it.", "publish it", JUNE_16) == "2025-06-13"


def test_a_day_just_after_the_report_date_is_not_read_as_last_years() -> None:
    # The page is dated 24 October but reports the 28th: its date is stale, not the words a year old.
    text = "On October 28, the minister announced that the payments would be made through the Scottish scheme."
    assert made(text, "the payments would be made through the Scottish scheme", date(2022, 10, 24)) == "2022-10-24"


@pytest.mark.parametrize(
    ("text", "action"),
    [
        # Inside the promised action: a deadline, not when it was made.
        ("The minister promised to publish the plan in January.", "publish the plan in January"),
        # A past time that belongs to another clause.
        ("Cases have doubled since 2019, and the minister promised to halve them.", "halve them"),
        ("Cases rose in 2019 and the minister promised to halve them.", "halve them"),
        ("The review, published on 3 March, was promised to be acted on.", "acted on"),
        ("Ms Quint, who became Home Secretary in 2023, promised to hire 500 caseworkers.",
         "hire 500 caseworkers"),
        # A time still to come is a deadline or an event, never when a promise was made.
        ("The minister will next month promise to publish the plan.", "publish the plan"),
        ("The fund, which opens in 2027, was promised to double.", "double"),
    ],
)
def test_other_times_in_the_sentence_leave_the_report_date(text: str, action: str) -> None:
    assert made(text, action, JUNE_16) == "2025-06-16"


def test_a_date_in_the_promised_action_is_its_deadline_not_when_it_was_made() -> None:
    text = "The minister promised in March to publish it by June."
    assert made(text, "publish it by June", JUNE_16) == "2025-03"
    assert due_by(text, "publish it by June", JUNE_16) == date(2025, 6, 30)


def test_an_announcement_dated_inside_its_own_action_was_made_then() -> None:
    # The action is the announcing itself: its time is when the promise was made, and no deadline.
    text = "The Home Office announced the scheme in April, calling it a world first."
    action = "announced the scheme in April, calling it a world first"
    assert made(text, action, JUNE_16) == "2025-04"
    assert due_by(text, action, JUNE_16) is None
    # A span counts from the announcement, not from the report.
    text = "Ms Quint announced the register on 14 April and said it would open within six weeks."
    action = "announced the register on 14 April and said it would open within six weeks"
    assert made(text, action, JUNE_16) == "2025-04-14"
    assert due_by(text, action, JUNE_16) == date(2025, 5, 26)
    # What is announced keeps its own time as its deadline.
    text = "The council announced plans to reopen the pier in September."
    assert made(text, "announced plans to reopen the pier in September", JUNE_16) == "2025-06-16"
    assert due_by(text, "announced plans to reopen the pier in September", JUNE_16) == date(2025, 9, 30)


def test_a_promise_dated_to_the_campaign_was_made_before_the_last_election() -> None:
    # Reported two days after the 2024 general election: the vow itself came before polling day.
    text = "Before the general election, the Greens had vowed to scrap the levy if they entered government."
    assert made(text, "scrap the levy if they entered government", date(2024, 7, 6)) == "2024-07-03"
    # Inside the promised action the election is a deadline, not when the promise was made.
    text = "The party vowed to hold a vote before the general election."
    assert made(text, "hold a vote before the general election", date(2024, 3, 1)) == "2024-03-01"


def test_an_undated_text_gives_no_made_on() -> None:
    assert made("In January, she pledged to act.", "act", None) is None


def test_a_reported_promise_is_due_from_when_it_was_made_not_when_reported() -> None:
    # Reported in June; asked in January: six weeks from the end of January, not from June.
    text = "In January, the department asked Dame Ann Hollis to lead a six-week review."
    assert due_by(text, "lead a six-week review", JUNE_16) == date(2025, 3, 14)


@pytest.mark.parametrize(
    ("text", "action", "expected"),
    [
        # Said in April, reported in June: "later in May" is this May, not a past date refused.
        ("In April, the minister said the report will be published later in May.",
         "the report will be published later in May", date(2025, 5, 31)),
        ("In March, the Home Office promised to publish the data within three months.",
         "publish the data within three months", date(2025, 6, 30)),
        ("Last year the council agreed to repair every road by the end of the year.",
         "repair every road by the end of the year", date(2024, 12, 31)),
        ("In November, ministers promised to reopen the line next spring.", "reopen the line next spring",
         date(2025, 5, 31)),
        ("On 3 March, the Treasury pledged to publish the figures this year.", "publish the figures this year",
         date(2025, 12, 31)),
    ],
)
def test_relative_deadlines_resolve_against_when_it_was_made(text: str, action: str, expected: date) -> None:
    assert due_by(text, action, JUNE_16) == expected


# Conditional deadlines count from the event the condition names (see anchors).

@pytest.mark.parametrize(
    ("text", "action", "said", "expected"),
    [
        ("A Labour government would set up the company within its first year, Starmer told the conference.",
         "set up the company within its first year", date(2022, 9, 27), date(2025, 7, 4)),
        ("Starmer said Labour would create the company within the first year of a Labour government.",
         "create the company within the first year of a Labour government", date(2022, 9, 27), date(2025, 7, 4)),
        ("The Liberal Democrats said the scheme would be reformed within the first 100 days of a new government.",
         "the scheme would be reformed within the first 100 days of a new government", date(2024, 5, 30),
         date(2024, 10, 12)),
        ("Shadow Home Secretary: I can tell the House that a Labour government would scrap the scheme on day one.",
         "scrap the scheme on day one", date(2024, 1, 17), date(2024, 7, 5)),
        ("Biden said he would send the bill to Congress within 100 days of taking office.",
         "send the bill to Congress within 100 days of taking office", date(2020, 8, 1), date(2021, 4, 30)),
        ("Trump promised to end the programme on day one of his administration.",
         "end the programme on day one of his administration", date(2024, 3, 1), date(2025, 1, 20)),
        ("The Tories promised to hold the vote before the next election.", "hold the vote before the next election",
         date(2023, 1, 10), date(2024, 7, 3)),
        # After the last election in the table: the latest polling day the law allows.
        ("The Tories promised to hold the vote before the next election.", "hold the vote before the next election",
         date(2025, 3, 1), date(2029, 8, 14)),
        # A relative span in a promise for government counts from taking office.
        ("A Labour government would cut bills within two years.", "cut bills within two years",
         date(2022, 9, 27), date(2026, 7, 5)),
    ],
)
def test_a_conditional_deadline_counts_from_the_event(text: str, action: str, said: date, expected: date) -> None:
    deadline = due(text, action, said)
    assert deadline is not None and deadline.end == expected and deadline.condition


@pytest.mark.parametrize(
    ("said", "expected"),
    [(date(2020, 3, 1), date(2024, 5, 29)),  # dissolved early, on 30 May 2024
     (date(2025, 1, 16), date(2029, 7, 8))],  # dissolves by law at the start of 9 July 2029
)
def test_this_parliament_ends_with_the_parliament_sitting_when_it_was_said(said: date, expected: date) -> None:
    assert due_by("The minister promised to build the homes by the end of this Parliament.",
                  "build the homes by the end of this Parliament", said) == expected


def test_a_governments_term_is_this_parliament_but_a_school_term_is_not() -> None:
    said = date(2025, 1, 16)
    assert due_by("The minister said the new body would turn a profit within this parliamentary term.",
                  "turn a profit within this parliamentary term", said) == date(2029, 7, 8)
    assert due_by("The minister promised to hire 300 staff in this first term.",
                  "hire 300 staff in this first term", said) == date(2029, 7, 8)
    assert not [t for t in find_timexes("Pupils will get free lunches this term.", When.parse("2025-01-16"))
                if t.value == "2029-07-08"]


def test_the_condition_is_met_on_the_first_such_event_after_it_was_said() -> None:
    deadline = due("Starmer said a Labour government would set up the company within its first year.",
                   "set up the company within its first year", date(2022, 9, 27))
    assert deadline is not None
    assert (deadline.start, deadline.end, deadline.precision) == (date(2024, 7, 5), date(2025, 7, 4), "day")
    assert deadline.condition == "within its first year"


@pytest.mark.parametrize(
    ("text", "action", "said"),
    [
        # After the last election in the table: nobody knows when.
        ("Reform promised to scrap the scheme within the first year of a Reform government.",
         "scrap the scheme within the first year of a Reform government", date(2025, 3, 1)),
        # The next election did not bring the Greens to power: the condition was not met.
        ("The Greens promised to scrap the scheme within the first year of a Green government.",
         "scrap the scheme within the first year of a Green government", date(2022, 9, 27)),
        ("Labour said it would reform the rules by the end of the next Parliament.",
         "reform the rules by the end of the next Parliament", date(2025, 3, 1)),
        # Whose office? Nothing in the text says which country.
        ("She promised to sign it on day one.", "sign it on day one", date(2024, 3, 1)),
        # No date to count from.
        ("Labour promised to scrap the scheme within the first year of a Labour government.",
         "scrap the scheme within the first year of a Labour government", None),
    ],
)
def test_a_condition_with_no_known_date_keeps_its_words_and_no_end(text: str, action: str, said: date | None
                                                                    ) -> None:
    deadline = due(text, action, said)
    assert deadline is not None
    assert (deadline.end, deadline.precision) == (None, "conditional")
    assert deadline.condition and deadline.condition in text


def test_a_dated_deadline_in_a_conditional_promise_keeps_its_date_and_the_condition() -> None:
    deadline = due("A Labour government would restore the 2030 ban.", "restore the 2030 ban", date(2023, 9, 20))
    assert deadline is not None
    assert (deadline.end, deadline.condition) == (date(2030, 12, 31), "A Labour government")


def test_after_the_election_starts_the_count_without_an_end() -> None:
    deadline = due("The Labour leader pledged to publish the review after the election.",
                   "publish the review after the election", date(2024, 6, 1))
    assert deadline is not None
    assert (deadline.start, deadline.end, deadline.precision) == (date(2024, 7, 4), None, "after")


def test_the_first_day_of_a_month_is_no_condition() -> None:
    assert due("The council will open the centre on the first day of the month.",
               "open the centre on the first day of the month", JUNE_16) is None


def test_an_administration_is_american_and_an_election_result_no_condition() -> None:
    assert due_by("He promised to end the programme in the first year of his administration.",
                  "end the programme in the first year of his administration", date(2024, 3, 1)) == date(2026, 1, 19)
    assert due("The minister promised to repair the damage done by the election result.",
               "repair the damage done by the election result", JUNE_16) is None


# Deadline words, said on 16 June 2025.

@pytest.mark.parametrize(
    ("words", "expected", "precision"),
    [
        ("by 2030", date(2030, 12, 31), "year"),
        ("in 2030", date(2030, 12, 31), "year"),
        ("in time for the 2030 target", date(2030, 12, 31), "year"),
        ("by the end of 2026", date(2026, 12, 31), "year"),
        ("next year", date(2026, 12, 31), "year"),
        ("this year", date(2025, 12, 31), "year"),
        ("in 2025-26", date(2026, 3, 31), "year"),
        ("in the 2026/27 financial year", date(2027, 3, 31), "year"),
        ("by the end of the decade", date(2029, 12, 31), "year"),
        ("by the end of the year", date(2025, 12, 31), "year"),
        ("in the spring", date(2026, 5, 31), "season"),
        ("by spring next year", date(2026, 5, 31), "season"),
        ("this autumn", date(2025, 11, 30), "season"),
        ("before the summer recess", date(2025, 7, 31), "month"),
        ("before Christmas", date(2025, 12, 25), "day"),
        ("by March", date(2026, 3, 31), "month"),
        ("by April 2026", date(2026, 4, 30), "month"),
        ("by early 2026", date(2026, 4, 30), "month"),
        ("by mid-2026", date(2026, 8, 31), "month"),
        ("by the start of next year", date(2026, 1, 1), "day"),
        ("within weeks", date(2025, 8, 11), "vague"),
        ("in the next few weeks", date(2025, 8, 11), "vague"),
        ("within days", date(2025, 6, 30), "vague"),
        ("in the coming months", date(2025, 12, 16), "vague"),
        ("in 10 to 12 weeks", date(2025, 9, 8), "duration"),
        ("within a fortnight", date(2025, 6, 30), "duration"),
        ("over the next five years", date(2030, 6, 16), "duration"),
    ],
)
def test_deadline_words(words: str, expected: date, precision: str) -> None:
    deadline = due(f"The minister promised to act {words}.", f"act {words}", JUNE_16)
    assert deadline is not None
    assert (deadline.end, deadline.precision) == (expected, precision)


@pytest.mark.parametrize(
    "words",
    ["as soon as possible", "soon", "within years", "by the end of March 2025", "in 2019", "for weeks"],
)
def test_words_that_set_no_deadline(words: str) -> None:
    assert due(f"The minister promised to act {words}.", f"act {words}", JUNE_16) is None


def test_a_target_year_ends_on_31_december_whenever_it_was_said() -> None:
    for said in (date(2024, 2, 1), date(2024, 11, 20), JUNE_16):
        assert due_by("The Government pledged to end the sale of new petrol cars by 2030.",
                      "end the sale of new petrol cars by 2030", said) == date(2030, 12, 31)


def test_the_summer_recess_after_it_has_begun_is_next_years() -> None:
    assert due_by("The minister promised to act before the summer recess.", "act before the summer recess",
                  date(2025, 9, 2)) == date(2026, 7, 31)


def test_a_kind_of_thing_is_no_deadline() -> None:
    assert due("Biden pledged to make four-year public colleges free.", "make four-year public colleges free",
               JUNE_16) is None
    assert due("The Chancellor will impose a five-year freeze on the allowance.",
               "impose a five-year freeze on the allowance", JUNE_16) is None


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("by the spring", date(2024, 12, 10), "2025-SP"),
        ("the new rules will apply next winter", date(2025, 1, 20), "2025-WI"),
        ("mid-2030s", JUNE_16, "203X"),
    ],
)
def test_seasons_and_decades(text: str, reference: date, expected: str) -> None:
    assert [t.value for t in find_timexes(text, reference)] == [expected]


@pytest.mark.parametrize(
    "text",
    ["the Spring Statement", "the Autumn Budget", "the winter fuel payment", "the summer conference"],
)
def test_seasons_that_name_things_are_not_times(text: str) -> None:
    assert values(text, JUNE_16) == []


# References known only to the month or the year, and none at all.

def test_a_month_reference_keeps_what_it_decides() -> None:
    found = values("Yesterday she said the scheme would open next year.", When(date(2024, 11, 1), "month"))
    assert found == [("next year", "DATE", "2025")]


def test_without_a_reference_only_absolute_expressions_are_kept() -> None:
    found = values("The ban starts in 2030, not next year, and will last three years.", None)
    assert found == [("2030", "DATE", "2030"), ("three years", "DURATION", "P3Y")]


def test_an_undated_promise_keeps_its_absolute_deadline_only() -> None:
    deadline = due("The Government pledged to end the sale of new petrol cars by 2030.",
                   "end the sale of new petrol cars by 2030", None)
    assert deadline is not None and (deadline.start, deadline.end) == (None, date(2030, 12, 31))
    assert due("The Government pledged to publish it within three months.", "publish it within three months",
               None) is None
    assert due("The Government pledged to publish it next year.", "publish it next year", None) is None


def test_a_promise_made_in_the_period_of_the_report_counts_from_the_report() -> None:
    text = "Earlier this year, the council pledged to repair every road within six months."
    assert made(text, "repair every road within six months", JUNE_16) == "2025"
    assert due_by(text, "repair every road within six months", JUNE_16) == date(2025, 12, 16)


def test_a_promise_in_a_text_dated_to_the_month() -> None:
    may = When(date(2025, 5, 1), "month")
    text = "Last month the minister vowed to cut waiting lists within a year."
    assert made(text, "cut waiting lists within a year", may) == "2025-04"
    # Counted from the end of the month it was made in: never due before it could be.
    assert due_by(text, "cut waiting lists within a year", may) == date(2026, 4, 30)


def test_when_reads_and_writes_the_gold_formats() -> None:
    for text in ("2025-06-16", "2025-W25", "2025-06", "2025"):
        assert str(When.parse(text)) == text
    assert When.parse("2025-06-16T14:05") == When(date(2025, 6, 16))
    assert When.parse("sometime") is None and When.parse(None) is None
    assert When(date(2024, 2, 1), "month").last == date(2024, 2, 29)


# Through the analysis: what the ledger is given.

def test_a_commitment_reported_months_later_is_made_and_due_when_its_sentence_says() -> None:
    text = "In January, the Home Secretary asked Dame Ann Hollis to lead a six-week review of the scheme."
    (found,) = analyse_texts([(1, text, "2025-06-16")])
    (review,) = found.commitments
    assert review.said_on == date(2025, 1, 1)
    assert review.deadline is not None and review.deadline.end == date(2025, 3, 14)


def test_a_commitment_for_government_is_due_from_taking_office() -> None:
    text = "Keir Starmer said a Labour government would set up the company within its first year."
    (found,) = analyse_texts([(1, text, "2022-09-27")])
    (company,) = found.commitments
    assert company.said_on == date(2022, 9, 27)
    assert company.deadline is not None
    assert (company.deadline.end, company.deadline.condition) == (date(2025, 7, 4), "within its first year")


@pytest.mark.parametrize(
    "text",
    [
        "The bill will bring in the biggest change to licensing rules in almost 30 years.",
        "It will be the first cut to the levy in a decade.",
        "Ministers will announce the largest building programme for 50 years.",
    ],
)
def test_a_span_looking_back_from_a_superlative_is_no_deadline(text: str) -> None:
    assert all(deadline_range(t, JUNE_16, text) is None for t in find_timexes(text, JUNE_16))


def test_a_span_after_in_is_still_a_limit_without_a_superlative() -> None:
    text = "We will finish the new line in three years."
    (timex,) = find_timexes(text, JUNE_16)
    deadline = deadline_range(timex, JUNE_16, text)
    assert deadline is not None and deadline.end == date(2028, 6, 16)


def test_by_then_points_back_to_the_date_named_earlier_in_the_sentence() -> None:
    text = "Most applicants should be paid in 2027, though not every claim will be settled by then."
    action = text.index("not every claim")
    deadline = find_deadline(text, (0, len(text)), (action, len(text) - 1), date(2026, 5, 1))
    assert deadline is not None and (deadline.end, deadline.precision) == (date(2027, 12, 31), "year")
    assert text[deadline.timex.start : deadline.timex.end] == "2027"  # provenance: the words it rests on
    alone = "The depot will be open by then."
    assert find_deadline(alone, (0, len(alone)), (4, len(alone) - 1), date(2026, 5, 1)) is None


def test_the_day_it_was_said_written_as_a_date_is_no_deadline_unless_it_is_a_limit() -> None:
    said = date(2026, 4, 14)
    text = "The minister announced further grants to rural bus operators on 14 April 2026."
    assert find_deadline(text, (0, len(text)), (text.index("further"), len(text) - 1), said) is None
    limit = "The register must be published by 14 April 2026, the minister said."
    deadline = find_deadline(limit, (0, len(limit)), (limit.index("published"), limit.index(",")), said)
    assert deadline is not None and deadline.end == said


def test_a_limit_opening_the_sentence_is_the_deadline_of_its_clause() -> None:
    text = "By 2030, we will plant 30 million trees."
    action = (text.index("plant"), len(text) - 1)
    found = find_deadline(text, (0, len(text)), action, date(2026, 3, 2))
    assert found is not None and found.end == date(2030, 12, 31)
    said = "In January, she said she would publish the plan."  # when it was said, not a limit
    assert find_deadline(said, (0, len(said)), (said.index("publish"), len(said) - 1), date(2026, 3, 2)) is None


def test_a_period_the_action_lasts_is_no_deadline() -> None:
    text = "The council will freeze council tax throughout 2027."
    assert find_deadline(text, (0, len(text)), (text.index("freeze"), len(text) - 1), date(2026, 3, 2)) is None


def test_a_time_in_an_aside_about_the_past_is_no_deadline() -> None:
    text = "The review, which the Home Secretary ordered in January, will report within six months."
    deadline = find_deadline(text, (0, len(text)), (0, len(text) - 1), date(2026, 3, 10))
    assert deadline is not None and deadline.end == date(2026, 9, 10)
    # An aside about what is to come keeps its time.
    text = "The plan, which will be ready by May, is to be published."
    deadline = find_deadline(text, (0, len(text)), (0, len(text) - 1), date(2026, 3, 10))
    assert deadline is not None and deadline.end == date(2026, 5, 31)


def test_the_time_of_the_words_that_open_a_quote_dates_the_promise_in_it() -> None:
    text = "On Thursday the minister said: 'We will have the ferry running before the autumn.'"
    action = (text.index("have"), len(text) - 2)
    assert str(made_on(text, (0, len(text)), action, date(2026, 6, 20))) == "2026-06-18"
    # A clause of its own between them still breaks the link.
    text = "On Thursday the minister said the plan was ready; 'we will publish it by May.'"
    action = (text.index("publish"), len(text) - 2)
    assert str(made_on(text, (0, len(text)), action, date(2026, 6, 20))) == "2026-06-20"


def test_the_verb_after_a_named_office_is_the_sentences_own() -> None:
    """', Anna Price, announced on Monday that …' is when she announced it; ', published on 3 March,' is not."""
    text = ("The Education Secretary, Anna Price, announced on Monday that every primary school would get a "
            "breakfast club by September 2027.")
    action = (text.index("every"), len(text) - 1)
    assert str(made_on(text, (0, len(text)), action, date(2026, 5, 12))) == "2026-05-11"


def test_an_offset_from_a_named_event_is_no_date_of_the_text() -> None:
    said = When.parse("2026-09-15")
    text = "The ferry returned on Friday, three months after the board promised to restore it."
    assert all(t.type != "DATE" or "three" not in t.text for t in find_timexes(text, said))
    # Counted from the text's own time, it is one.
    assert [t.value for t in find_timexes("The ferry returned two weeks later.", said)] == ["2026-W40"]
