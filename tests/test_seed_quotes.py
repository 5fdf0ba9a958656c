"""Who said what in the seeds: quote → speaker pairs, affiliations, and the members list.

Reads ../shared/seeds and ../shared/data/uk-mps (skipped with a reason when absent).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from followthrough.cli import main

from .conftest import SEEDS, SHARED, json_lines, require_shared

MEMBERS = SHARED / "data" / "uk-mps" / "mp_lookup.csv"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> str:
    require_shared(SEEDS)
    db = str(tmp_path_factory.mktemp("seeds") / "seeds.db")
    result = CliRunner().invoke(main, ["--db", db, "ingest", str(SEEDS), "--published", "2025-06-16"])
    assert result.exit_code == 0, result.output
    return db


def cli(db: str, *args: str) -> list[dict]:
    result = CliRunner().invoke(main, ["--db", db, *args, "--json"])
    assert result.exit_code == 0, result.output
    return json_lines(result.stdout)


# The opening words of a quote in the seeds, and who said them.
PAIRS = [
    ("another overarching inquiry of the kind", "Yvette Cooper"),
    ("Its purpose must be to challenge", "Yvette Cooper"),
    ("cold fury", "Paul Waugh"),
    ("thinking this was dog-whistle politics", "Kemi Badenoch"),
    ("A despotic Middle Eastern dictatorship", "Al Pinkerton"),
    ("He's right to emphasise", "David Lammy"),
    ("The failure to get transparent information", "Barry Gardiner"),
    ("Given that Israel's claims have been challenged", "Abtisam Mohamed"),
    ("Categorically, the UK is not involved", "David Lammy"),
    ("We do have an important regional role", "David Lammy"),
    ("The Foreign Secretary said he was keeping his eye", "Kit Malthouse"),
    ("We are absolutely clear that the aid", "David Lammy"),
    ("I am deeply troubled to read", "Chris Philp"),
    ("Those vile perpetrators who have grown used", "Yvette Cooper"),
    ("far-Right bandwagon", "Keir Starmer"),
    ("Instead of examination, we have seen obfuscation", "Louise Casey"),
    ("In a vacuum, incomplete and unreliable data", "Louise Casey"),
    ("Flawed data is used repeatedly", "Louise Casey"),
    ("Perpetrators of these vile crimes", "Yvette Cooper"),
    ("A continued failure to protect teenage girls", "Yvette Cooper"),
    ("To the victims and survivors of child exploitation", "Yvette Cooper"),
    ("The Prime Minister's handling of this scandal", "Kemi Badenoch"),
    ("really let down and disgusted", "Josh Babarinde"),
    ("found it galling", "Dan Aldridge"),
    ("They accused those of us demanding justice", "Kemi Badenoch"),
    ("As a survivor of child sexual abuse myself", "Josh Babarinde"),
    ("I want to pay tribute to victims", "Dan Aldridge"),
    ("Does the minister agree with me that neither history", "Dan Aldridge"),
    ("British Muslims stand on the side of victims", "Naz Shah"),
    ("It is in the interests of those children", "Yvette Cooper"),
    ("It will properly examine ethnicity data", "Yvette Cooper"),
    ("far too little action has been taken", "Yvette Cooper"),
    ("the ability to compel witnesses", "Sarah Champion"),
    ("A big strand of what we need to do", "Sarah Champion"),
    ("The IICSA report itself was mainly not about", "Chris Philp"),
    ("wholly inadequate", "Chris Philp"),
]


@pytest.mark.parametrize(("opening", "speaker"), PAIRS, ids=[p[0][:30] for p in PAIRS])
def test_quote_speaker(seeded: str, opening: str, speaker: str) -> None:
    quotes = cli(seeded, "quotes")
    matching = [q for q in quotes if q["text"].lstrip("'‘\"“").startswith(opening)]
    assert matching, f"no quote opening {opening!r}"
    assert {q["speaker"]["name"] if q["speaker"] else None for q in matching} == {speaker}


def test_unnamed_source_is_kept_as_words(seeded: str) -> None:
    quotes = cli(seeded, "quotes")
    (spokesman,) = [q for q in quotes if "track record speaks for itself" in q["text"]]
    assert spokesman["speaker"] == {"id": None, "name": "A No10 spokesman"}


def test_scare_quotes_get_no_speaker_of_their_own(seeded: str) -> None:
    texts = {q["text"] for q in cli(seeded, "quotes")}
    assert "'do not travel'" not in texts  # "The Government has long-issued 'do not travel' advice"


def test_quote_offsets_index_the_shown_text(seeded: str) -> None:
    for quote in cli(seeded, "quotes")[:40]:
        (doc,) = cli(seeded, "show", str(quote["document_id"]))
        assert doc["text"][quote["start"] : quote["end"]] == quote["text"]


def test_quotes_by_speaker(seeded: str) -> None:
    lammy = cli(seeded, "quotes", "--speaker", "Lammy")
    assert lammy and {q["speaker"]["name"] for q in lammy} == {"David Lammy"}


SEAT_PARTY = {
    "Al Pinkerton": ("Liberal Democrat", "Surrey Heath"),
    "Barry Gardiner": ("Labour", "Brent West"),
    "Kit Malthouse": ("Conservative", "North West Hampshire"),
    "Naz Shah": ("Labour", "Bradford West"),
    "Abtisam Mohamed": (None, "Sheffield Central"),
}


def test_mps_given_with_party_and_constituency_have_them(seeded: str) -> None:
    people = {p["name"]: p for p in cli(seeded, "people")}
    for name, (party, seat) in SEAT_PARTY.items():
        assert people[name]["constituency"] == seat, name
        if party:
            assert people[name]["party"] == party, name
    assert people["Yvette Cooper"]["roles"][0]["title"] == "Home Secretary"
    assert people["Yvette Cooper"]["roles"][0]["first_seen"] == "2025-06-16"
    assert {"Ms Cooper", "Cooper"} <= set(people["Yvette Cooper"]["aliases"])


def test_with_the_members_list_each_mp_links_to_its_member_id(seeded: str, tmp_path: Path) -> None:
    require_shared(MEMBERS)
    result = CliRunner().invoke(main, ["--db", seeded, "people", "import", str(MEMBERS)])
    assert result.exit_code == 0, result.output
    people = {p["name"]: p for p in cli(seeded, "people")}
    for name in [*SEAT_PARTY, "Josh Babarinde", "Dan Aldridge", "Kemi Badenoch", "Yvette Cooper", "David Lammy",
                 "Chris Philp", "Richard Tice", "Sarah Champion", "Paul Waugh", "Keir Starmer"]:
        assert people[name]["member_id"], name
    assert people["Al Pinkerton"]["member_id"] == "5288"
    # Several MPs are called Cooper: they stay apart, and the Home Secretary keeps her quotes.
    coopers = [p for p in people.values() if p["name"].endswith(" Cooper")]
    assert len(coopers) >= 3 and len({p["id"] for p in coopers}) == len(coopers)
    cooper_quotes = cli(seeded, "quotes", "--speaker", "Yvette Cooper")
    assert cooper_quotes and {q["speaker"]["name"] for q in cooper_quotes} == {"Yvette Cooper"}
