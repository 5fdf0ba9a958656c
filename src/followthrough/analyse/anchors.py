"""Public events a promise can count from: elections, new governments, parliaments, inaugurations.

"Within the first year of a Labour government", said in opposition, is due a year after Labour
took office, not a year after the speech; "by the end of this Parliament" is due when the
Parliament sitting at the time ends. This module is the one table of those events and the
questions asked of it:

>>> next_government(date(2022, 9, 27), "UK", party="Labour").took_office
datetime.date(2024, 7, 5)
>>> parliament_sitting(date(2025, 1, 16)).last_day
datetime.date(2029, 7, 8)

An event later than the last one here is unknown (``None``): a promise waiting on it stays
conditional rather than being given a date nobody knows. Add each new election, government and
Parliament as it happens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

Country = Literal["UK", "US"]


@dataclass(frozen=True, slots=True)
class Government:
    """A government taking office: after an election, or a new head of government between elections."""

    country: Country
    took_office: date
    leader: str
    parties: frozenset[str]
    election: date | None  # polling day of the election that made it; None for a change of leader
    new: bool = True  # False when the same government carried on after an election (UK 2017)


@dataclass(frozen=True, slots=True)
class Parliament:
    """A UK Parliament: when it first met, when it was dissolved, and the latest the law allowed.

    Dissolution takes effect at the very start of its day, so a Parliament's last day is the day
    before. ``latest_dissolution`` is the law as it stood while the Parliament sat:

    - Fixed-term Parliaments Act 2011 (2010–2022): polling day the first Thursday in May of the
      fifth year after the last election (s.1), the Parliament dissolving at the beginning of the
      25th working day before it (s.3(1), as amended by the Electoral Registration and
      Administration Act 2013 s.14; working days exclude weekends and bank holidays).
    - Dissolution and Calling of Parliament Act 2022 (from 24 March 2022, including the Parliament
      then sitting): "a Parliament dissolves at the beginning of the day that is the fifth
      anniversary of the day on which it first met" (s.4), polling day following on the 25th
      working day (Representation of the People Act 1983, Sch. 1 r.1, as amended).
    """

    elected: date  # polling day of the general election that returned it
    first_met: date
    dissolved: date | None  # None while it sits
    latest_dissolution: date
    latest_poll: date  # the latest polling day the law then allowed for the next election

    @property
    def last_day(self) -> date:
        """Its last day: before its actual dissolution once that has happened, else before the legal one."""
        return (self.dissolved or self.latest_dissolution) - timedelta(days=1)


UK_GENERAL_ELECTIONS = (date(2010, 5, 6), date(2015, 5, 7), date(2017, 6, 8), date(2019, 12, 12), date(2024, 7, 4))
US_PRESIDENTIAL_ELECTIONS = (date(2016, 11, 8), date(2020, 11, 3), date(2024, 11, 5))

_CONSERVATIVE = frozenset({"Conservative"})
GOVERNMENTS = (
    # UK: the government each general election produced (2017: Theresa May's carried on), then
    # changes of Prime Minister between elections.
    Government("UK", date(2010, 5, 11), "David Cameron", frozenset({"Conservative", "Liberal Democrat"}),
               date(2010, 5, 6)),
    Government("UK", date(2015, 5, 8), "David Cameron", _CONSERVATIVE, date(2015, 5, 7)),
    Government("UK", date(2016, 7, 13), "Theresa May", _CONSERVATIVE, None),
    Government("UK", date(2017, 6, 9), "Theresa May", _CONSERVATIVE, date(2017, 6, 8), new=False),
    Government("UK", date(2019, 7, 24), "Boris Johnson", _CONSERVATIVE, None),
    Government("UK", date(2019, 12, 13), "Boris Johnson", _CONSERVATIVE, date(2019, 12, 12)),
    Government("UK", date(2022, 9, 6), "Liz Truss", _CONSERVATIVE, None),
    Government("UK", date(2022, 10, 25), "Rishi Sunak", _CONSERVATIVE, None),
    Government("UK", date(2024, 7, 5), "Keir Starmer", frozenset({"Labour"}), date(2024, 7, 4)),
    # US: inaugurations after each presidential election.
    Government("US", date(2017, 1, 20), "Donald Trump", frozenset({"Republican"}), date(2016, 11, 8)),
    Government("US", date(2021, 1, 20), "Joe Biden", frozenset({"Democratic"}), date(2020, 11, 3)),
    Government("US", date(2025, 1, 20), "Donald Trump", frozenset({"Republican"}), date(2024, 11, 5)),
)

PARLIAMENTS = (
    # FTPA: poll 7 May 2015, dissolved 30 March 2015 as the Act required.
    Parliament(date(2010, 5, 6), date(2010, 5, 18), date(2015, 3, 30), date(2015, 3, 30), date(2015, 5, 7)),
    # FTPA: poll due 7 May 2020; dissolved early under s.2 after the Commons voted for an election.
    Parliament(date(2015, 5, 7), date(2015, 5, 18), date(2017, 5, 3), date(2020, 3, 31), date(2020, 5, 7)),
    # FTPA: poll due 5 May 2022; dissolved early (Early Parliamentary General Election Act 2019).
    Parliament(date(2017, 6, 8), date(2017, 6, 13), date(2019, 11, 6), date(2022, 3, 28), date(2022, 5, 5)),
    # FTPA until 24 March 2022 (poll due 2 May 2024), then DCPA: dissolution due 17 December 2024,
    # latest poll 28 January 2025. Dissolved on request on 30 May 2024.
    Parliament(date(2019, 12, 12), date(2019, 12, 17), date(2024, 5, 30), date(2024, 12, 17), date(2025, 1, 28)),
    # DCPA: dissolves at the start of 9 July 2029 if not before; latest poll 15 August 2029
    # (House of Commons Library).
    Parliament(date(2024, 7, 4), date(2024, 7, 9), None, date(2029, 7, 9), date(2029, 8, 15)),
)

# Parties by the words the press uses for them.
PARTIES = {
    "labour": "Labour", "conservative": "Conservative", "tory": "Conservative", "tories": "Conservative",
    "liberal democrat": "Liberal Democrat", "lib dem": "Liberal Democrat", "reform": "Reform UK",
    "reform uk": "Reform UK", "green": "Green", "snp": "SNP", "democratic": "Democratic", "democrat": "Democratic",
    "republican": "Republican", "gop": "Republican",
}
_PARTY_COUNTRY: dict[str, Country] = {"Democratic": "US", "Republican": "US"}


def party_of(word: str) -> str | None:
    """The party a word names ("Tory" → "Conservative"), or ``None``."""
    return PARTIES.get(word.lower().strip())


def country_of_party(party: str) -> Country:
    return _PARTY_COUNTRY.get(party, "UK")


def leader_named(word: str) -> Government | None:
    """The first government led by someone of that surname ("a Starmer government")."""
    return next((g for g in GOVERNMENTS if g.leader.split()[-1].lower() == word.lower()), None)


def current_government(on: date, country: Country) -> Government | None:
    """The government in office on a day (the latest to take office on or before it)."""
    sitting = [g for g in GOVERNMENTS if g.country == country and g.took_office <= on]
    return sitting[-1] if sitting else None


def next_government(after: date, country: Country, party: str | None = None, leader: str | None = None,
                    new: bool = False) -> Government | None:
    """The government the first election on or after ``after`` produced, when it meets the condition.

    ``party``, ``leader`` or ``new`` is the condition ("a Labour government", "a second Trump term",
    "a new government"): if the next election put someone else in office, or left the same
    government in place, the condition was not met and the answer is ``None``, as it is when the
    next election is not in the table yet.
    """
    elected = [g for g in GOVERNMENTS if g.country == country and g.election is not None and g.election >= after]
    if not elected:
        return None
    government = elected[0]
    if party is not None and party not in government.parties:
        return None
    if leader is not None and government.leader.split()[-1].lower() != leader.lower():
        return None
    if new and not government.new:
        return None
    return government


def next_election(after: date, country: Country) -> date | None:
    """The first general (UK) or presidential (US) election on or after a day, if it is in the table."""
    elections = UK_GENERAL_ELECTIONS if country == "UK" else US_PRESIDENTIAL_ELECTIONS
    return next((e for e in elections if e >= after), None)


def latest_next_election(on: date) -> date | None:
    """The next UK general election if known, else the latest polling day the law allows for it."""
    known = next_election(on, "UK")
    if known is not None:
        return known
    sitting = parliament_sitting(on)
    return sitting.latest_poll if sitting is not None else None


def parliament_sitting(on: date) -> Parliament | None:
    """The UK Parliament in being on a day: from its election to its last day."""
    return next((p for p in PARLIAMENTS if p.elected <= on <= p.last_day), None)


def next_parliament(after: date) -> Parliament | None:
    """The first UK Parliament elected on or after a day."""
    return next((p for p in PARLIAMENTS if p.elected >= after), None)


# Words that place a text in British or American politics, for conditions that do not say which
# ("within 100 days of taking office", "on day one").
_UK_CUES = re.compile(r"\b(?:Labour|Tory|Tories|Conservatives?|MPs?|Commons|Westminster|Downing Street|Whitehall"
                      r"|Prime Minister|Chancellor|Home Secretary|Lib Dems?|Liberal Democrats?|Parliament)\b|£")
_US_CUES = re.compile(r"\b(?:President|Congress|Senate|senators?|White House|(?<!Liberal )Democrats?|Democratic"
                      r"|Republicans?"
                      r"|GOP|administration|Biden|Trump|Obama|Harris|Washington)\b|\$")


def country_of(text: str) -> Country | None:
    """Which country's politics a text is about, when its words say so clearly (twice as many cues)."""
    uk, us = len(_UK_CUES.findall(text)), len(_US_CUES.findall(text))
    if uk > 2 * us:
        return "UK"
    if us > 2 * uk:
        return "US"
    return None
