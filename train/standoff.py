"""Turn labellers' work files (which quote the text) into the stand-off files we commit (which do not).

    python train/standoff.py commitments WORK.jsonl data/commitments/NAME.jsonl
    python train/standoff.py ledger WORK.json data/ledger/STORY.json
    python train/standoff.py written data/commitments/written.jsonl      (checks only: our own text)

A work line for a sentence label is ``{"source", "start", "end", "label", "why", "actor", "deadline"}``
with ``actor`` and ``deadline`` as the words in the source (or ``"author"``/``"unknown"``/null).
A ledger work file gives each mention, evidence passage and deadline as ``{"source", "quote"}``.
Quotes are found in the source (the occurrence nearest the sentence); anything not found is
reported and the file is not written.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from corpus import locate, read_source

LABELS = ("commitment", "not")
WHY = {
    "commitment": {"pledge", "reported", "announcement", "target", "campaign", "accepted"},
    "not": {"vague", "rhetoric", "procedure", "question", "demand", "prediction", "forecast", "preview", "attack",
            "past", "hypothetical", "other"},
}
STANCES = {"delivered", "partly delivered", "progress", "delayed", "dropped", "contradicted", "at risk"}
STATUSES = {"open", "due", "overdue", "delivered", "delivered late", "partly delivered", "at risk", "dropped",
            "unclear"}


class Problems(list[str]):
    def check(self, ok: bool, message: str) -> bool:
        if not ok:
            self.append(message)
        return ok


def _span(source: str, words: Any, near: int, problems: Problems, what: str) -> Any:
    if words in (None, "author", "unknown"):
        return words
    found = locate(read_source(source), str(words), near)
    problems.check(found is not None, f"{source}:{near}: {what} {words!r} not found in the source")
    return list(found) if found else None


def commitments(work: Path, out: Path) -> Problems:
    problems, rows = Problems(), []
    for number, line in enumerate(work.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        item = json.loads(line)
        where = f"{work}:{number}"
        label, why = item.get("label"), item.get("why")
        if not problems.check(label in LABELS, f"{where}: label {label!r}"):
            continue
        problems.check(why in WHY[label], f"{where}: why {why!r} for {label}")
        source, start, end = item["source"], int(item["start"]), int(item["end"])
        text = read_source(source)
        problems.check(0 <= start < end <= len(text), f"{where}: span {start}-{end} outside the source")
        row = {"source": source, "start": start, "end": end, "label": label, "why": why, "actor": None,
               "deadline": None}
        if label == "commitment":
            row["actor"] = _span(source, item.get("actor") or "unknown", start, problems, "actor")
            row["deadline"] = _span(source, item.get("deadline"), start, problems, "deadline")
        rows.append(row)
    if not problems:
        with out.open("w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps(row) + "\n")
    return problems


def ledger(work: Path, out: Path) -> Problems:
    problems = Problems()
    gold = json.loads(work.read_text(encoding="utf-8"))
    ids = {c["id"] for c in gold["commitments"]}

    def placed(item: dict[str, Any], what: str, key: str | None = None) -> dict[str, Any]:
        """Replace ``quote`` by its span: ``start``/``end``, or a ``[start, end]`` list under ``key``."""
        quote = item.pop("quote", None)
        if quote is not None:
            found = locate(read_source(item["source"]), quote, item.get("near"))
            problems.check(found is not None, f"{item['source']}: {what} {quote[:60]!r} not found")
            item.pop("near", None)
            if found and key:
                item[key] = list(found)
            elif found:
                item["start"], item["end"] = found
        return item

    for commitment in gold["commitments"]:
        commitment["mentions"] = [placed(m, f"mention of {commitment['id']}") for m in commitment["mentions"]]
        problems.check(bool(commitment["mentions"]), f"{commitment['id']}: no mentions")
        if commitment.get("deadline") and commitment["deadline"].get("source"):
            placed(commitment["deadline"], f"deadline of {commitment['id']}", key="span")
    for item in gold.get("evidence", []):
        problems.check(item["commitment"] in ids, f"evidence for unknown commitment {item['commitment']}")
        problems.check(item["stance"] in STANCES, f"evidence stance {item['stance']!r}")
        placed(item, f"evidence for {item['commitment']}")
    for item in gold.get("status", []):
        problems.check(item["commitment"] in ids, f"status for unknown commitment {item['commitment']}")
        problems.check(item["status"] in STATUSES, f"status {item['status']!r}")
    if not problems:
        out.write_text(json.dumps(gold, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return problems


def written(path: Path) -> Problems:
    problems = Problems()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        item = json.loads(line)
        for label in item["labels"]:
            where = f"{path}:{number} {item.get('id')}"
            problems.check(label["sentence"] in item["text"], f"{where}: sentence not in text: {label['sentence']!r}")
            problems.check(label["label"] in LABELS, f"{where}: label {label['label']!r}")
            if label["label"] in LABELS:
                problems.check(label["why"] in WHY[label["label"]], f"{where}: why {label['why']!r}")
            for key in ("actor", "deadline"):
                value = label.get(key)
                if value not in (None, "author", "unknown"):
                    problems.check(value in item["text"], f"{where}: {key} {value!r} not in text")
    return problems


def main() -> int:
    kind, *paths = sys.argv[1:]
    if kind == "commitments":
        problems = commitments(Path(paths[0]), Path(paths[1]))
    elif kind == "ledger":
        problems = ledger(Path(paths[0]), Path(paths[1]))
    elif kind == "written":
        problems = written(Path(paths[0]))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{len(problems)} problems", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
