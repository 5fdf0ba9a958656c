"""HTML pages through trafilatura, and JSON / JSON Lines records."""

from __future__ import annotations

import json

import pytest

from followthrough.acquire import RawInput
from followthrough.dates import Moment, parse_moment
from followthrough.errors import InputError
from followthrough.extract import extract

from ..conftest import FIXTURES


def test_html_main_text_and_metadata() -> None:
    raw = RawInput("article.html", (FIXTURES / "article.html").read_bytes(), "html")
    (doc,) = extract(raw).documents
    assert doc.title == "Library opening hours to be restored"
    assert doc.outlet == "Fenland Chronicle"
    assert doc.author == "Sam Okafor"
    assert doc.url == "https://fenland-chronicle.example/news/library-hours"
    assert doc.published == Moment("2026-02-03T11:45:00+00:00", "second")
    assert "Evening opening at the town's three libraries" in doc.text
    assert "All rights reserved" not in doc.text and "Sport" not in doc.text


def test_html_metadata_wins_over_defaults() -> None:
    raw = RawInput("article.html", (FIXTURES / "article.html").read_bytes(), "html")
    (doc,) = extract(raw, published=parse_moment("2020-01-01"), outlet="Other").documents
    assert doc.outlet == "Fenland Chronicle"
    assert doc.published is not None and doc.published.value.startswith("2026-02-03")


def test_html_without_an_article_is_refused() -> None:
    raw = RawInput("404.html", (FIXTURES / "no_article.html").read_bytes(), "html")
    with pytest.raises(InputError, match="no article text found"):
        extract(raw)


def test_json_object_list_and_field_names() -> None:
    records = [
        {"headline": "Pledge one", "body": "The council will act.", "link": "https://a.example/1",
         "publisher": "A Post", "date": "2026-01-02"},
        {"title": "Pledge two", "text": "The council will act again.", "outlet": "B Times"},
    ]
    raw = RawInput("batch.json", json.dumps(records).encode(), "json")
    docs = extract(raw, published=parse_moment("2026-01-05")).documents
    assert [(d.title, d.outlet, d.url) for d in docs] == [
        ("Pledge one", "A Post", "https://a.example/1"),
        ("Pledge two", "B Times", None),
    ]
    assert [d.published for d in docs] == [Moment("2026-01-02", "day"), Moment("2026-01-05", "day")]


def test_jsonl_bad_lines_fail_alone() -> None:
    lines = "\n".join([
        json.dumps({"title": "Good", "text": "A good record."}),
        "{not json",
        json.dumps(["not", "an", "object"]),
        json.dumps({"title": "No text"}),
        json.dumps({"title": "Also good", "text": "Another record."}),
    ])
    result = extract(RawInput("feed.jsonl", lines.encode(), "jsonl"))
    assert [d.title for d in result.documents] == ["Good", "Also good"]
    assert [str(e) for e in result.errors] == [
        "feed.jsonl:2: invalid JSON (Expecting property name enclosed in double quotes, column 2)",
        "feed.jsonl:3: expected a JSON object",
        "feed.jsonl:4: record has no text",
    ]


def test_broken_json_file_fails_whole() -> None:
    with pytest.raises(InputError, match=r"broken.json: invalid JSON"):
        extract(RawInput("broken.json", b'{"title": "x", ', "json"))


def test_unreadable_record_date_is_reported_not_guessed() -> None:
    raw = RawInput("r.json", json.dumps({"text": "Words.", "published": "03/04/2025"}).encode(), "json")
    result = extract(raw)
    assert result.documents[0].published is None
    assert "ambiguous date" in result.warnings[0]
