"""`offset eval run`: the real pipeline over a corpus, scored stage by stage, resumable.

Every unit of work (one visit through one stage with one model) writes its result to its own
file under `--out` as soon as it finishes, written atomically; a run that is interrupted and
started again skips what is already there. Layout:

    out/redaction.json                               redaction scores on the reference lines
    out/asr/<model>/<variant>/<visit>/transcript.json, asr.json
    out/drafting/<source>/<visit>/draft.<drafter>.<template>.json, drafting...json
    out/summary.json, eval_report.html, events.jsonl + time_report.* (modelled review time)
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.errors import BadInputError
from evaluation.corpus_truth import VisitTruth, load_corpus
from evaluation.time_model import default_model

if TYPE_CHECKING:
    from assistant.settings import Settings
    from core.transcript import Transcript

STAGES = ("asr", "redaction", "drafting")
VARIANTS = ("clean", "noisy")


@dataclass
class EvalConfig:
    corpus: Path
    out: Path
    stages: tuple[str, ...] = STAGES
    models: tuple[str, ...] = ("tiny.en",)
    variants: tuple[str, ...] = ("clean",)
    drafter: str = "extractive"
    templates: tuple[str, ...] = ("general_visit",)
    only: tuple[str, ...] = ()
    warnings: list[str] = field(default_factory=list)

    def check(self) -> None:
        unknown = [s for s in self.stages if s not in STAGES]
        if unknown:
            raise BadInputError(f"Unknown stage(s) {', '.join(unknown)}. Choose from {', '.join(STAGES)}.")
        bad = [v for v in self.variants if v not in VARIANTS]
        if bad:
            raise BadInputError(f"Unknown audio variant(s) {', '.join(bad)}. Choose from {', '.join(VARIANTS)}.")


def write_json(path: Path, data: Any) -> None:
    """Write atomically, so an interrupted run never leaves half a result behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".part")
    tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def safe_name(name: str) -> str:
    """A model or drafter name as a folder name."""
    return "".join(c if c.isalnum() or c in "._-" else "_" for c in name)


class Progress:
    """Rich progress bars: one for the whole run, one for the recording being transcribed."""

    def __init__(self, total: int, enabled: bool = True) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
        from rich.progress import Progress as RichProgress

        self.bar = RichProgress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            disable=not enabled,
        )  # fmt: skip
        self.overall = self.bar.add_task("evaluation", total=total)
        self.current = self.bar.add_task("", total=100, visible=False)

    def step(self, description: str) -> Callable[[float], None]:
        self.bar.update(self.current, description=f"  {description}", completed=0, visible=True)
        return lambda fraction: self.bar.update(self.current, completed=fraction * 100)

    def done(self) -> None:
        self.bar.update(self.current, visible=False)
        self.bar.advance(self.overall)


def templates_for(config: EvalConfig, truth: VisitTruth) -> list[str]:
    """The forms to draft for a visit: those asked for, or with `all`, every form it has facts for."""
    if config.templates == ("all",):
        return sorted(truth.reference_facts)
    return list(config.templates)


def _units(config: EvalConfig, visits: list[VisitTruth]) -> int:
    n = 1 if "redaction" in config.stages else 0
    combos = len(config.models) * len(config.variants) if "asr" in config.stages else 1
    for truth in visits:
        n += combos * (("asr" in config.stages) + ("drafting" in config.stages) * len(templates_for(config, truth)))
    return n


def _asr_unit(
    config: EvalConfig, settings: Settings, truth: VisitTruth, model: str, variant: str, progress: Progress
) -> Transcript:
    from core.transcript import Transcript
    from evaluation.eval_stages import score_transcript, transcribe_visit

    folder = config.out / "asr" / safe_name(model) / variant / truth.id
    transcript_path, timing_path, metrics_path = (
        folder / "transcript.json",
        folder / "timing.json",
        folder / "asr.json",
    )
    if transcript_path.is_file() and timing_path.is_file():
        transcript = Transcript.load(transcript_path)
        if metrics_path.is_file():
            return transcript
        seconds = read_json(timing_path)["transcribe_seconds"]  # rescoring only: ground truth changed
    else:
        audio = config.corpus / truth.audio[variant]
        if not audio.is_file():
            raise BadInputError(f"{audio}: missing. Rebuild the audio with `python -m evaluation.corpus.generate`.")
        started = time.perf_counter()
        transcript = transcribe_visit(audio, settings, model, progress.step(f"{model} {variant} {truth.id}"))
        seconds = time.perf_counter() - started
        folder.mkdir(parents=True, exist_ok=True)
        transcript.save(transcript_path)
        write_json(timing_path, {"transcribe_seconds": round(seconds, 2)})
    metrics = score_transcript(truth, transcript)
    metrics.update(visit=truth.id, variant=variant, transcribe_seconds=round(seconds, 2))
    metrics["real_time_factor"] = round(seconds / max(transcript.duration, 1e-6), 4)
    write_json(metrics_path, metrics)
    return transcript


def _drafting_unit(
    config: EvalConfig,
    settings: Settings,
    truth: VisitTruth,
    transcript: Transcript,
    source: str,
    template: str,
) -> None:
    from evaluation.drafting_eval import redacted_names
    from evaluation.eval_stages import draft_visit, redact, score_drafting_stage

    folder = config.out / "drafting" / source / truth.id
    metrics_path = folder / f"drafting.{safe_name(config.drafter)}.{template}.json"
    if metrics_path.is_file():
        return
    if template not in truth.reference_facts:
        config.warnings.append(f"{truth.id}: no reference facts for template {template}; drafting not scored")
        return
    from assistant.drafting.models import Draft

    started = time.perf_counter()
    draft_path = folder / f"draft.{safe_name(config.drafter)}.{template}.json"
    redacted = redact(transcript, settings)
    if draft_path.is_file():  # drafted before; only the scoring is missing
        draft = Draft.load(draft_path)
    else:
        draft = draft_visit(redacted, template, config.drafter, settings)
        folder.mkdir(parents=True, exist_ok=True)
        draft.save(draft_path)
    names = redacted_names(transcript, redacted)
    metrics = score_drafting_stage(truth, draft, template, default_model(), len(transcript.text.split()), names)
    metrics.update(
        visit=truth.id, source=source, template=template, drafter=config.drafter,
        seconds=round(time.perf_counter() - started, 2), worker_id=truth.worker_id, team=truth.team,
        visit_type=truth.visit_type, date=truth.date,
    )  # fmt: skip
    write_json(metrics_path, metrics)


def run_eval(config: EvalConfig, settings: Settings, show_progress: bool = True) -> dict[str, Any]:
    """Run every requested stage over the corpus; returns the summary (also written to disk)."""
    from evaluation.eval_stages import reference_transcript, score_redaction_stage
    from evaluation.eval_summary import summarise_run

    config.check()
    visits = load_corpus(config.corpus)
    if config.only:
        visits = [v for v in visits if v.id in config.only]
        if not visits:
            raise BadInputError(f"None of {', '.join(config.only)} is in {config.corpus}/ground_truth.")
    config.out.mkdir(parents=True, exist_ok=True)
    progress = Progress(_units(config, visits), enabled=show_progress)
    with progress.bar:
        if "redaction" in config.stages:
            path = config.out / "redaction.json"
            if not path.is_file() or read_json(path).get("visits") != [v.id for v in visits]:
                progress.step("redaction on reference lines")
                write_json(path, score_redaction_stage(visits, settings))
            progress.done()
        for truth in visits:
            if "asr" in config.stages:
                for model in config.models:
                    for variant in config.variants:
                        transcript = _asr_unit(config, settings, truth, model, variant, progress)
                        progress.done()
                        if "drafting" in config.stages:
                            for template in templates_for(config, truth):
                                source = f"{safe_name(model)}.{variant}"
                                _drafting_unit(config, settings, truth, transcript, source, template)
                                progress.done()
            elif "drafting" in config.stages:
                for template in templates_for(config, truth):
                    _drafting_unit(config, settings, truth, reference_transcript(truth), "reference", template)
                    progress.done()
    return summarise_run(config, visits)
