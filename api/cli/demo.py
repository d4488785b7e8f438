"""`offset demo`: the service on the embedded defaults with a demo council in it, ready to sign in to."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from api.cli.common import fail, handle_errors
from api.cli.service import configure_logging, run_service

if TYPE_CHECKING:
    import uvicorn

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "visit_demo.ogg"


def register(app: typer.Typer) -> None:
    @app.command()
    @handle_errors
    def demo(
        host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
        port: Annotated[int, typer.Option(min=0, max=65535, help="Port (0 picks a free one).")] = 8000,
        sample: Annotated[Path, typer.Option(help="The recording uploaded as the demo visit.")] = SAMPLE,
        template: Annotated[str, typer.Option(help="Form the sample visit is drafted into.")] = "general_visit",
        serve: Annotated[
            bool, typer.Option(help="Keep serving once the sample is drafted (--no-serve: set up, then stop).")
        ] = True,
        timeout: Annotated[float, typer.Option(help="Longest wait for the sample's draft, in seconds.")] = 1800,
    ) -> None:
        """Start the service with a demo council: one team, a practitioner, a supervisor, an evaluator and
        an admin (sign-ins printed), and the sample visit uploaded and drafted by the job worker.

        Safe to run again: existing accounts and the sample visit are kept. Everything lives in
        OFFSET_DATA_DIR (./offset-data); refused with OFFSET_MODE=production.
        """
        import os

        from api.demo import DemoError, ensure_demo_accounts, ensure_sample_visit
        from api.main import start_context

        # One practitioner's numbers would all be withheld at the default minimum group size (5), so the
        # demo shows them unless told otherwise; a real deployment keeps the default.
        os.environ.setdefault("OFFSET_METRICS_MIN_GROUP_SIZE", "1")
        configure_logging()
        ctx = start_context()
        try:
            sign_ins = ensure_demo_accounts(ctx)
        except DemoError as e:
            ctx.close()
            raise fail(str(e)) from e
        failed: list[BaseException] = []

        def set_up(server: uvicorn.Server, url: str) -> None:
            practitioner = next(s for s in sign_ins if s.role == "practitioner")
            try:
                ensure_sample_visit(
                    url.rstrip("/"),
                    practitioner,
                    sample,
                    template,
                    timeout=timeout,
                    report=lambda line: typer.echo(line, err=True),
                )
            except (DemoError, OSError) as e:
                failed.append(e)
                typer.echo(f"error: {e}", err=True)
            width = max(len(s.email) for s in sign_ins)
            lines = [f"  {s.role:<13} {s.email:<{width}}  password: {s.password}" for s in sign_ins]
            typer.echo(
                f"\nOffset demo is running at {url}  (API docs: {url}docs)\nSign in as:\n"
                + "\n".join(lines)
                + f"\n(kept in {ctx.settings.data_dir / 'demo-sign-ins.json'}; stop with Ctrl-C)\n"
                f"Time metrics show groups of {ctx.settings.metrics_min_group_size}+ visits here "
                "(OFFSET_METRICS_MIN_GROUP_SIZE; the default elsewhere is 5)."
            )
            if not serve:
                server.should_exit = True

        # The sample is drafted by the in-process worker (with OFFSET_QUEUE=celery, by an `offset worker`).
        run_service(ctx, host, port, run_workers=ctx.settings.queue == "inprocess", on_started=set_up)
        if failed and not serve:
            raise typer.Exit(2)
