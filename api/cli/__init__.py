"""`offset` command line. Each command group lives in its own module with a `register(app)`."""

from __future__ import annotations

import importlib

import typer

from api.cli.groups import eval_app

app = typer.Typer(
    name="offset",
    help="Offset: turn a visit recording into a redacted, timed transcript and an evidence-linked draft.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

app.add_typer(eval_app, name="eval")

# One explicit list: add a module here when it defines `register(app)`.
COMMAND_MODULES = [
    "api.cli.redact",
    "api.cli.redact_eval",
    "api.cli.transcribe",
    "api.cli.process",
    "api.cli.draft",
    "api.cli.speakers",
    "api.cli.evaluate",
    "api.cli.service",
    "api.cli.demo",
    "api.cli.accounts",
    "api.cli.audit",
    "api.cli.retention",
    "api.cli.visits",
]

for _name in COMMAND_MODULES:
    importlib.import_module(_name).register(app)


def main() -> None:
    """Console-script entry point."""
    app()
