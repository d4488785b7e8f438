"""Who-said-what on real and synthetic multi-speaker recordings, with and without the count given.

Two sources, both reached by path (nothing here reads `../shared/data` by itself):

* a folder of recordings with RTTM reference turns and UEM regions (`evaluation.datasets.rttm`), e.g.
  the ten real AMI meeting excerpts: each whole excerpt is transcribed and diarized, then scored only
  inside its annotated region, as is usual for UEM-scored sets;
* the synthetic evaluation corpus (`evaluation/corpus`): scripted visits with 2-3 espeak-ng voices
  whose line timings are the reference.

For each recording: DER (0.25 s collar), word attribution (share of words given the right speaker,
labels mapped one-to-one; a word in overlapped speech is right if it went to any speaker talking),
with the true count given and with the count estimated, and the estimated count (speakers given words
inside the scored region) against two reference counts: every speaker with a reference turn in the
scored region (`true_speakers`), and only those who own at least one recognised word, by the rule
word attribution uses (`true_speakers_with_words`). A transcript can only show a speaker who has
words, so the second is what a user reading it can check; on the AMI excerpts several people say
0.4-1.8 s that Whisper does not transcribe, which the first count still expects to be found.
Recordings are split into a tuning part (used to set the clustering thresholds) and a held-out part, reported apart.
The speaker-count tuning recordings (`evaluation/speaker_corpus`, ids s01-s20, synthetic) are all tuning.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path

from assistant.audio import DecodedAudio
from assistant.settings import Settings
from core.transcript import Transcript
from evaluation.datasets.rttm import Turn

Row = dict[str, float | str]
# AMI excerpts: trn00-trn04 tuned the count thresholds, trn05-trn09 held out; corpus: v01-v06 / v07-v12.
AMI_TUNED = frozenset({"trn00", "trn01", "trn02", "trn03", "trn04"})
CORPUS_TUNED = frozenset({"v01", "v02", "v03", "v04", "v05", "v06"})
SPEAKER_TUNING_PREFIX = "s"  # evaluation/speaker_corpus: s01, s02, ... all tuning material
VOICES = {1: "one_voice", 2: "two_voices", 3: "three_voices", 4: "four_voices"}


def rttm_tuned(key: str) -> bool:
    """Whether an RTTM recording may be used to choose rules: AMI trn00-trn04, and the recordings spliced
    from them (`evaluation.datasets.splice`)."""
    from evaluation.datasets.splice import SPLICE_PREFIX

    return key in AMI_TUNED or key.startswith(SPLICE_PREFIX)


def corpus_tuned(key: str) -> bool:
    """Whether a corpus recording (by its short id) may be used to choose rules."""
    return key in CORPUS_TUNED or key.startswith(SPEAKER_TUNING_PREFIX)


def in_region(transcript: Transcript, start: float, end: float) -> Transcript:
    """The transcript restricted to words (and segments) whose middle lies in [start, end)."""
    segments = []
    for seg in transcript.segments:
        words = [w for w in seg.words if start <= (w.start + w.end) / 2 < end]
        if words:
            segments.append(seg.model_copy(update={"words": words, "start": words[0].start, "end": words[-1].end}))
        elif not seg.words and start <= (seg.start + seg.end) / 2 < end:
            segments.append(seg)
    return transcript.model_copy(update={"segments": segments})


def speakers_with_words(reference: list[Turn], transcript: Transcript, region: tuple[float, float]) -> int:
    """Reference speakers who own at least one recognised word inside `region`, by the rule word
    attribution uses: whoever is talking at the word's middle, else whoever spoke nearest in time."""
    from evaluation.speech_eval import _ref_speakers

    found: set[str] = set()
    for seg in in_region(transcript, *region).segments:
        for w in seg.words:
            found |= _ref_speakers(reference, (w.start + w.end) / 2)
    return len(found)


def score_labels(reference: list[Turn], transcript: Transcript, region: tuple[float, float]) -> Row:
    """DER, word attribution and speaker count inside `region`."""
    from evaluation.speech_eval import attribution, der, hypothesis_turns

    scored = in_region(transcript, *region)
    words = sum(len(s.words) for s in scored.segments)
    speakers = {w.speaker for s in scored.segments for w in s.words if w.speaker}
    if not scored.segments:
        return {"DER": 1.0, "word_attribution": 0.0, "words": 0, "speakers": 0}
    return {
        "DER": round(der(reference, hypothesis_turns(scored)), 3),
        "word_attribution": round(attribution(reference, scored), 3),
        "words": words,
        "speakers": len(speakers),
    }


def diarize_both_ways(audio: DecodedAudio, transcript: Transcript, settings: Settings, reference: list[Turn],
                      region: tuple[float, float]) -> Row:  # fmt: skip
    """Score diarization with the true count given and with it estimated."""
    from assistant.diarization import diarize

    true = len({s for s, _, _ in reference})
    row: Row = {"true_speakers": true, "true_speakers_with_words": speakers_with_words(reference, transcript, region)}
    for mode, count in (("given", true), ("estimated", None)):
        started = time.perf_counter()
        labelled = diarize(audio, transcript, settings, num_speakers=count)
        took = time.perf_counter() - started
        scores = score_labels(reference, labelled, region)
        row.update({f"{mode}_{k}": v for k, v in scores.items() if k != "words"})
        row[f"{mode}_speakers_whole_file"] = len(labelled.speakers)
        row["words"] = scores["words"]
        row[f"{mode}_seconds"] = round(took, 2)
    return row


def summarise(rows: dict[str, Row], tuned: Callable[[str], bool]) -> dict[str, Row]:
    """Pooled attribution, mean DER and count accuracy, for the tuned part, the held-out part and all."""
    out: dict[str, Row] = {}
    parts = {"tuned": [k for k in rows if tuned(k)], "held_out": [k for k in rows if not tuned(k)], "all": list(rows)}
    for part, keys in parts.items():
        if not keys:
            continue
        words = sum(float(rows[k]["words"]) for k in keys) or 1.0
        summary: Row = {"recordings": len(keys)}
        for mode in ("given", "estimated"):
            attributed = sum(float(rows[k][f"{mode}_word_attribution"]) * float(rows[k]["words"]) for k in keys)
            summary[f"{mode}_word_attribution"] = round(attributed / words, 3)
            summary[f"{mode}_mean_DER"] = round(sum(float(rows[k][f"{mode}_DER"]) for k in keys) / len(keys), 3)
        for suffix, true in (("", "true_speakers"), ("_vs_speakers_with_words", "true_speakers_with_words")):
            if any(true not in rows[k] for k in keys):
                continue
            errors = [abs(float(rows[k]["estimated_speakers"]) - float(rows[k][true])) for k in keys]
            summary[f"count_right{suffix}"] = round(sum(e == 0 for e in errors) / len(keys), 2)
            summary[f"count_within_one{suffix}"] = round(sum(e <= 1 for e in errors) / len(keys), 2)
        out[part] = summary
    return out


def _cached_transcript(
    transcripts: Path | None, model: str, variant: str, key: str, audio: DecodedAudio, settings: Settings
) -> Transcript:
    """The transcript saved under `transcripts` (the `offset eval run --out` layout), else transcribed
    now and saved there, so a re-run only redoes the diarization."""
    from assistant.transcription import transcribe

    path = None if transcripts is None else _transcript_path(transcripts, model, variant, key)
    if path is not None and path.is_file():
        return Transcript.load(path)
    transcript = transcribe(audio, settings, model=model)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        transcript.save(path)
    return transcript


def _transcript_path(transcripts: Path, model: str, variant: str, key: str) -> Path:
    return transcripts / "asr" / model.replace("/", "_") / variant / key / "transcript.json"


def run_rttm_eval(folder: Path, settings: Settings, model: str, transcripts: Path | None = None) -> dict[str, Row]:
    """Per-recording rows and summaries for a folder of RTTM-annotated recordings (e.g. AMI excerpts);
    transcripts are reused from (and saved to) `transcripts`/asr/MODEL/rttm/ID when given."""
    from assistant.audio import load_audio
    from evaluation.datasets.rttm import load_rttm_folder

    rows: dict[str, Row] = {}
    for rec in load_rttm_folder(folder):
        audio = load_audio(rec.audio, settings)
        transcript = _cached_transcript(transcripts, model, "rttm", rec.id, audio, settings)
        rows[rec.id] = diarize_both_ways(audio, transcript, settings, list(rec.turns), rec.scored)
    summary = summarise(rows, rttm_tuned)
    return {**rows, **{f"summary/{k}": v for k, v in summary.items()}}


def run_corpus_eval(
    corpus: Path, settings: Settings, model: str, variants: Iterable[str] = ("clean",), transcripts: Path | None = None
) -> dict[str, Row]:
    """Rows and summaries on the scripted corpus; reuses `offset eval run --out` transcripts when given
    (and saves the missing ones there)."""
    from assistant.audio import load_audio
    from assistant.errors import BadInputError
    from evaluation.corpus_truth import load_corpus

    out: dict[str, Row] = {}
    for variant in variants:
        rows: dict[str, Row] = {}
        for truth in load_corpus(corpus):
            path = corpus / truth.audio[variant]
            if not path.is_file():
                raise BadInputError(f"{path}: missing. Rebuild the audio with `python -m evaluation.corpus.generate`.")
            audio = load_audio(path, settings)
            transcript = _cached_transcript(transcripts, model, variant, truth.id, audio, settings)
            reference = [(line.speaker, line.start or 0.0, line.end or 0.0) for line in truth.lines]
            rows[truth.id[:3]] = diarize_both_ways(audio, transcript, settings, reference, (0.0, audio.duration))
        out.update({f"{variant}/{k}": v for k, v in rows.items()})
        summary = summarise(rows, corpus_tuned)
        for n, name in VOICES.items():
            group = {k: v for k, v in rows.items() if v["true_speakers"] == n}
            if not group:
                continue
            for part, found in summarise(group, corpus_tuned).items():
                summary[name if part == "all" else f"{name}/{part}"] = found
        out.update({f"{variant}/summary/{k}": v for k, v in summary.items()})
    return out
