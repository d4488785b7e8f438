"""`offset speakers`: enrol a practitioner's voice once, rename speaker labels; `offset eval speech`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from api.cli.common import handle_errors, require_eval_extra
from api.cli.groups import eval_app

speakers_app = typer.Typer(
    help="Speaker labels: enrol a practitioner's voice, rename speakers.", no_args_is_help=True
)


def rename_speaker(transcript_path: Path, label: str, name: str) -> dict[str, str]:
    """Set the display name of `label` in a transcript file; returns the new speakers map."""
    from assistant.errors import BadInputError
    from core.transcript import Transcript

    transcript = Transcript.load(transcript_path)
    known = set(transcript.speakers) | {s.speaker for s in transcript.segments if s.speaker}
    if label not in known:
        by_name = {v: k for k, v in transcript.speakers.items()}
        if label in by_name:
            label = by_name[label]
        else:
            raise BadInputError(
                f"{transcript_path}: no speaker '{label}'. "
                f"Speakers here: {', '.join(sorted(known)) or 'none'} "
                "(run `offset process --speakers 2` to label speakers first)."
            )
    if not name.strip():
        raise BadInputError("Give a non-empty display name, e.g. Daughter.")
    transcript.speakers[label] = name.strip()
    transcript.save(transcript_path)
    return transcript.speakers


@speakers_app.command("rename")
@handle_errors
def rename(
    transcript: Annotated[Path, typer.Argument(help="transcript.json to edit in place.")],
    label: Annotated[str, typer.Argument(help="Speaker label (SPEAKER_2) or its current display name.")],
    name: Annotated[str, typer.Argument(help="New display name, e.g. Daughter.")],
) -> None:
    """Rename a speaker (e.g. SPEAKER_2 -> Daughter); redaction, drafting and evidence use the new name."""
    speakers = rename_speaker(transcript, label, name)
    for key, value in speakers.items():
        typer.echo(f"{key}: {value}")


@speakers_app.command("enrol")
@handle_errors
def enrol_cmd(
    audio: Annotated[Path, typer.Argument(help="15-30 s recording of the practitioner speaking alone.")],
    name: Annotated[str, typer.Option("--name", help="Practitioner's display name.")],
    out: Annotated[
        Path | None, typer.Option(help="Where to save the profile (default: the cache dir).")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace a profile already saved there.")] = False,
) -> None:
    """Enrol a practitioner's voice once; pass the profile to `offset process --profile`."""
    from assistant.audio import load_audio
    from assistant.diarization import default_profile_path, enrol
    from assistant.settings import get_settings
    from core.outputs import check_output_file

    settings = get_settings()
    path = out or default_profile_path(settings, name)
    path.parent.mkdir(parents=True, exist_ok=True)
    check_output_file(path, force=force)  # before the work: an earlier enrolment is never lost by accident
    profile = enrol(load_audio(audio, settings), name)
    profile.save(path)
    typer.echo(f"Saved voice profile for {profile.name} ({profile.speech_seconds:.0f} s of speech) to {path}")


@eval_app.command("speech")
@handle_errors
def eval_speech(
    model: Annotated[str, typer.Option(help="Whisper model for the English fixtures.")] = "tiny.en",
    multilingual_model: Annotated[str, typer.Option(help="Multilingual model for language checks.")] = "base",
    stereo: Annotated[
        Path | None,
        typer.Option(help="Extra stereo recording, one speaker per channel."),
    ] = None,
    rttm: Annotated[
        Path | None,
        typer.Option(
            help="Folder of recordings with reference turns (*.rttm, optional *.uem), e.g. "
            "../shared/data/audio/ami-debug: DER, word attribution and speaker count, count given and estimated."
        ),
    ] = None,
    corpus: Annotated[
        Path | None, typer.Option(help="Scripted evaluation corpus (evaluation/corpus): the same, per visit.")
    ] = None,
    variants: Annotated[str, typer.Option(help="Corpus audio variants, comma separated: clean,noisy.")] = "clean",
    transcripts: Annotated[
        Path | None,
        typer.Option(
            help="An `offset eval run --out` folder whose --corpus and --rttm transcripts to reuse "
            "(skips ASR); missing ones are transcribed and saved there."
        ),
    ] = None,
    speakers_model: Annotated[
        str, typer.Option(help="Whisper model for --rttm and --corpus (the pipeline's default).")
    ] = "base",
    fixtures: Annotated[
        bool, typer.Option(help="Also score the committed fixtures (speakers, languages, vocabulary).")
    ] = True,
    json_out: Annotated[Path | None, typer.Option("--json", help="Also write the results here.")] = None,
) -> None:
    """DER, word attribution, speaker count, language detection and term WER."""
    require_eval_extra()
    from assistant.settings import get_settings
    from evaluation.speaker_eval import run_corpus_eval, run_rttm_eval
    from evaluation.speech_eval import SpeechResults, run_speech_eval

    settings = get_settings()
    results = (
        run_speech_eval(model=model, multilingual_model=multilingual_model, stereo=stereo)
        if fixtures
        else SpeechResults()
    )
    if rttm is not None:
        rttm_rows = run_rttm_eval(rttm, settings, speakers_model, transcripts)
        results.rows.update({f"rttm/{k}": v for k, v in rttm_rows.items()})
    if corpus is not None:
        names = tuple(v.strip() for v in variants.split(",") if v.strip())
        rows = run_corpus_eval(corpus, settings, speakers_model, names, transcripts)
        results.rows.update({f"corpus/{k}": v for k, v in rows.items()})
    for line in results.lines():
        typer.echo(line)
    if json_out:
        json_out.write_text(results.to_json(), encoding="utf-8")


def register(app: typer.Typer) -> None:
    app.add_typer(speakers_app, name="speakers")
