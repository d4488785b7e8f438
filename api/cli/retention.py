"""`offset retention run [--dry-run]`: delete what the retention policy says is due."""

from __future__ import annotations

from typing import Annotated

import typer

from api.cli.common import EXIT_INTERNAL, handle_errors

retention_app = typer.Typer(
    help="Delete recordings and transcripts the retention policy says are due.", no_args_is_help=True
)


def register(app: typer.Typer) -> None:
    app.add_typer(retention_app, name="retention")

    @retention_app.command("run")
    @handle_errors
    def run(
        dry_run: Annotated[bool, typer.Option("--dry-run", help="List what is due; delete nothing.")] = False,
    ) -> None:
        """Delete what is due (OFFSET_RETENTION_* settings), from storage and database, auditing each deletion.

        The approved record is kept: the visit, its approved draft, the vault and the audit log.
        """
        from api.main import start_context
        from api.retention import run_retention

        ctx = start_context()
        try:
            report = run_retention(ctx, dry_run=dry_run)
        finally:
            ctx.close()
        for item in report.due if dry_run else report.deleted:
            verb = "due" if dry_run else "deleted"
            typer.echo(f"{verb}: visit {item.visit_id} {item.kind} ({item.size} bytes): {item.reason()}")
        for item, error in report.failed:
            typer.echo(f"not removed from storage: visit {item.visit_id} {item.kind}: {error}", err=True)
        typer.echo(report.summary())
        if report.failed:
            raise typer.Exit(EXIT_INTERNAL)
