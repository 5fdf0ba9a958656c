"""The ``followthrough`` command: parse arguments, call the library, format output."""

from __future__ import annotations

import json
import re
import sqlite3
import sys
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path
from typing import Any

import click
from sqlalchemy.exc import DBAPIError

from .analyse import Failure
from .analyse.timex import find_timexes
from .config import Settings
from .dates import Moment, parse_user_moment, today_utc
from .errors import FollowthroughError
from .link import coverage, ledger, registry
from .link.status import STATUSES
from .pipeline import InputOutcome, analyse_documents, plan
from .pipeline import ingest as ingest_inputs
from .store import Store, database_error
from .store import ledger as ledger_rows


class _Group(click.Group):
    """Turns every ``FollowthroughError``, and any database failure, into one line on stderr and its exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except FollowthroughError as exc:
            click.echo(f"error: {_safe(str(exc))}", err=True)
            ctx.exit(exc.exit_code)
        except (DBAPIError, sqlite3.Error) as exc:
            failure = database_error((ctx.obj or {}).get("db", "?"), exc)
            click.echo(f"error: {_safe(str(failure))}", err=True)
            ctx.exit(failure.exit_code)


# Ids are SQLite integers: anything larger cannot name a row, so it is a usage error, not an overflow.
ID = click.IntRange(min=1, max=2**63 - 1)
# A --limit above this is taken as this: more rows than anyone reads, fewer than overflow SQLite.
MAX_LIMIT = 1_000_000
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _safe(text: str) -> str:
    """Text for the terminal: control characters (escapes, bells, NULs) shown as ``\\xNN``, never sent raw."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _echo(text: str = "", err: bool = False) -> None:
    click.echo(_safe(text), err=err)


def _settings(ctx: click.Context) -> Settings:
    settings: Settings = ctx.obj["settings"]
    return settings


def _store(ctx: click.Context) -> Store:
    if "store" not in ctx.obj:
        ctx.obj["store"] = Store.open(ctx.obj["db"])
        ctx.call_on_close(ctx.obj["store"].close)
    store: Store = ctx.obj["store"]
    return store


def _date_option(value: str | None, option: str) -> Moment | None:
    return parse_user_moment(value, option) if value else None


def _emit_json(rows: Iterable[dict[str, Any]]) -> None:
    for row in rows:
        # json escapes C0 controls itself; DEL and C1 it would pass through raw.
        line = json.dumps(row, ensure_ascii=False)
        click.echo(_CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", line))


@click.group(cls=_Group)
@click.option("--db", envvar="FOLLOWTHROUGH_DB", metavar="PATH_OR_URL",
              help="Database: an SQLite file or an SQLAlchemy URL. [env FOLLOWTHROUGH_DB; default followthrough.db]")
@click.version_option(package_name="followthrough")
@click.pass_context
def main(ctx: click.Context, db: str | None) -> None:
    """followthrough: who promised what, and did it happen?"""
    settings = Settings.from_env()
    ctx.obj = {"settings": settings, "db": db or settings.db}


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", metavar="DATE", help="Publication time for inputs without one (ISO 8601).")
@click.option("--outlet", metavar="NAME", help="Outlet for inputs that do not name one.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar, no summary; errors still go to stderr.")
@click.option("--analyse/--no-analyse", default=None, help="Find people and quotes in new documents [default: on].")
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[str, ...], published: str | None, outlet: str | None, quiet: bool,
           analyse: bool | None) -> None:
    """Read files, directories (recursively) or - (stdin) into the database.

    Exit status: 0 when every input was stored and analysed, 1 when some failed,
    2 for a usage error, 3 when the database cannot be used.
    """
    moment = _date_option(published, "--published")
    store = _store(ctx)
    total = len(plan(paths))
    show_bar = not quiet and total > 1 and sys.stderr.isatty()
    bar = click.progressbar(length=total, label="ingesting", file=sys.stderr) if show_bar else None

    def report(outcome: InputOutcome) -> None:
        for message in outcome.warnings:
            _echo(f"\nwarning: {message}" if bar else f"warning: {message}", err=True)
        for message in outcome.errors:
            _echo(f"\nerror: {message}" if bar else f"error: {message}", err=True)
        if bar:
            bar.update(1)

    def report_failure(failure: Failure) -> None:
        _echo(f"error: document {failure.document_id}: analysis failed ({failure.reason}); stored, and "
              f"retried with `analyse {failure.document_id}`", err=True)

    if bar:
        bar.__enter__()
    try:
        result = ingest_inputs(store, paths, published=moment, outlet=outlet, settings=_settings(ctx),
                               on_input=report, analyse=analyse, on_failure=report_failure)
    finally:
        if bar:
            bar.__exit__(None, None, None)
    if not quiet:
        _echo(
            f"added {result.added}, updated {result.updated}, unchanged {result.unchanged}, "
            f"failed {result.failed}" + (f", analysis failed {len(result.failures)}" if result.failures else ""),
            err=True,
        )
    ctx.exit(1 if result.failed or result.failures else 0)


@main.command()
@click.option("--outlet", metavar="NAME", help="Only documents from this outlet.")
@click.option("--failed", is_flag=True, help="Only documents whose analysis failed, with the reason.")
@click.option("--json", "as_json", is_flag=True, help="JSON Lines, one document per line.")
@click.pass_context
def documents(ctx: click.Context, outlet: str | None, failed: bool, as_json: bool) -> None:
    """List stored documents: id, published, outlet, title."""
    if failed:
        found = _store(ctx).failed_documents()
        if as_json:
            _emit_json({"id": i, "analysis_version": v, "reason": r} for i, v, r in found)
        for document_id, version, reason in [] if as_json else found:
            _echo(f"{document_id:>5}  analysis {version} failed: {reason}")
        return
    rows = _store(ctx).documents(outlet=outlet)
    if as_json:
        _emit_json(asdict(row) for row in rows)
        return
    for row in rows:
        _echo(f"{row.id:>5}  {_when(row.published):<16}  {_cut(row.outlet or '-', 24):<24}  {row.title or ''}")


@main.command()
@click.argument("document_id", type=ID)
@click.option("--json", "as_json", is_flag=True, help="One JSON object.")
@click.pass_context
def show(ctx: click.Context, document_id: int, as_json: bool) -> None:
    """Print one document's metadata and full text."""
    store = _store(ctx)
    doc = store.document(document_id)
    with store.engine.connect() as connection:
        related = coverage.related_documents(connection, document_id)
    if as_json:
        row = {
            "id": doc.id, "title": doc.title, "outlet": doc.outlet, "url": doc.url,
            "published": doc.published, "published_precision": doc.published_precision,
            "author": doc.author, "chars": doc.chars, "copy_of": doc.copy_of, "text": doc.text,
            "origins": [asdict(o) for o in doc.origins], "related": [asdict(r) for r in related],
        }
        _emit_json([row])
        return
    _echo(f"id:         {doc.id}")
    _echo(f"title:      {doc.title or ''}")
    _echo(f"outlet:     {doc.outlet or '-'}")
    _echo(f"published:  {doc.published or 'unknown'}" + (f" ({doc.published_precision})" if doc.published else ""))
    if doc.author:
        _echo(f"author:     {doc.author}")
    if doc.url:
        _echo(f"url:        {doc.url}")
    for origin in doc.origins:
        where = f" chars {origin.start}-{origin.end}" if origin.start is not None else ""
        _echo(f"origin:     {origin.source} part {origin.part}{where}")
    for r in related:
        how = "same story" if r.same_story else f"story {r.story_id}"
        _echo(f"related:    {r.id} ({how}, {r.outlet or '-'}, {_when(r.published)}) {_cut(r.title or '', 70)}")
    _echo("")
    _echo(doc.text)


@main.command()
@click.argument("query", nargs=-1, required=True)
@click.option("--outlet", metavar="NAME", help="Only documents from this outlet.")
@click.option("--since", metavar="DATE", help="Only documents published on or after DATE.")
@click.option("--until", metavar="DATE", help="Only documents published on or before DATE.")
@click.option("--limit", type=click.IntRange(min=1, max=MAX_LIMIT, clamp=True), default=None,
              help="At most this many results.")
@click.option("--json", "as_json", is_flag=True, help="JSON Lines, one result per line.")
@click.pass_context
def search(ctx: click.Context, query: tuple[str, ...], outlet: str | None, since: str | None,
           until: str | None, limit: int | None, as_json: bool) -> None:
    """Full-text search, best match first, with highlighted snippets."""
    settings = _settings(ctx)
    hits = _store(ctx).search(
        " ".join(query), outlet=outlet, since=_date_option(since, "--since"),
        until=_date_option(until, "--until"), limit=limit or settings.search_limit,
        snippet_tokens=settings.snippet_tokens,
    )
    if as_json:
        _emit_json(asdict(hit) for hit in hits)
        return
    if not hits:
        _echo("no matches", err=True)
    for hit in hits:
        _echo(f"{hit.id:>5}  {_when(hit.published):<16}  {_cut(hit.outlet or '-', 24):<24}  {hit.title or ''}")
        snippet = _safe(hit.snippet)
        if sys.stdout.isatty():
            snippet = _bold_marks(snippet)
        click.echo(f"       {snippet}")


def _when(published: str | None) -> str:
    """A stored time as a table shows it: to the minute, in UTC."""
    return published[:16].replace("T", " ") if published else "-"


@main.command()
@click.argument("document_ids", nargs=-1, type=ID)
@click.option("--all", "everything", is_flag=True, help="Re-analyse every document.")
@click.pass_context
def analyse(ctx: click.Context, document_ids: tuple[int, ...], everything: bool) -> None:
    """Find people, quotes and commitments in stored documents (those not yet analysed, or the ids given).

    A document the analysis failed on is retried only when named by id (or with --all).
    """
    store = _store(ctx)
    ids = [d.id for d in store.documents()] if everything else (list(document_ids) or None)
    if ids is not None:
        known = {d.id for d in store.documents()}
        for missing in sorted(set(ids) - known):
            _echo(f"error: no document with id {missing}", err=True)
        ids = [i for i in ids if i in known]
    result = analyse_documents(store, ids, settings=_settings(ctx))
    for failure in result.failures:
        _echo(f"error: document {failure.document_id}: analysis failed ({failure.reason})", err=True)
    _echo(f"analysed {len(result.analysed)} documents" + (f", failed {len(result.failures)}" if result.failures
                                                           else ""), err=True)
    ctx.exit(1 if result.failures or (document_ids and len(ids or []) < len(set(document_ids))) else 0)


@main.command()
@click.option("--speaker", metavar="NAME", help="Only quotes whose speaker's name, alias or description matches.")
@click.option("--json", "as_json", is_flag=True, help="JSON Lines, one quote per line.")
@click.pass_context
def quotes(ctx: click.Context, speaker: str | None, as_json: bool) -> None:
    """Quotes and reported speech with their speakers; start/end index the text `show ID --json` prints."""
    found = _store(ctx).quotes(speaker=speaker)
    if as_json:
        _emit_json(asdict(q) for q in found)
        return
    for q in found:
        who = q.speaker.name if q.speaker else "(unattributed)"
        words = _cut(" ".join(q.text.split()), 90)
        _echo(f"{q.id:>5}  doc {q.document_id:<4} {q.kind:<8} {_cut(who, 22):<22}  {words}")


@main.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="JSON Lines, one person per line.")
@click.pass_context
def people(ctx: click.Context, as_json: bool) -> None:
    """The people registry: names, aliases, party, seat, member id, roles over time."""
    if ctx.invoked_subcommand is not None:
        return
    found = _store(ctx).people()
    if as_json:
        _emit_json(asdict(p) for p in found)
        return
    for p in found:
        where = ", ".join(x for x in (p.party, p.constituency) if x)
        roles = "; ".join(r.title for r in p.roles)
        _echo(f"{p.id:>5}  {_cut(p.name, 26):<26}  {_cut(where, 40):<40}  {roles}")


@people.command(name="import")
@click.argument("csv_file", type=click.Path(dir_okay=False))
@click.pass_context
def people_import(ctx: click.Context, csv_file: str) -> None:
    """Load a members list (columns display_as, party_text, pcon_name, member_id)."""
    store = _store(ctx)
    with store.transaction() as connection:
        added, updated = registry.import_members(connection, Path(csv_file))
    _echo(f"members: added {added}, updated {updated}", err=True)


@main.command()
@click.option("--actor", metavar="NAME", help="Only commitments whose actor (person or organisation) matches.")
@click.option("--status", type=click.Choice(STATUSES), help="Only commitments with this status.")
@click.option("--as-of", "as_of", metavar="DATE", help="Compute status as of this date [default: today].")
@click.option("--json", "as_json", is_flag=True, help="JSON Lines, one commitment per line.")
@click.pass_context
def commitments(ctx: click.Context, actor: str | None, status: str | None, as_of: str | None, as_json: bool) -> None:
    """The ledger: who promised what, by when, and where it stands."""
    day = parse_user_moment(as_of, "--as-of").start.date() if as_of else today_utc()
    with _store(ctx).engine.connect() as connection:
        found = ledger.entries(connection, day, actor=actor, status=status)
    if as_json:
        _emit_json(asdict(entry) for entry in found)
        return
    for entry in found:
        who = entry.actor.person.name if entry.actor.person else (entry.actor.organisation or "?")
        due = f" by {entry.deadline.end}" if entry.deadline else ""
        _echo(f"{entry.id:>5}  {entry.status:<16} {_cut(who, 20):<20} {_cut(entry.action, 70)}{due}")


@main.command()
@click.argument("commitment_id", type=ID)
@click.option("--as-of", "as_of", metavar="DATE", help="Status as of this date [default: today].")
@click.option("--json", "as_json", is_flag=True, help="One JSON object.")
@click.pass_context
def commitment(ctx: click.Context, commitment_id: int, as_of: str | None, as_json: bool) -> None:
    """One commitment's timeline: made, restated, deadline revisions, evidence, and the status after each.

    Example: followthrough commitment 4 --as-of 2025-07-01
    """
    day = parse_user_moment(as_of, "--as-of").start.date() if as_of else today_utc()
    with _store(ctx).engine.connect() as connection:
        found = ledger.history(connection, commitment_id, day)
    if as_json:
        _emit_json([asdict(found.entry) | {"events": [asdict(e) for e in found.events]}])
        return
    e = found.entry
    names = (e.actor.person.name if e.actor.person else None, e.actor.organisation)
    who = ", ".join(x for x in names if x) or "unknown"
    _echo(f"commitment {e.id}: {e.action}")
    _echo(f"actor:    {who}")
    _echo(f"made:     {e.made_on or 'undated'}" + (f"; deadline {e.deadline.end} ('{e.deadline.text}')"
                                                     if e.deadline and e.deadline.end else ""))
    _echo(f"status:   {e.status} as of {day.isoformat()}: {e.status_reason}")
    _echo("")
    for event in found.events:
        _echo(f"  {event.day or 'undated':<10}  {event.kind:<9} doc {event.document_id:<5} -> {event.status:<16} "
              f"{_cut(event.words, 80)}")
        if event.detail:
            _echo(f"{'':<14}{_cut(event.detail, 100)}")


@main.command()
@click.option("--json", "as_json", is_flag=True, help="JSON Lines, one recommendation per line.")
@click.pass_context
def recommendations(ctx: click.Context, as_json: bool) -> None:
    """Numbered recommendations of reports: addressee, ledger entry, and the commitment that accepted them."""
    with _store(ctx).engine.connect() as connection:
        found = ledger_rows.list_recommendations(connection)
    if as_json:
        _emit_json({"id": r["id"], "document_id": r["document_id"], "report": r["report"], "number": r["number"],
                    "text": r["text"], "start": r["start"], "end": r["end"], "addressee": r["addressee"],
                    "commitment_id": r["commitment_id"], "accepted_by": r["accepted_by"]} for r in found)
        return
    for r in found:
        accepted = f"accepted (commitment {r['accepted_by']})" if r["accepted_by"] else "not accepted"
        _echo(f"{r['document_id']:>5}  R{r['number']:<3} {_cut(r['addressee'] or '?', 24):<24} {accepted:<26} "
                   f"{_cut(r['text'], 60)}")


@main.command()
@click.argument("text", required=False)
@click.option("--reference-date", "reference", required=True, metavar="DATE",
              help="When the words were said or published (ISO 8601); relative times resolve against it.")
@click.option("--json", "as_json", is_flag=True, help="JSON Lines, one expression per line.")
def timex(text: str | None, reference: str, as_json: bool) -> None:
    """Find and normalise time expressions in TEXT (or stdin with - or no TEXT)."""
    moment = parse_user_moment(reference, "--reference-date")
    if text in (None, "-"):
        text = sys.stdin.read()
    found = find_timexes(text, moment.start.date())
    if as_json:
        _emit_json(t.as_dict() for t in found)
        return
    for t in found:
        _echo(f"{t.start:>6}-{t.end:<6} {t.type:<9} {t.value:<14} {t.text}")


@main.command()
@click.option("--json", "as_json", is_flag=True, help="JSON Lines, one story per line.")
@click.pass_context
def stories(ctx: click.Context, as_json: bool) -> None:
    """Stories: the documents about one event, earliest first, with their outlets and key people."""
    with _store(ctx).engine.connect() as connection:
        found = coverage.summaries(connection)
    if as_json:
        _emit_json(_story_row(s) for s in found)
        return
    for s in found:
        span = _when(s.first_seen) + (f" to {s.last_seen}" if s.last_seen != s.first_seen else "")
        thread = f"  thread {s.thread}" if s.thread != s.id else ""
        _echo(f"{s.id:>5}  {span:<24} {len(s.documents):>3} docs  {_cut(s.title or '', 70)}{thread}")
        if s.outlets:
            _echo(f"{'':>7}outlets: {', '.join(s.outlets)}")
        if s.people:
            _echo(f"{'':>7}people:  {', '.join(s.people)}")


def _story_row(s: Any) -> dict[str, Any]:
    return {"id": s.id, "title": s.title, "first_seen": s.first_seen, "last_seen": s.last_seen,
            "documents": list(s.documents), "outlets": list(s.outlets), "people": list(s.people), "thread": s.thread}


@main.command()
@click.argument("story_id", type=ID)
@click.option("--as-of", "as_of", metavar="DATE", help="Commitment status as of this date [default: today].")
@click.option("--json", "as_json", is_flag=True, help="One JSON object.")
@click.pass_context
def story(ctx: click.Context, story_id: int, as_of: str | None, as_json: bool) -> None:
    """One story: its brief, timeline, outlets, related stories, quotes and commitments."""
    day = parse_user_moment(as_of, "--as-of").start.date() if as_of else today_utc()
    store = _store(ctx)
    with store.engine.connect() as connection:
        found = coverage.detail(connection, story_id)
        members = set(found.summary.documents)
        entries = [e for e in ledger.entries(connection, day) if any(s.document_id in members for s in e.sources)]
    said = [q for q in store.quotes() if q.document_id in members]
    if as_json:
        row = _story_row(found.summary) | {
            "brief": [asdict(b) for b in found.brief],
            "timeline": [{"day": d or None, "documents": list(ids)} for d, ids in found.timeline],
            "first": found.first, "coverage": [asdict(c) for c in found.coverage],
            "related": [asdict(r) for r in found.related],
            "quotes": [asdict(q) for q in said], "commitments": [asdict(e) for e in entries],
        }
        _emit_json([row])
        return
    s = found.summary
    _echo(f"story {s.id}: {s.title or ''}")
    _echo(f"seen {_when(s.first_seen)} to {_when(s.last_seen)}, {len(s.documents)} documents"
               + (f", first by {found.first}" if found.first else ""))
    _echo("\nBrief")
    for b in found.brief:
        _echo(f"  - {' '.join(b.text.split())} [doc {b.document_id} {b.start}-{b.end}]")
    _echo("\nTimeline")
    for d, ids in found.timeline:
        _echo(f"  {d or 'undated':<10}  {len(ids)} document(s): {', '.join(map(str, ids))}")
    _echo("\nOutlets")
    for c in found.coverage:
        stressed = ", ".join(c.people + c.terms)
        _echo(f"  {_cut(c.outlet, 24):<24} {len(c.documents)} doc(s) from {_when(c.first_published)}"
                   + (f"; stressed {stressed}" if stressed else ""))
    if found.related:
        _echo("\nRelated stories")
        for r in found.related:
            _echo(f"  {r.id:>5}  {_when(r.first_seen):<10} {_cut(r.title or '', 70)}")
    _echo(f"\nQuotes ({len(said)})")
    for q in said:
        who = q.speaker.name if q.speaker else "(unattributed)"
        _echo(f"  {_cut(who, 22):<22} {_cut(' '.join(q.text.split()), 80)}")
    _echo(f"\nCommitments ({len(entries)})")
    for e in entries:
        who = e.actor.person.name if e.actor.person else (e.actor.organisation or "?")
        _echo(f"  {e.id:>5}  {e.status:<16} {_cut(who, 20):<20} {_cut(e.action, 60)}")


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _bold_marks(snippet: str) -> str:
    pieces = snippet.split("**")
    return "".join(click.style(p, bold=True) if i % 2 else p for i, p in enumerate(pieces))


if __name__ == "__main__":  # pragma: no cover
    main()
