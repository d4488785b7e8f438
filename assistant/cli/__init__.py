"""`offset` command line. Each command group lives in its own module with a `register(app)`."""

from __future__ import annotations

import importlib

import typer

from assistant.cli.groups import eval_app

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
    "assistant.cli.redact",
    "assistant.cli.redact_eval",
    "assistant.cli.transcribe",
    "assistant.cli.process",
    "assistant.cli.draft",
    "assistant.cli.speakers",
    "assistant.cli.evaluate",
]

for _name in COMMAND_MODULES:
    importlib.import_module(_name).register(app)


def main() -> None:
    """Console-script entry point."""
    app()
