"""Command groups shared by several command modules (kept apart to avoid import cycles)."""

from __future__ import annotations

import typer

eval_app = typer.Typer(
    help="Measure Offset: transcription, redaction and drafting quality, and admin time reclaimed.",
    no_args_is_help=True,
)
