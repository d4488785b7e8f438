"""`offset redact`: text or a transcript in, redacted text or a JSON redaction report out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from api.cli.common import handle_errors, read_text_arg


def _looks_like_transcript(text: str) -> bool:
    stripped = text.lstrip()
    return stripped.startswith("{") and '"segments"' in stripped[:100_000]


def register(app: typer.Typer) -> None:
    @app.command()
    @handle_errors
    def redact(
        file: Annotated[
            str, typer.Argument(help="Text file, a transcript.json, or '-' for standard input.")
        ] = "-",
        json_out: Annotated[
            bool,
            typer.Option("--json", help="Print a JSON report: redacted text, every span, counts by type."),
        ] = False,
        known: Annotated[
            Path | None,
            typer.Option(
                help="JSON of identifiers known at upload (name, family, address, DOB, NHS number...)."
            ),
        ] = None,
        vault: Annotated[
            Path | None,
            typer.Option(help="Write the placeholder -> value map here, encrypted (never over an existing vault)."),
        ] = None,
        force: Annotated[bool, typer.Option("--force", help="Replace the --vault file if it exists.")] = False,
    ) -> None:
        """Redact personal data: names, UK identifiers (typed or spoken), addresses, dates of birth."""
        from collections import Counter

        from assistant.settings import get_settings
        from core.transcript import Transcript
        from redaction.known import KnownIdentifiers
        from redaction.redactor import get_redactor
        from redaction.vault import Vault

        if vault is not None:
            from core.outputs import check_output_file

            check_output_file(vault, force, "--vault")  # a vault is the only way back to the real values
        settings = get_settings()
        text = read_text_arg(file)
        known_ids = KnownIdentifiers.load(known) if known else None
        redactor = get_redactor(settings)
        if file != "-" and _looks_like_transcript(text):
            outcome = redactor.redact_transcript(Transcript.load(Path(file)), known_ids)
            entries = outcome.vault_entries
            if json_out:
                typer.echo(outcome.redacted.model_dump_json(indent=2))
            else:
                typer.echo(outcome.redacted.text)
        else:
            result, entries = redactor.redact(text, known_ids)
            if json_out:
                report = {
                    "text": result.text,
                    "entity_counts": dict(sorted(Counter(e.entity_type for e in result.entities).items())),
                    "placeholders": sorted(entries),
                    "entities": [e.model_dump() for e in result.entities],
                    "provenance": redactor.provenance().model_dump(),
                }
                typer.echo(json.dumps(report, indent=2))
            else:
                typer.echo(result.text, nl=not result.text.endswith("\n"))
        if vault is not None:
            Vault(settings.vault_key).save(vault, entries)
            typer.echo(f"vault: {len(entries)} entries written encrypted to {vault}", err=True)
