"""`offset transcribe`: audio in, timed transcript out."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from api.cli.common import handle_errors


def _read_vocabulary(path: Path | None) -> list[str] | None:
    """The terms of a vocabulary file: text, one per line with '#' comments, or YAML (`terms:`)."""
    if path is None:
        return None
    from assistant.vocabulary import Vocabulary

    return list(Vocabulary.load(path).terms)


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
            Path | None,
            typer.Option(help="Council terms to bias recognition: a text file (one per line) or YAML (terms: list)."),
        ] = None,
        language: Annotated[str | None, typer.Option(help="Force a language code, e.g. 'en'.")] = None,
    ) -> None:
        """Transcribe a recording with local faster-whisper (no network)."""
        from assistant.audio import load_audio
        from assistant.settings import get_settings
        from assistant.speech_presence import require_speech
        from assistant.transcription import transcribe as run

        settings = get_settings()
        terms = _read_vocabulary(vocabulary)  # a bad file fails before decoding
        decoded = load_audio(audio, settings)
        result = run(decoded, settings, model=model, vocabulary=terms, language=language)
        require_speech(result)
        if json_out:
            typer.echo(result.model_dump_json(indent=2))
            return
        for seg in result.segments:
            who = f"{result.speaker_name(seg.speaker)}: " if seg.speaker else ""
            typer.echo(f"[{seg.start:7.2f} - {seg.end:7.2f}] {who}{seg.text}")
