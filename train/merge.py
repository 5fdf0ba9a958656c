"""Train the merge decision (link/merge.py) and write src/followthrough/analyse/models/merge.json.

    python train/merge.py [--out PATH] [--keep FOLDER]

Data: the findings of the timeline pages in ../shared/data/timelines, each its own entry (the
pages are ingested with merging switched off), labelled by our gold (data/ledger/STORY.json): a
finding is a mention of the gold commitment whose mention spans it overlaps. Every pair of
labelled findings that the ledger would weigh (they share a content word of the action or an
actor, and no hard rule keeps them apart: same sentence, actors in conflict, different figures)
is a row, positive when both are mentions of one gold commitment. Findings the gold does not
list are left out (their label is unknown).

Trained on the six tuning stories only; the regularisation and the threshold are chosen by
cross-validation with each story wholly in one fold (F1 of the pairs over the held-in folds).
The two held-out stories (bench/ledger.py's HELD_OUT) are scored once, at the end, and never
chose anything. Needs scikit-learn (the ``train`` extra) and ../shared/data; without the latter
it says so and stops. Deterministic: a rerun writes the same file.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from followthrough import Settings, Store, ingest  # noqa: E402
from followthrough.analyse.keywords import keywords  # noqa: E402
from followthrough.dates import day_of, middle_of  # noqa: E402
from followthrough.link import ledger, merge  # noqa: E402
from ledger import DATA, GOLD, HELD_OUT, moved, offset_map  # noqa: E402  (bench/ledger.py)

OUT = merge.MODEL_PATH
C_VALUES = (0.1, 0.3, 1.0, 3.0, 10.0)
THRESHOLDS = tuple(round(float(t), 2) for t in np.arange(0.2, 0.91, 0.05))


@dataclass
class Finding:
    id: int
    story: str
    gold: str | None
    side: merge.Side
    document_id: int
    start: int
    vector: np.ndarray | None
    kind: str
    role: str | None
    made: str | None  # when it was made, as stored (a day, a month or a year)


def findings(folder: str) -> list[Finding]:
    """Ingest every timeline page with merging off; each finding with its gold commitment, if any."""
    ledger._best_match = lambda *args, **kwargs: None  # each finding its own entry
    files = sorted(DATA.glob("*/*.json"))
    store = Store.open(str(Path(folder) / "findings.db"))
    result = ingest(store, [str(p) for p in files], settings=Settings())
    mentions: dict[int, list[tuple[int, int, str, str]]] = defaultdict(list)
    golds = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.json"))}
    story_of: dict[int, str] = {}
    for outcome, path in zip(result.outcomes, files, strict=True):
        (document_id,) = outcome.document_ids
        story_of[document_id] = path.parent.name
        raw = json.loads(path.read_text(encoding="utf-8"))["text"]
        blocks = offset_map(raw, store.document(document_id).text)
        ref = f"timelines/{path.parent.name}/{path.name}"
        for commitment in golds[path.parent.name]["commitments"]:
            for m in commitment["mentions"]:
                if m["source"] == ref:
                    mentions[document_id].append((moved(blocks, m["start"]), moved(blocks, m["end"]),
                                                  commitment["id"], path.parent.name))
    found = []
    with store.engine.connect() as connection:
        rows = connection.exec_driver_sql(
            "SELECT c.id, c.actor_person_id, c.actor_org, c.action, c.kind, c.made_on, c.deadline_end, "
            "s.document_id, s.start, s.\"end\", s.vector, c.actor_role FROM commitments c "
            "JOIN commitment_sources s ON s.commitment_id = c.id ORDER BY c.id").all()
    for row in rows:
        overlaps = [(min(row[9], e) - max(row[8], s), gold) for s, e, gold, _ in mentions[row[7]]
                    if min(row[9], e) > max(row[8], s)]
        gold = max(overlaps)[1] if overlaps else None
        side = merge.Side(row[1], row[2], frozenset(keywords(row[3])), merge.figures(row[3]), day_of(row[6]),
                          middle_of(row[5]), frozenset({row[7]}), row[4])
        vector = np.frombuffer(row[10], dtype=np.float32) if row[10] else None
        found.append(Finding(row[0], story_of[row[7]], gold, side, row[7], row[8], vector, row[4], row[11],
                             row[5]))
    store.close()
    return found


def weighed(new: Finding, old: Finding) -> bool:
    """Whether the ledger would weigh this pair at all (link.ledger._best_match's retrieval and hard rules)."""
    if old.kind == "recommendation" or new.kind == "recommendation":
        return False
    if new.document_id == old.document_id and new.start == old.start:
        return False
    a, b = new.side, old.side
    shares = bool(a.words & b.words) or (a.person_id is not None and a.person_id == b.person_id) or bool(
        a.organisation and b.organisation and a.organisation.casefold() == b.organisation.casefold())
    if not shares:
        return False
    if a.figures and b.figures and not a.figures & b.figures:
        return False
    existing = type("Existing", (), {"actor_person_id": b.person_id, "actor_org": b.organisation,
                                     "actor_role": old.role, "made_on": old.made})()
    return ledger._actors_agree(existing, a.person_id, a.organisation, new.role, middle_of(new.made))


def pairs(found: list[Finding]) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Feature rows, labels and each row's story (the later finding's) for every weighed labelled pair."""
    labelled = [f for f in found if f.gold is not None and f.vector is not None]
    rows, labels, groups = [], [], []
    for j, new in enumerate(labelled):
        for old in labelled[:j]:
            if not weighed(new, old):
                continue
            similarity = float(new.vector @ old.vector)  # type: ignore[operator]
            rows.append(merge.features(new.side, old.side, similarity))
            labels.append(int(new.gold == old.gold and new.story == old.story))
            groups.append(new.story)
    return np.array(rows), np.array(labels), groups


def scores(labels: np.ndarray, probabilities: np.ndarray, threshold: float) -> tuple[float, float, float]:
    chosen = probabilities >= threshold
    true = int((chosen & (labels == 1)).sum())
    precision = true / chosen.sum() if chosen.sum() else 0.0
    recall = true / labels.sum() if labels.sum() else 0.0
    return precision, recall, 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--keep", metavar="FOLDER", help="build the findings database here and keep it")
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"train/merge.py: {DATA} not found (../shared/data is needed); nothing trained", file=sys.stderr)
        return 0
    from sklearn.linear_model import LogisticRegression

    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or scratch
        Path(folder).mkdir(parents=True, exist_ok=True)
        found = findings(folder)
    x, y, groups = pairs(found)
    tuned = np.array([g not in HELD_OUT for g in groups])
    stories = sorted({g for g, t in zip(groups, tuned, strict=True) if t})
    print(f"findings: {len(found)}, {sum(f.gold is not None for f in found)} of them gold mentions; "
          f"pairs weighed: {tuned.sum()} tuning ({int(y[tuned].sum())} restatements), "
          f"{(~tuned).sum()} held out ({int(y[~tuned].sum())})")

    def fit(c: float, rows: np.ndarray, labels: np.ndarray) -> Any:
        return LogisticRegression(C=c, class_weight="balanced", max_iter=5000).fit(rows, labels)

    best: tuple[float, float, float] | None = None
    for c in C_VALUES:
        held_in = np.zeros(len(y))
        for story in stories:
            test = np.array([g == story for g in groups])
            train = tuned & ~test
            held_in[test] = fit(c, x[train], y[train]).predict_proba(x[test])[:, 1]
        for threshold in THRESHOLDS:
            f1 = scores(y[tuned], held_in[tuned], threshold)[2]
            if best is None or f1 > best[0] + 1e-9:
                best = (f1, c, threshold)
    assert best is not None
    f1, c, threshold = best
    model = fit(c, x[tuned], y[tuned])
    held_out = scores(y[~tuned], model.predict_proba(x[~tuned])[:, 1], threshold) if (~tuned).any() else (0, 0, 0)
    tuned_cv = f1
    # The rule it replaces: similarity at least 0.6 (link.ledger.MERGE_SIMILARITY before this model).
    rule = scores(y[~tuned], x[~tuned][:, 0], 0.6) if (~tuned).any() else (0, 0, 0)
    about = {
        "trained": date.today().isoformat(),
        "data": f"pairs of findings of the six tuning timeline stories ({int(tuned.sum())} pairs, "
                f"{int(y[tuned].sum())} restatements); labels from data/ledger/",
        "chosen": f"C {c} and threshold {threshold} by {len(stories)}-fold cross-validation by story "
                  f"(pair F1 {tuned_cv:.3f})",
        "held_out": f"the two held-out stories ({int((~tuned).sum())} pairs, {int(y[~tuned].sum())} restatements):"
                    f" precision {held_out[0]:.3f}, recall {held_out[1]:.3f}, F1 {held_out[2]:.3f}; "
                    f"similarity >= 0.6 alone: {rule[0]:.3f}, {rule[1]:.3f}, {rule[2]:.3f}",
        "python": platform.python_version(),
    }
    payload = {"about": about, "features": list(merge.FEATURES),
               "weights": [round(float(w), 6) for w in model.coef_[0]], "bias": round(float(model.intercept_[0]), 6),
               "threshold": threshold}
    args.out.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    for key, value in about.items():
        print(f"{key}: {value}")
    for name, weight in zip(merge.FEATURES, model.coef_[0], strict=True):
        print(f"  {name:20} {weight:+.3f}")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
