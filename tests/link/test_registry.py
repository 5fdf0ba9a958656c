"""The people registry across documents."""

from __future__ import annotations

from pathlib import Path

from ..conftest import Run, json_lines


def _write(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.write_text(text)
    return str(path)


def _people(run: Run) -> dict[str, dict]:
    return {p["name"]: p for p in json_lines(run("people", "--json").stdout)}


def test_one_person_across_documents_with_roles_over_time(run: Run, tmp_path: Path) -> None:
    run("ingest", _write(tmp_path, "a.txt", "Rail plan\nTransport Secretary Helen Marsh said the plan was ready."),
        "--published", "2026-01-10")
    run("ingest", _write(tmp_path, "b.txt", "Rail plan delayed\nHelen Marsh, the Transport Secretary, said it "
                                           "would slip.\nMs Marsh said: 'We are not there yet.'"),
        "--published", "2026-03-02")
    people = _people(run)
    assert list(people) == ["Helen Marsh"]
    (role,) = people["Helen Marsh"]["roles"]
    assert role == {"title": "Transport Secretary", "first_seen": "2026-01-10", "last_seen": "2026-03-02"}


def test_two_people_who_share_a_surname_stay_apart(run: Run, tmp_path: Path) -> None:
    run("ingest", _write(tmp_path, "a.txt", "Health\nRuth Kenning said the hospital would stay open."))
    run("ingest", _write(tmp_path, "b.txt", "Schools\nDavid Kenning said the school would close."))
    run("ingest", _write(tmp_path, "c.txt", "Budget\nMr Kenning said: 'The money has gone.'"))
    people = _people(run)
    assert {"Ruth Kenning", "David Kenning"} <= set(people)
    assert people["Ruth Kenning"]["id"] != people["David Kenning"]["id"]
    (quote,) = json_lines(run("quotes", "--json").stdout)[-1:]
    assert quote["speaker"] == {"id": None, "name": "Mr Kenning"}  # ambiguous: not guessed


def test_an_office_named_alone_resolves_to_its_holder_of_the_day(run: Run, tmp_path: Path) -> None:
    run("ingest", _write(tmp_path, "a.txt", "Ports\nHome Secretary Ann Ridley visited Dover."),
        "--published", "2026-02-01")
    run("ingest", _write(tmp_path, "b.txt", "Borders\nThe Home Secretary said: 'The new checks start today.'"),
        "--published", "2026-02-03")
    quote = json_lines(run("quotes", "--json").stdout)[-1]
    assert quote["speaker"]["name"] == "Ann Ridley"


def test_reanalysis_changes_nothing(run: Run, tmp_path: Path) -> None:
    run("ingest", _write(tmp_path, "a.txt", "Rail\nHelen Marsh said: 'It will open in May.'"))
    before = (run("people", "--json").stdout, run("quotes", "--json").stdout)
    assert run("analyse", "--all").exit_code == 0
    assert (run("people", "--json").stdout, run("quotes", "--json").stdout)[1] == before[1]
    assert [p["name"] for p in json_lines(run("people", "--json").stdout)] == ["Helen Marsh"]


def test_members_list_with_wrong_columns_is_refused(run: Run, tmp_path: Path) -> None:
    bad = _write(tmp_path, "members.csv", "name,party\nA Person,Labour\n")
    result = run("people", "import", bad)
    assert result.exit_code == 1
    assert result.stderr.strip() == f"error: {bad}: not a members list: missing column(s) display_as, party_text, " \
                                    "pcon_name, member_id"


def test_members_list_links_and_updates(run: Run, tmp_path: Path) -> None:
    members = _write(tmp_path, "members.csv", "display_as,party_text,pcon_name,member_id\n"
                                              "Ms Ruth Kenning,Labour (Co-op),Harbury,9001\n")
    run("ingest", _write(tmp_path, "a.txt", "Health\nRuth Kenning said the hospital would stay open."))
    assert run("people", "import", members).exit_code == 0
    assert run("people", "import", members).exit_code == 0  # twice: no duplicate
    person = _people(run)["Ruth Kenning"]
    assert (person["party"], person["constituency"], person["member_id"]) == ("Labour", "Harbury", "9001")
    assert len(_people(run)) == 1
