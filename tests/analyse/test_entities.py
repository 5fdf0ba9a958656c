"""Organisations and places named in a document."""

from __future__ import annotations

from followthrough.analyse import analyse_texts

TEXT = ("The Home Secretary said the National Crime Agency would open an inquiry in Manchester. "
        "Leeds City Council's leader, Jo Bell, said the council would help. "
        "Officials from the Environment Agency met in Bristol on Tuesday.")


def test_organisations_and_places_with_spans_and_no_role_words() -> None:
    (found,) = analyse_texts([(1, TEXT, "2026-03-01")])
    names = {(e.label, e.text) for e in found.entities}
    texts = {text for _, text in names}
    assert ("GPE", "Manchester") in names  # the small model's labels are not always right ("Bristol" as ORG)
    assert {"Bristol", "National Crime Agency", "Leeds City Council", "Environment Agency"} <= texts
    assert not any(text in ("Home", "Home Secretary", "Jo Bell") for _, text in names)
    assert not any(text.endswith(("'s", "’s")) for _, text in names)
    for entity in found.entities:
        assert TEXT[entity.start : entity.end] == entity.text
