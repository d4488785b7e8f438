"""`offset serve` (the whole service in one process) and `offset worker` (a job worker)."""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

import typer

from api.cli.common import handle_errors

if TYPE_CHECKING:
    import uvicorn
    from fastapi import FastAPI

    from api.context import ServiceContext


def configure_logging() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # Each HTTP request of the demo's own client, and Presidio loading each recognizer, said nothing an
    # operator needs at INFO; their warnings still show.
    for chatty in ("httpx", "presidio-analyzer"):
        logging.getLogger(chatty).setLevel(logging.WARNING)


def bind(host: str, port: int) -> tuple[socket.socket, str]:
    """A listening socket (port 0 picks a free one) and the URL to print for it."""
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    bound = sock.getsockname()[1]
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host  # noqa: S104
    return sock, f"http://{shown}:{bound}/"


def describe(ctx: ServiceContext, run_workers: bool) -> str:
    settings = ctx.settings
    return f"database {ctx.db.dialect}, storage {settings.resolved_storage_dir}, queue {settings.queue}" + (
        " (workers in this process)" if run_workers else " (run `offset worker` for jobs)"
    )


def uvicorn_server(app: FastAPI) -> uvicorn.Server:
    import uvicorn

    return uvicorn.Server(uvicorn.Config(app, log_level="info", access_log=False))


def run_service(
    ctx: ServiceContext,
    host: str,
    port: int,
    run_workers: bool,
    on_started: Callable[[uvicorn.Server, str], None] | None = None,
) -> None:
    """Serve the app over `ctx` until stopped (Ctrl-C); `on_started(server, url)` runs in a thread once it
    answers (the demo's set-up). Closes the context at the end."""
    from api.main import create_app
    from api.storage.cleanup import remove_leftovers

    remove_leftovers(ctx)
    sock, url = bind(host, port)
    typer.echo(f"Offset is running at {url} (API docs: {url}docs)\n  " + describe(ctx, run_workers))
    server = uvicorn_server(create_app(ctx, start_workers=run_workers))
    scheduler = None
    if ctx.settings.retention_interval_hours > 0 and ctx.settings.queue == "inprocess":
        # Scaled out (celery), Celery beat runs retention instead: `offset worker --beat` on one worker.
        from api.retention.schedule import RetentionScheduler

        scheduler = RetentionScheduler(ctx, ctx.settings.retention_interval_hours)
        scheduler.start()
    helper = None
    if on_started is not None:

        def when_started() -> None:
            while not server.started and not server.should_exit:
                time.sleep(0.05)
            on_started(server, url)

        helper = threading.Thread(target=when_started, name="on-started", daemon=True)
        helper.start()
    try:
        server.run(sockets=[sock])
    finally:
        server.should_exit = True
        if helper is not None:
            helper.join(timeout=5)
        if scheduler is not None:
            scheduler.stop()
        ctx.close()


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
        from api.main import start_context

        configure_logging()
        ctx = start_context()
        run_service(ctx, host, port, workers and ctx.settings.queue == "inprocess")

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

        configure_logging()
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
