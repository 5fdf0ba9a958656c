"""The ``followthrough`` command: parse arguments, call the library, format output."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path
from typing import Any

import click

from .analyse.timex import find_timexes
from .config import Settings
from .dates import Moment, parse_user_moment, today_utc
from .errors import FollowthroughError
from .link import coverage, ledger, registry
from .link.status import STATUSES
from .pipeline import InputOutcome, analyse_documents, plan
from .pipeline import ingest as ingest_inputs
from .store import Store
from .store import ledger as ledger_rows


class _Group(click.Group):
    """Turns every ``FollowthroughError`` into one line on stderr and its exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except FollowthroughError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(exc.exit_code)


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
        click.echo(json.dumps(row, ensure_ascii=False))


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

    Exit status: 0 when every input was stored, 1 when some failed.
    """
    moment = _date_option(published, "--published")
    store = _store(ctx)
    total = len(plan(paths))
    show_bar = not quiet and total > 1 and sys.stderr.isatty()
    bar = click.progressbar(length=total, label="ingesting", file=sys.stderr) if show_bar else None

    def report(outcome: InputOutcome) -> None:
        for message in outcome.warnings:
            click.echo(f"\nwarning: {message}" if bar else f"warning: {message}", err=True)
        for message in outcome.errors:
            click.echo(f"\nerror: {message}" if bar else f"error: {message}", err=True)
        if bar:
            bar.update(1)

    if bar:
        bar.__enter__()
    try:
        result = ingest_inputs(store, paths, published=moment, outlet=outlet, settings=_settings(ctx),
                               on_input=report, analyse=analyse)
    finally:
        if bar:
            bar.__exit__(None, None, None)
    if not quiet:
        click.echo(
            f"added {result.added}, updated {result.updated}, unchanged {result.unchanged}, "
            f"failed {result.failed}",
            err=True,
        )
    ctx.exit(1 if result.failed else 0)


@main.command()
@click.option("--outlet", metavar="NAME", help="Only documents from this outlet.")
@click.option("--json", "as_json", is_flag=True, help="JSON Lines, one document per line.")
@click.pass_context
def documents(ctx: click.Context, outlet: str | None, as_json: bool) -> None:
    """List stored documents: id, published, outlet, title."""
    rows = _store(ctx).documents(outlet=outlet)
    if as_json:
        _emit_json(asdict(row) for row in rows)
        return
    for row in rows:
        click.echo(f"{row.id:>5}  {_when(row.published):<16}  {_cut(row.outlet or '-', 24):<24}  {row.title or ''}")


@main.command()
@click.argument("document_id", type=int)
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
    click.echo(f"id:         {doc.id}")
    click.echo(f"title:      {doc.title or ''}")
    click.echo(f"outlet:     {doc.outlet or '-'}")
    click.echo(f"published:  {doc.published or 'unknown'}" + (f" ({doc.published_precision})" if doc.published else ""))
    if doc.author:
        click.echo(f"author:     {doc.author}")
    if doc.url:
        click.echo(f"url:        {doc.url}")
    for origin in doc.origins:
        where = f" chars {origin.start}-{origin.end}" if origin.start is not None else ""
        click.echo(f"origin:     {origin.source} part {origin.part}{where}")
    for r in related:
        how = "same story" if r.same_story else f"story {r.story_id}"
        click.echo(f"related:    {r.id} ({how}, {r.outlet or '-'}, {_when(r.published)}) {_cut(r.title or '', 70)}")
    click.echo("")
    click.echo(doc.text)


@main.command()
@click.argument("query", nargs=-1, required=True)
@click.option("--outlet", metavar="NAME", help="Only documents from this outlet.")
@click.option("--since", metavar="DATE", help="Only documents published on or after DATE.")
@click.option("--until", metavar="DATE", help="Only documents published on or before DATE.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many results.")
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
        click.echo("no matches", err=True)
    for hit in hits:
        click.echo(f"{hit.id:>5}  {_when(hit.published):<16}  {_cut(hit.outlet or '-', 24):<24}  {hit.title or ''}")
        snippet = hit.snippet
        if sys.stdout.isatty():
            snippet = _bold_marks(snippet)
        click.echo(f"       {snippet}")


def _when(published: str | None) -> str:
    """A stored time as a table shows it: to the minute, in UTC."""
    return published[:16].replace("T", " ") if published else "-"


@main.command()
@click.argument("document_ids", nargs=-1, type=int)
@click.option("--all", "everything", is_flag=True, help="Re-analyse every document.")
@click.pass_context
def analyse(ctx: click.Context, document_ids: tuple[int, ...], everything: bool) -> None:
    """Find people and quotes in stored documents (those not yet analysed, or the ids given)."""
    store = _store(ctx)
    ids = [d.id for d in store.documents()] if everything else (list(document_ids) or None)
    count = analyse_documents(store, ids, settings=_settings(ctx))
    click.echo(f"analysed {count} documents", err=True)


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
        click.echo(f"{q.id:>5}  doc {q.document_id:<4} {q.kind:<8} {_cut(who, 22):<22}  {words}")


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
        click.echo(f"{p.id:>5}  {_cut(p.name, 26):<26}  {_cut(where, 40):<40}  {roles}")


@people.command(name="import")
@click.argument("csv_file", type=click.Path(dir_okay=False))
@click.pass_context
def people_import(ctx: click.Context, csv_file: str) -> None:
    """Load a members list (columns display_as, party_text, pcon_name, member_id)."""
    store = _store(ctx)
    with store.transaction() as connection:
        added, updated = registry.import_members(connection, Path(csv_file))
    click.echo(f"members: added {added}, updated {updated}", err=True)


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
        click.echo(f"{entry.id:>5}  {entry.status:<16} {_cut(who, 20):<20} {_cut(entry.action, 70)}{due}")


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
        click.echo(f"{r['document_id']:>5}  R{r['number']:<3} {_cut(r['addressee'] or '?', 24):<24} {accepted:<26} "
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
        click.echo(f"{t.start:>6}-{t.end:<6} {t.type:<9} {t.value:<14} {t.text}")


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
        click.echo(f"{s.id:>5}  {span:<24} {len(s.documents):>3} docs  {_cut(s.title or '', 70)}{thread}")
        if s.outlets:
            click.echo(f"{'':>7}outlets: {', '.join(s.outlets)}")
        if s.people:
            click.echo(f"{'':>7}people:  {', '.join(s.people)}")


def _story_row(s: Any) -> dict[str, Any]:
    return {"id": s.id, "title": s.title, "first_seen": s.first_seen, "last_seen": s.last_seen,
            "documents": list(s.documents), "outlets": list(s.outlets), "people": list(s.people), "thread": s.thread}


@main.command()
@click.argument("story_id", type=int)
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
    click.echo(f"story {s.id}: {s.title or ''}")
    click.echo(f"seen {_when(s.first_seen)} to {_when(s.last_seen)}, {len(s.documents)} documents"
               + (f", first by {found.first}" if found.first else ""))
    click.echo("\nBrief")
    for b in found.brief:
        click.echo(f"  - {' '.join(b.text.split())} [doc {b.document_id} {b.start}-{b.end}]")
    click.echo("\nTimeline")
    for d, ids in found.timeline:
        click.echo(f"  {d or 'undated':<10}  {len(ids)} document(s): {', '.join(map(str, ids))}")
    click.echo("\nOutlets")
    for c in found.coverage:
        stressed = ", ".join(c.people + c.terms)
        click.echo(f"  {_cut(c.outlet, 24):<24} {len(c.documents)} doc(s) from {_when(c.first_published)}"
                   + (f"; stressed {stressed}" if stressed else ""))
    if found.related:
        click.echo("\nRelated stories")
        for r in found.related:
            click.echo(f"  {r.id:>5}  {_when(r.first_seen):<10} {_cut(r.title or '', 70)}")
    click.echo(f"\nQuotes ({len(said)})")
    for q in said:
        who = q.speaker.name if q.speaker else "(unattributed)"
        click.echo(f"  {_cut(who, 22):<22} {_cut(' '.join(q.text.split()), 80)}")
    click.echo(f"\nCommitments ({len(entries)})")
    for e in entries:
        who = e.actor.person.name if e.actor.person else (e.actor.organisation or "?")
        click.echo(f"  {e.id:>5}  {e.status:<16} {_cut(who, 20):<20} {_cut(e.action, 60)}")


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _bold_marks(snippet: str) -> str:
    pieces = snippet.split("**")
    return "".join(click.style(p, bold=True) if i % 2 else p for i, p in enumerate(pieces))


if __name__ == "__main__":  # pragma: no cover
    main()
