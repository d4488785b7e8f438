"""`offset visits delete ID --reason TEXT [--approved-record]`: delete a visit from the server (the digital team)."""

from __future__ import annotations

from typing import Annotated

import typer

from api.cli.common import EXIT_INTERNAL, fail, handle_errors

visits_app = typer.Typer(
    help="Visits, from the server: delete one (consent withdrawn, an agreed erasure).", no_args_is_help=True
)


def register(app: typer.Typer) -> None:
    app.add_typer(visits_app, name="visits")

    @visits_app.command("delete")
    @handle_errors
    def delete(
        visit_id: Annotated[str, typer.Argument(help="The visit's id (as the web pages and GET /api/visits show).")],
        reason: Annotated[str, typer.Option("--reason", help="Why, kept in the audit log (e.g. 'consent withdrawn').")],
        approved_record: Annotated[
            bool,
            typer.Option(
                "--approved-record",
                help="Also delete an approved record (only when the council has agreed to erase it).",
            ),
        ] = False,
    ) -> None:
        """Delete the visit and everything it holds (recording, transcripts, drafts, versions); audited.

        Practitioners and supervisors delete unapproved visits from the web pages or the API
        (DELETE /api/visits/ID); an approved record needs --approved-record here.
        """
        from api.cli.accounts import cli_username
        from api.db.models import Visit
        from api.errors import ApiError
        from api.main import start_context
        from api.retention.erase import delete_visit, deletion_entry

        ctx = start_context()
        try:
            with ctx.db.sessions() as s:
                visit = s.get(Visit, visit_id)
                if visit is None:
                    gone = deletion_entry(s, visit_id)
                    if gone is not None:
                        raise fail(f"visit {visit_id} was already deleted on {gone.at.date().isoformat()}.")
                    raise fail(f"no visit {visit_id}. Check the id (the visit's page shows it).")
                try:
                    done = delete_visit(
                        ctx, s, visit, reason, user=None, username=cli_username(), approved_record=approved_record
                    )
                except ApiError as e:
                    raise fail(e.message) from e
        finally:
            ctx.close()
        typer.echo(
            f"deleted visit {done.visit_id} (was {done.status}): {done.objects} stored object(s), "
            f"{done.bytes} bytes; audit entry {done.audit_seq}"
        )
        for key in done.not_removed:
            typer.echo(f"not removed from storage: {key} (the start-up clean-up removes it)", err=True)
        if done.not_removed:
            raise typer.Exit(EXIT_INTERNAL)
