"""`offset eval speech`: diarization error rate, word attribution, language detection, term WER.

Fixtures are the project's own synthesised visits (tests/fixtures/) whose scripts give who spoke
when; an extra stereo recording (one speaker per channel) can be scored by diarizing its mono
mix-down against what its channels say.
"""

from __future__ import annotations

import dataclasses
import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy.optimize import linear_sum_assignment

from core.transcript import Transcript

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
COLLAR_S = 0.25
STEP = 0.01

Turn = tuple[str, float, float]  # speaker, start, end


def _grid(turns: list[Turn], labels: list[str], n: int) -> np.ndarray:
    g = np.zeros((len(labels), n), dtype=bool)
    for spk, a, b in turns:
        g[labels.index(spk), int(a / STEP) : int(b / STEP)] = True
    return g


def der(reference: list[Turn], hypothesis: list[Turn], collar: float = COLLAR_S) -> float:
    """Diarization error rate (missed + false alarm + confusion) / reference speech, with a collar."""
    end = max(b for _, _, b in reference + hypothesis)
    n = int(end / STEP) + 2
    rl, hl = sorted({s for s, _, _ in reference}), sorted({s for s, _, _ in hypothesis})
    ref, hyp = _grid(reference, rl, n), _grid(hypothesis, hl, n) if hl else np.zeros((0, n), bool)
    scored = np.ones(n, dtype=bool)
    for _, a, b in reference:
        for t in (a, b):
            scored[max(0, int((t - collar) / STEP)) : int((t + collar) / STEP)] = False
    ref, hyp = ref[:, scored], hyp[:, scored]
    overlap = ref.astype(int) @ hyp.T.astype(int) if len(hl) else np.zeros((len(rl), 0))
    rows, cols = linear_sum_assignment(-overlap) if len(hl) else ([], [])
    n_ref, n_hyp = ref.sum(axis=0), hyp.sum(axis=0)
    correct = np.zeros(ref.shape[1], dtype=int)
    for r, c in zip(rows, cols, strict=True):
        correct += ref[r] & hyp[c]
    total = n_ref.sum()
    errors = np.maximum(n_ref, n_hyp) - correct
    return float(errors.sum() / total) if total else 0.0


def _ref_speaker(turns: list[Turn], t: float) -> str:
    return min(turns, key=lambda x: 0.0 if x[1] <= t <= x[2] else min(abs(t - x[1]), abs(t - x[2])))[0]


def _ref_speakers(turns: list[Turn], t: float) -> set[str]:
    """Everyone talking at `t` (overlapped speech has several), else whoever spoke nearest in time."""
    active = {s for s, a, b in turns if a <= t <= b}
    return active or {_ref_speaker(turns, t)}


def attribution(reference: list[Turn], transcript: Transcript, fixed: dict[str, str] | None = None) -> float:
    """Share of words given the right speaker (labels mapped optimally unless `fixed` says how).

    In overlapped speech a word is right if it went to any of the people talking.
    """
    pairs = [
        (_ref_speakers(reference, (w.start + w.end) / 2), w.speaker or "")
        for s in transcript.segments
        for w in s.words
    ]
    if not pairs:
        return 0.0
    if fixed is None:
        rl, hl = sorted({r for refs, _ in pairs for r in refs}), sorted({h for _, h in pairs})
        m = np.zeros((len(rl), len(hl)))
        for refs, h in pairs:
            for r in refs:
                m[rl.index(r), hl.index(h)] += 1
        rows, cols = linear_sum_assignment(-m)
        fixed = {hl[c]: rl[r] for r, c in zip(rows, cols, strict=True)}
    return sum(fixed.get(h) in refs for refs, h in pairs) / len(pairs)


def hypothesis_turns(transcript: Transcript) -> list[Turn]:
    return [(s.speaker or "?", s.start, s.end) for s in transcript.segments]


def _norm(text: str) -> list[str]:
    return re.sub(r"[^a-z0-9' ]", " ", text.lower().replace("-", "")).split()


def term_wer(reference: str, hypothesis: str, terms: list[str]) -> tuple[int, int]:
    """(errors, term words) for the reference words that belong to listed terms."""
    import jiwer

    ref, hyp = _norm(reference), _norm(hypothesis)
    term_tokens = [_norm(t) for t in terms]
    in_term = [False] * len(ref)
    for tt in term_tokens:
        for i in range(len(ref) - len(tt) + 1):
            if ref[i : i + len(tt)] == tt:
                for j in range(i, i + len(tt)):
                    in_term[j] = True
    out = jiwer.process_words(" ".join(ref), " ".join(hyp))
    ok = [False] * len(ref)
    for chunk in out.alignments[0]:
        if chunk.type == "equal":
            for j in range(chunk.ref_start_idx, chunk.ref_end_idx):
                ok[j] = True
    n = sum(in_term)
    return sum(1 for t, k in zip(in_term, ok, strict=True) if t and not k), n


@dataclass
class SpeechResults:
    """Every number `offset eval speech` reports."""

    rows: dict[str, dict[str, float | str]] = field(default_factory=dict)

    def lines(self) -> list[str]:
        return [f"{name}: " + ", ".join(f"{k}={v}" for k, v in row.items()) for name, row in self.rows.items()]

    def to_json(self) -> str:
        return json.dumps(dataclasses.asdict(self), indent=2)


def _script(path: Path) -> list[Turn]:
    return [(x["speaker"], x["start"], x["end"]) for x in json.loads(path.read_text())["lines"]]


def run_speech_eval(
    model: str = "tiny.en", multilingual_model: str = "base", stereo: Path | None = None
) -> SpeechResults:
    """Run every speech measurement on the committed fixtures (and an optional stereo file)."""
    from assistant.audio import load_audio
    from assistant.diarization import PRACTITIONER, SpeakerProfile, diarize, enrol
    from assistant.languages import detect_segment_languages
    from assistant.settings import get_settings
    from assistant.transcription import transcribe
    from assistant.vocabulary import Vocabulary, correct_transcript

    settings = get_settings()
    res = SpeechResults()
    profile: SpeakerProfile = enrol(load_audio(FIXTURES / "speech" / "enrol_practitioner.ogg", settings), "P")
    for name, audio_path in [
        ("visit_short", FIXTURES / "audio" / "visit_short.wav"),
        ("visit_stereo", FIXTURES / "speech" / "visit_stereo.ogg"),
    ]:
        ref = _script(audio_path.with_suffix(".json"))
        audio = load_audio(audio_path, settings, keep_channels=True)
        t0 = time.perf_counter()
        tr = transcribe(audio, settings, model=model)
        asr = time.perf_counter() - t0
        mono = dataclasses.replace(audio, channels=None)
        for mode, prof, a in [
            ("clustering", None, mono),
            ("profile", profile, mono),
            ("channels", profile, audio),
        ]:
            if mode == "channels" and audio.channels is None:
                continue
            t0 = time.perf_counter()
            d = diarize(a, tr, settings, profile=prof)
            took = time.perf_counter() - t0
            fixed = None
            if prof is not None:
                fixed = {lab: ("practitioner" if lab == PRACTITIONER else "person") for lab in d.speakers}
            res.rows[f"{name}/{mode}"] = {
                "DER": round(der(ref, hypothesis_turns(d)), 3),
                "word_attribution": round(attribution(ref, d, fixed), 3),
                "speakers": len(d.speakers),
                "diarization_s": round(took, 2),
                "diarization_rtf": round(took / audio.duration, 4),
                "asr_s": round(asr, 2),
                "overhead_vs_asr": f"{100 * took / asr:.1f}%",
            }
    if stereo is not None:
        res.rows["stereo_mixdown"] = _stereo_mixdown(stereo, model)
    # Languages: per-segment detection on the interpreted English/Polish visit.
    mixed = FIXTURES / "speech" / "mixed_language.ogg"
    script = json.loads(mixed.with_suffix(".json").read_text())
    audio = load_audio(mixed, settings)
    t0 = time.perf_counter()
    tr = detect_segment_languages(
        audio, transcribe(audio, settings, model=multilingual_model), settings, model=multilingual_model
    )
    took = time.perf_counter() - t0
    truth = [(script["languages"][x["speaker"]], x["start"], x["end"]) for x in script["lines"]]
    hits = [_ref_speaker(truth, (s.start + s.end) / 2) == s.language for s in tr.segments]
    res.rows["languages/mixed_en_pl"] = {
        "recording_language": str(tr.language),
        "segment_accuracy": round(sum(hits) / max(len(hits), 1), 3),
        "segments": len(hits),
        "detected": " ".join(str(s.language) for s in tr.segments),
        "seconds": round(took, 2),
    }
    # Vocabulary: term WER without and with (hotwords + post-correction).
    vpath = FIXTURES / "speech" / "vocab_terms.ogg"
    vscript = json.loads(vpath.with_suffix(".json").read_text())
    vocab = Vocabulary.load(FIXTURES / "speech" / "vocabulary.txt")
    audio = load_audio(vpath, settings)
    reference = " ".join(x["text"] for x in vscript["lines"])
    plain = transcribe(audio, settings, model=model)
    hot = transcribe(audio, settings, model=model, vocabulary=list(vocab.terms))
    fixed_tr = correct_transcript(hot, vocab)
    only_fix = correct_transcript(plain, vocab)
    for label, t in [
        ("without", plain),
        ("hotwords", hot),
        ("correction_only", only_fix),
        ("with", fixed_tr),
    ]:
        e, n = term_wer(reference, t.text, list(vocab.terms))
        res.rows[f"vocabulary/{label}"] = {
            "term_WER": round(e / max(n, 1), 3),
            "term_errors": e,
            "term_words": n,
            "corrections": sum(len(s.corrections) for s in t.segments),
        }
    return res


def _stereo_mixdown(path: Path, model: str) -> dict[str, float | str]:
    """Channels give the reference; the mono mix-down is diarized from voices alone."""
    from assistant.audio import load_audio
    from assistant.diarization import diarize
    from assistant.diarization.align import STEP_S
    from assistant.diarization.channels import channel_timeline
    from assistant.settings import get_settings
    from assistant.transcription import transcribe

    settings = get_settings()
    audio = load_audio(path, settings, keep_channels=True)
    track = channel_timeline(audio.channels, audio.duration)
    if track is None:
        return {"error": "channels do not separate speakers"}
    ref: list[Turn] = []
    for i in np.flatnonzero(track.sum(axis=0) > 0):
        spk = f"ch{int(np.argmax(track[:, i]))}"
        a = i * STEP_S
        if ref and ref[-1][0] == spk and a - ref[-1][2] < 0.2:
            ref[-1] = (spk, ref[-1][1], a + STEP_S)
        else:
            ref.append((spk, a, a + STEP_S))
    tr = transcribe(audio, settings, model=model)
    d = diarize(dataclasses.replace(audio, channels=None), tr, settings, num_speakers=2)
    return {"DER": round(der(ref, hypothesis_turns(d)), 3), "word_attribution": round(attribution(ref, d), 3)}
