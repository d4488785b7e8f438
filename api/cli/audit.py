"""`offset audit verify` (the hash chain, end to end) and `offset audit events` (the review events log)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from api.cli.common import EXIT_INTERNAL, handle_errors

audit_app = typer.Typer(help="Check the audit log; export the review events.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(audit_app, name="audit")

    @audit_app.command("verify")
    @handle_errors
    def verify() -> None:
        """Walk the hash chain; exit 1 naming the first entry that was altered, removed or inserted."""
        from api.audit import verify_chain
        from api.main import start_context

        ctx = start_context()
        try:
            with ctx.db.sessions() as s:
                report = verify_chain(s)
        finally:
            ctx.close()
        if report.problem is not None:
            typer.echo(
                f"audit log broken after {report.entries} good entries: {report.problem.describe()}. "
                "Compare with a backup or an exported copy (GET /api/audit?format=csv) to see what changed.",
                err=True,
            )
            raise typer.Exit(EXIT_INTERNAL)
        typer.echo(f"{report.entries} entries, chain intact")

    @audit_app.command("events")
    @handle_errors
    def events(
        out: Annotated[Path, typer.Option(help="JSON Lines file to write (what `offset eval time --events` reads).")],
        team: Annotated[str | None, typer.Option(help="Only this team's events.")] = None,
    ) -> None:
        """Export the review events the service recorded (draft opened, editing time, submitted, returned,
        approved), one JSON object a line."""
        from api.audit.time_events import stored_events
        from api.main import start_context

        ctx = start_context()
        n = 0
        tmp = out.with_name(f".{out.name}.part")
        try:
            with ctx.db.sessions() as s, tmp.open("w", encoding="utf-8") as f:
                for event in stored_events(s, team):
                    f.write(event.model_dump_json(exclude_none=True) + "\n")
                    n += 1
            tmp.replace(out)
        finally:
            tmp.unlink(missing_ok=True)
            ctx.close()
        typer.echo(f"{n} review events written to {out}")
