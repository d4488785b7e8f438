"""`offset draft` and `offset templates list`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from api.cli.common import handle_errors, require_eval_extra
from api.cli.groups import eval_app
from assistant.errors import BadInputError, InvalidDocumentError
from redaction.models import RedactedTranscript

templates_app = typer.Typer(help="Form templates (prompts/<form>.yaml).", no_args_is_help=True)


def load_redacted(path: Path):
    """A RedactedTranscript from `path`; a raw Transcript is redacted first (drafters never see raw text)."""
    from assistant.settings import get_settings
    from core.transcript import Transcript

    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise InvalidDocumentError(f"{path}: no such file. Check the path.") from e
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise InvalidDocumentError(
            f"{path}: not a JSON transcript ({e}). "
            "Give redacted.json or transcript.json from `offset process`."
        ) from e
    if isinstance(raw, dict) and "audio" in raw and "options" in raw:
        from redaction.redactor import get_redactor

        transcript = Transcript.load(path)
        return get_redactor(get_settings()).redact_transcript(transcript).redacted
    return RedactedTranscript.load(path)


def register(app: typer.Typer) -> None:
    """Add `draft` and `templates` to the CLI."""

    @app.command("draft")
    @handle_errors
    def draft_cmd(
        transcript: Annotated[
            Path, typer.Argument(help="redacted.json (or transcript.json: redacted first).")
        ],
        template: Annotated[str, typer.Option(help="Form template name (see `offset templates list`).")] = (
            "general_visit"
        ),
        drafter: Annotated[str | None, typer.Option(help="'extractive' (default) or 'llm'.")] = None,
        as_json: Annotated[
            bool, typer.Option("--json", help="Print the draft as JSON with evidence and checks.")
        ] = False,
        out: Annotated[
            Path | None, typer.Option(help="Also write the draft JSON to this file (never over an existing one).")
        ] = None,
        force: Annotated[bool, typer.Option("--force", help="Replace the --out file if it exists.")] = False,
    ) -> None:
        """Draft a form from a transcript: every field with its evidence, checks and flags."""
        from assistant.drafting.registry import get_drafter
        from assistant.drafting.render import render_markdown
        from assistant.settings import get_settings
        from core.outputs import check_output_file
        from prompts import load_template

        if out is not None:
            check_output_file(out, force)  # before any work
        settings = get_settings()
        form = load_template(template)
        chosen = get_drafter(drafter or settings.drafter, settings)
        redacted = load_redacted(transcript)
        result = chosen.draft(redacted, form)
        if out is not None:
            result.save(out)
        typer.echo(result.model_dump_json(indent=2) if as_json else render_markdown(result))

    @templates_app.command("list")
    @handle_errors
    def list_cmd(
        as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
    ) -> None:
        """List the form templates: name, version, title and fields."""
        from prompts import list_templates

        templates = list_templates()
        if as_json:
            typer.echo(
                json.dumps(
                    [
                        {
                            "name": t.name,
                            "version": t.version,
                            "title": t.title,
                            "fields": [f.id for f in t.fields],
                        }
                        for t in templates
                    ],
                    indent=2,
                )
            )
            return
        for t in templates:
            typer.echo(f"{t.name:<28} v{t.version:<6} {t.title} ({len(t.fields)} fields)")

    app.add_typer(templates_app, name="templates")
    eval_app.command("drafting")(eval_drafting)


@handle_errors
def eval_drafting(
    aci_bench: Annotated[Path | None, typer.Option(help="ACI-BENCH folder (dialogue -> full note).")] = None,
    mts_dialog: Annotated[
        Path | None, typer.Option(help="MTS-Dialog folder (pairs + correlation study).")
    ] = None,
    template: Annotated[str, typer.Option(help="Form the dialogues are drafted into.")] = "general_visit",
    drafter: Annotated[str | None, typer.Option(help="'extractive' (default) or 'llm'.")] = None,
    aci_split: Annotated[str, typer.Option(help="ACI-BENCH split: train, valid or test1.")] = "test1",
    mts_split: Annotated[str, typer.Option(help="MTS-Dialog split: train or valid.")] = "valid",
    limit: Annotated[int | None, typer.Option(help="Score only the first N dialogues of each set.")] = None,
    bench: Annotated[
        bool, typer.Option(help="Also time drafting a ~10-minute transcript (needs --aci-bench).")
    ] = (False),
) -> None:
    """Score drafts: ROUGE, field recall, unsupported-statement rate; MTS-Dialog hallucination correlation."""
    require_eval_extra()
    from assistant.drafting.registry import get_drafter
    from assistant.settings import get_settings
    from evaluation import drafting_eval as de
    from prompts import load_template

    if aci_bench is None and mts_dialog is None:
        raise BadInputError("give --aci-bench DIR and/or --mts-dialog DIR (e.g. ../shared/data/aci-bench).")
    settings = get_settings()
    form = load_template(template)
    report: dict[str, object] = {"template": form.name}
    if bench and aci_bench is not None:
        report["bench"] = de.bench_drafting(aci_bench, settings, form)
    chosen = get_drafter(drafter or settings.drafter, settings)
    report["drafter"] = chosen.name
    if aci_bench is not None:
        report["aci_bench"] = de.evaluate_aci_bench(aci_bench, chosen, form, aci_split, limit)
    if mts_dialog is not None:
        report["mts_dialog"] = de.evaluate_mts_pairs(mts_dialog, chosen, form, mts_split, limit)
        report["mts_correlation"] = de.mts_correlation(mts_dialog)
    typer.echo(json.dumps(report, indent=2))
