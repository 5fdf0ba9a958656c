"""The ledger end to end: seeds (from ../shared) and our own example story."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from followthrough.cli import main

from .conftest import SEEDS, json_lines, require_shared

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SEED_000 = "000_00827acb07091305.txt"
SEED_003 = "003_757b5797b1efc748.txt"


def cli(db: str, *args: str) -> list[dict]:
    result = CliRunner().invoke(main, ["--db", db, *args])
    assert result.exit_code == 0, result.output
    return json_lines(result.stdout)


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    require_shared(SEEDS)
    db = str(tmp_path_factory.mktemp("ledger") / "seeds.db")
    cli(db, "ingest", str(SEEDS / SEED_003), "--published", "2025-01-16")
    cli(db, "ingest", str(SEEDS / SEED_000), "--published", "2025-06-16")
    return db


def ledger(db: str, *args: str) -> list[dict]:
    return cli(db, "commitments", "--json", *args)


def find(entries: list[dict], words: str) -> dict:
    matching = [e for e in entries if words.lower() in e["text"].lower()]
    assert matching, f"no commitment mentioning {words!r}"
    return matching[0]


def test_timetable_before_easter(seeds_db: str) -> None:
    entry = find(ledger(seeds_db, "--as-of", "2025-02-01"), "clear timetable")
    assert entry["deadline"]["end"] == "2025-04-20"
    assert entry["deadline"]["text"] == "Easter"
    assert entry["actor"]["person"]["name"] == "Yvette Cooper"
    assert entry["kind"] == "pledge" and entry["made_on"] == "2025-01-16"
    assert {(t["value"], t["what"]) for t in entry["targets"]} == {(20.0, "recommendations")}


def test_three_month_audit_ends_mid_april(seeds_db: str) -> None:
    entry = find(ledger(seeds_db, "--as-of", "2025-02-01"), "three-month review")
    end = date.fromisoformat(entry["deadline"]["end"])
    assert date(2025, 4, 10) <= end <= date(2025, 4, 20)


def test_cold_cases_targets(seeds_db: str) -> None:
    entry = find(ledger(seeds_db), "cold cases")
    assert {t["value"] for t in entry["targets"]} == {800.0, 1000.0}
    assert {t["what"] for t in entry["targets"]} == {"cold cases"}


def test_national_inquiry_deadline_near_june_2028(seeds_db: str) -> None:
    entry = find(ledger(seeds_db), "national inquiry into the scandal")
    end = date.fromisoformat(entry["deadline"]["end"])
    assert abs((end - date(2028, 6, 16)).days) <= 31


def test_a_call_on_the_government_is_not_a_commitment(seeds_db: str) -> None:
    assert not [e for e in ledger(seeds_db) if "call on the Government" in e["text"]]


@pytest.mark.parametrize(
    ("words", "actor"),
    [
        ("asylum seekers found guilty", "Yvette Cooper"),
        ("mandatory collection of ethnicity and nationality data", "Yvette Cooper"),
        ("National Crime Agency will also launch", "National Crime Agency"),
    ],
)
def test_seed_commitments_are_found(seeds_db: str, words: str, actor: str) -> None:
    entry = find(ledger(seeds_db), words)
    assert actor in {entry["actor"]["organisation"], (entry["actor"]["person"] or {}).get("name")}


def test_accepted_recommendations_are_each_a_commitment(seeds_db: str) -> None:
    accepted = [e for e in ledger(seeds_db) if e["kind"] == "accepted recommendation"]
    actions = " | ".join(e["action"] for e in accepted)
    assert "mandatory collection of ethnicity" in actions and "improvements to the ethnicity data" in actions


def test_every_source_span_is_in_its_document(seeds_db: str) -> None:
    for entry in ledger(seeds_db):
        for source in entry["sources"]:
            (doc,) = cli(seeds_db, "show", str(source["document_id"]), "--json")
            assert 0 <= source["start"] < source["end"] <= len(doc["text"])
        assert entry["text"] in " ".join(cli(seeds_db, "show", str(entry["sources"][0]["document_id"]),
                                             "--json")[0]["text"].split())


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """The example story with and without its follow-up article."""
    folder = tmp_path_factory.mktemp("story")
    before = folder / "before"
    before.mkdir()
    for path in EXAMPLES.iterdir():
        if not path.name.startswith(("2026-06", "2026-04")):
            shutil.copy(path, before / path.name)
    with_follow_up, without = str(folder / "all.db"), str(folder / "before.db")
    cli(with_follow_up, "ingest", str(EXAMPLES))
    cli(without, "ingest", str(before))
    return with_follow_up, without


def test_a_delivered_report_turns_the_promise_delivered_late(story: tuple[str, str]) -> None:
    entry = find(ledger(story[0], "--as-of", "2026-07-01"), "publish the register")
    assert entry["status"] == "delivered late"
    assert entry["deadline"]["end"] == "2026-05-31"
    delivered = [e for e in entry["evidence"] if e["stance"] == "delivered"]
    assert [e["date"] for e in delivered] == ["2026-06-02"]
    assert "days after the deadline" in entry["status_reason"]
    assert len({s["document_id"] for s in entry["sources"]}) >= 2  # reported by more than one outlet


def test_without_the_follow_up_it_is_overdue(story: tuple[str, str]) -> None:
    entry = find(ledger(story[1], "--as-of", "2026-07-01"), "publish the register")
    assert entry["status"] == "overdue"
    assert "2026-05-31" in entry["status_reason"]


def test_status_is_computed_as_of_the_date_asked(story: tuple[str, str]) -> None:
    register = [find(ledger(story[0], "--as-of", day), "publish the register")["status"]
                for day in ("2026-02-01", "2026-05-10", "2026-06-01", "2026-06-02")]
    assert register == ["open", "due", "overdue", "delivered late"]


def test_a_consultation_paused_until_later_is_delayed_not_dropped(story: tuple[str, str]) -> None:
    entry = find(ledger(story[0], "--as-of", "2026-07-01"), "personally liable")
    assert [e["stance"] for e in entry["evidence"]] == ["delayed"]
    # 'That consultation will open in the spring.' names the promise before it and gives its deadline:
    # one entry, due by the end of May, overdue by July and delayed, not dropped.
    assert entry["deadline"]["text"] == "the spring" and len(entry["sources"]) == 2
    assert entry["status"] == "overdue" and "delayed" in entry["status_reason"]


def test_filters(story: tuple[str, str]) -> None:
    marsh = ledger(story[0], "--as-of", "2026-07-01", "--actor", "marsh")
    assert marsh and all(e["actor"]["person"]["name"] == "Helen Marsh" for e in marsh)
    at_risk = ledger(story[0], "--as-of", "2026-07-01", "--status", "at risk")
    assert at_risk and {e["status"] for e in at_risk} == {"at risk"}
    assert set(at_risk[0]) >= {"id", "actor", "action", "text", "kind", "made_on", "deadline", "targets", "status",
                               "status_reason", "sources", "evidence"}


def test_a_reports_numbered_recommendations_and_their_acceptance(story: tuple[str, str]) -> None:
    recommendations = cli(story[0], "recommendations", "--json")
    assert [(r["number"], r["addressee"]) for r in recommendations] == [
        (1, "Department for Environment and Rural Affairs"), (2, "Water companies"), (3, "Ofwat"), (4, "Government"),
    ]
    accepting = {r["accepted_by"] for r in recommendations}
    assert len(accepting) == 1 and None not in accepting
    entries = {e["id"]: e for e in ledger(story[0], "--as-of", "2026-07-01")}
    assert "Brennan" in entries[accepting.pop()]["action"]
    monitors = entries[recommendations[1]["commitment_id"]]
    assert monitors["kind"] == "accepted recommendation" and monitors["deadline"]["end"] == "2026-12-31"
    (doc,) = cli(story[0], "show", str(recommendations[0]["document_id"]), "--json")
    assert doc["text"][recommendations[0]["start"] : recommendations[0]["end"]] == recommendations[0]["text"]
    # Each recommendation is one entry: the commitment model's reading of its sentence adds no second one.
    from_report = [e for e in entries.values()
                   if any(s["document_id"] == recommendations[0]["document_id"] for s in e["sources"])]
    assert len(from_report) == len(recommendations)


def test_recommendations_are_not_accepted_before_the_response(story: tuple[str, str]) -> None:
    # Without the government's response every recommendation stands unaccepted.
    assert {r["accepted_by"] for r in cli(story[1], "recommendations", "--json")} == {None}


def test_a_sentence_restating_one_promise_is_not_evidence_on_another(tmp_path: Path) -> None:
    db = str(tmp_path / "ledger.db")
    first = tmp_path / "promise.txt"
    first.write_text("Minister sets out flood plan\nThe Government will build 1,000 flood defence schemes by March "
                     "2027, the Environment Secretary Maya Collins said.\nThe Environment Agency will publish a list "
                     "of the schemes in the spring.\n", encoding="utf-8")
    later = tmp_path / "later.txt"
    later.write_text("Engineers doubt flood plan\nThe Government's promise to build 1,000 flood defence schemes by "
                     "March 2027 is unachievable, engineers have warned.\n", encoding="utf-8")
    cli(db, "ingest", str(first), "--published", "2025-02-03")
    cli(db, "ingest", str(later), "--published", "2025-09-10")
    listing = find(ledger(db, "--as-of", "2025-10-01"), "publish a list")
    assert listing["evidence"] == []


def test_a_promise_made_by_an_office_is_its_holders(story: tuple[str, str]) -> None:
    """'…, the Water Minister told MPs': the registry knows her as 'Water Minister Helen Marsh' and as
    'The Minister for Water (Helen Marsh)'; one office, so the promise is hers, and its progress is June's."""
    entry = find(ledger(story[0], "--as-of", "2026-07-01"), "live public register before the summer")
    assert entry["actor"]["person"]["name"] == "Helen Marsh"
    assert [e["date"] for e in entry["evidence"]] == ["2026-06-02"]
