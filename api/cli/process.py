"""`offset process`: every stage on one recording, files written to a directory."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from api.cli.common import handle_errors
from api.cli.transcribe import _read_vocabulary


def register(app: typer.Typer) -> None:
    @app.command()
    @handle_errors
    def process(
        audio: Annotated[Path, typer.Argument(help="Recording of the visit (wav, mp3, m4a, ogg, webm, flac).")],
        template: Annotated[str, typer.Option(help="Form template name (see `offset templates list`).")] = (
            "general_visit"
        ),
        out: Annotated[
            Path, typer.Option(help="Folder for the six outputs (transcript.json, redacted.json, draft.json, ...).")
        ] = Path("out"),
        model: Annotated[str | None, typer.Option(help="Whisper model: 'tiny.en', 'base' or a directory.")] = None,
        drafter: Annotated[str | None, typer.Option(help="Drafter: 'extractive' (default) or 'llm'.")] = None,
        known: Annotated[
            Path | None,
            typer.Option(help="JSON of identifiers known at upload (names, address, DOB, NHS number) to redact."),
        ] = None,
        vocabulary: Annotated[
            Path | None, typer.Option(help="Council terms: a text file (one per line) or YAML (terms: list).")
        ] = None,
        speakers: Annotated[
            int | None,
            typer.Option(min=1, max=8, help="How many people spoke, if known (estimated, 1-6, when not given)."),
        ] = None,
        no_speakers: Annotated[
            bool, typer.Option("--no-speakers", help="Do not label who said what (on by default).")
        ] = False,
        profile: Annotated[
            Path | None, typer.Option(help="Practitioner voice profile from `offset speakers enrol`.")
        ] = None,
        translate: Annotated[
            bool, typer.Option(help="Detect language per segment; add machine-translated English.")
        ] = False,
        force: Annotated[
            bool, typer.Option("--force", help="Replace the outputs of an earlier run in --out (never by default).")
        ] = False,
    ) -> None:
        """Transcribe, redact and draft one visit; writes all outputs to --out, never over an earlier run's."""
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        from assistant.errors import BadInputError
        from assistant.pipeline import process as run
        from assistant.settings import get_settings

        if no_speakers and (speakers is not None or profile is not None):
            raise BadInputError("--no-speakers turns speaker labels off; drop it, or drop --speakers/--profile.")

        known_ids = None
        if known is not None:
            from redaction.redactor import KnownIdentifiers

            known_ids = KnownIdentifiers.load(known)
        with Progress(
            TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(), transient=True
        ) as bar:
            task = bar.add_task("transcribing", total=1.0)

            def on_progress(stage: str, fraction: float) -> None:
                bar.update(task, description=stage, completed=fraction)

            result = run(
                audio,
                template,
                out,
                settings=get_settings(),
                model=model,
                drafter_name=drafter,
                known=known_ids,
                vocabulary=_read_vocabulary(vocabulary),
                on_progress=on_progress,
                speakers=speakers,
                profile=profile,
                translate=translate,
                overwrite=force,
                diarize=False if no_speakers else None,
            )
        fields = result.draft.fields
        drafted = sum(1 for f in fields if f.status != "not_discussed")
        who = f", {len(result.transcript.speakers)} speakers" if result.transcript.speakers else ""
        typer.echo(f"Transcript: {result.files['transcript']} ({len(result.transcript.segments)} segments{who})")
        typer.echo(f"Redacted:   {result.files['redacted']} ({sum(result.redacted.entity_counts.values())} removed)")
        typer.echo(f"Draft:      {result.files['markdown']} ({drafted}/{len(fields)} fields drafted)")
        typer.echo(f"JSON draft: {result.files['draft']}")
        total = sum(t.seconds for t in result.timings)
        typer.echo(f"Done in {total:.1f} s for {result.transcript.duration:.1f} s of audio.")
