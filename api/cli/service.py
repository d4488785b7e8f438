"""`offset serve` (the whole service in one process) and `offset worker` (a job worker)."""

from __future__ import annotations

import logging
from typing import Annotated

import typer

from api.cli.common import handle_errors


def _configure_logging() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")


def register(app: typer.Typer) -> None:
    @app.command()
    @handle_errors
    def serve(
        host: Annotated[str, typer.Option(help="Address to listen on (0.0.0.0 for every interface).")] = "127.0.0.1",
        port: Annotated[int, typer.Option(min=0, max=65535, help="Port (0 picks a free one).")] = 8000,
        workers: Annotated[
            bool, typer.Option(help="Run job workers in this process (with OFFSET_QUEUE=inprocess).")
        ] = True,
    ) -> None:
        """Run the service: API under /api, database migrated on start, jobs in worker threads (inprocess).

        Defaults: SQLite and storage in OFFSET_DATA_DIR (./offset-data). Set OFFSET_DATABASE_URL for
        PostgreSQL and OFFSET_QUEUE=celery to hand jobs to `offset worker` processes.
        """
        import socket

        import uvicorn

        from api.main import create_app, start_context

        _configure_logging()
        ctx = start_context()
        settings = ctx.settings
        from api.storage.cleanup import remove_leftovers

        remove_leftovers(ctx)
        run_workers = workers and settings.queue == "inprocess"
        sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        bound = sock.getsockname()[1]
        shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host  # noqa: S104
        typer.echo(
            f"Offset is running at http://{shown}:{bound}/ (API docs: http://{shown}:{bound}/docs)\n"
            f"  database {ctx.db.dialect}, storage {settings.resolved_storage_dir}, queue {settings.queue}"
            + (" (workers in this process)" if run_workers else " (run `offset worker` for jobs)"),
            err=False,
        )
        config = uvicorn.Config(create_app(ctx, start_workers=run_workers), log_level="info", access_log=False)
        server = uvicorn.Server(config)
        scheduler = None
        if settings.retention_interval_hours > 0 and settings.queue == "inprocess":
            # Scaled out (celery), Celery beat runs retention instead: `offset worker --beat` on one worker.
            from api.retention.schedule import RetentionScheduler

            scheduler = RetentionScheduler(ctx, settings.retention_interval_hours)
            scheduler.start()
        try:
            server.run(sockets=[sock])
        finally:
            if scheduler is not None:
                scheduler.stop()
            ctx.close()

    @app.command()
    @handle_errors
    def worker(
        beat: Annotated[
            bool,
            typer.Option(
                help="Also run Celery beat (the daily retention run) in this worker; give it to exactly one worker."
            ),
        ] = False,
    ) -> None:
        """Run a job worker (a Celery consumer, or a database poller with OFFSET_QUEUE=inprocess).

        Any number may run, on any machine that shares the database and the storage.
        """
        from api.main import start_context

        _configure_logging()
        ctx = start_context()
        typer.echo(f"Offset worker: queue {ctx.settings.queue}, database {ctx.db.dialect}", err=True)
        try:
            if ctx.settings.queue == "celery":
                from api.jobs.celery_worker import run_celery_worker

                run_celery_worker(ctx, beat=beat)
            else:
                from api.jobs.inprocess import InProcessQueue

                queue = InProcessQueue(ctx)
                ctx.queue = queue
                queue.run_forever()
        except KeyboardInterrupt:
            typer.echo("worker stopped", err=True)
        finally:
            ctx.close()
