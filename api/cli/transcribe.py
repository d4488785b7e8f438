"""`offset transcribe`: audio in, timed transcript out."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from api.cli.common import handle_errors


def _read_vocabulary(path: Path | None) -> list[str] | None:
    """One term per line; blank lines and '#' comments ignored."""
    if path is None:
        return None
    from assistant.errors import BadInputError

    if not path.is_file():
        raise BadInputError(f"{path}: no such vocabulary file. Give a text file with one term per line.")
    lines = path.read_text(encoding="utf-8").splitlines()
    return [t.strip() for t in lines if t.strip() and not t.lstrip().startswith("#")]


def register(app: typer.Typer) -> None:
    @app.command()
    @handle_errors
    def transcribe(
        audio: Annotated[Path, typer.Argument(help="Recording: wav, mp3, m4a/aac, ogg/opus, webm or flac.")],
        model: Annotated[
            str | None, typer.Option(help="'tiny.en', 'base' or a CTranslate2 model directory. Default: setting.")
        ] = None,
        json_out: Annotated[bool, typer.Option("--json", help="Print the full transcript as JSON.")] = False,
        vocabulary: Annotated[
            Path | None, typer.Option(help="Text file of council terms (one per line) to bias recognition.")
        ] = None,
        language: Annotated[str | None, typer.Option(help="Force a language code, e.g. 'en'.")] = None,
    ) -> None:
        """Transcribe a recording with local faster-whisper (no network)."""
        from assistant.audio import load_audio
        from assistant.settings import get_settings
        from assistant.transcription import transcribe as run

        settings = get_settings()
        decoded = load_audio(audio, settings)
        result = run(decoded, settings, model=model, vocabulary=_read_vocabulary(vocabulary), language=language)
        if json_out:
            typer.echo(result.model_dump_json(indent=2))
            return
        for seg in result.segments:
            who = f"{result.speaker_name(seg.speaker)}: " if seg.speaker else ""
            typer.echo(f"[{seg.start:7.2f} - {seg.end:7.2f}] {who}{seg.text}")
