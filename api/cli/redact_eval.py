"""`offset eval redaction`: leak rate, recall, precision and F2 per entity type on a labelled set."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from api.cli.common import handle_errors, require_eval_extra
from api.cli.groups import eval_app


def register(app: typer.Typer) -> None:
    """Adds `redaction` to the shared `offset eval` group."""

    @eval_app.command("redaction")
    @handle_errors
    def eval_redaction(
        split: Annotated[str, typer.Option(help="Committed UK set: 'dev', 'heldout' or 'all'.")] = "all",
        dataset: Annotated[
            Path | None,
            typer.Option(help="Score a presidio-research JSON dataset instead (e.g. synth_dataset_v2.json)."),
        ] = None,
        limit: Annotated[int | None, typer.Option(help="Score only the first N texts.")] = None,
        json_out: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    ) -> None:
        """Score redaction; the headline is the leak rate (identifiers left fully or partly visible)."""
        require_eval_extra()
        from assistant.settings import get_settings
        from evaluation.redaction_eval import format_table, load_presidio_synth, load_uk_set, score_redaction
        from redaction.redactor import get_redactor

        examples = load_presidio_synth(dataset) if dataset else load_uk_set(split)
        if limit is not None:
            examples = examples[:limit]
        redactor = get_redactor(get_settings())
        redactor.redact_text("warm up")  # load spaCy before timing
        scores = score_redaction(examples, redactor)
        if json_out:
            typer.echo(scores.model_dump_json(indent=2))
            return
        title = f"redaction on {dataset}" if dataset else f"redaction on the UK set ({split})"
        typer.echo(format_table(scores, title))
