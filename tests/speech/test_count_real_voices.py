"""Real voices: a second person's short turns inside another's long talk get a speaker; one real voice stays one.

The fixtures are resemblyzer window embeddings (float16) of recordings spliced from the tuned AMI meeting
excerpts (`evaluation.datasets.splice`; audio from the AMI meeting corpus, CC BY 4.0, via pyannote.audio's
test data): `splice_dominant_one_interject`, one man talking for 29 s (trn03) with another's 4.5 s and
1.5 s (trn00) joined in, and `splice_one_voice_meo069`, the first man alone. `others` is each window's
share of time in the second voice. Before the ninth pass (`MINORITY_DISTINCT` 4.5, set on espeak-ng voices)
the second voice's group scored 4.3 and was folded into the first: one speaker.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant.diarization import clustering
from assistant.diarization.clustering import cluster

SPEECH = Path(__file__).parents[1] / "fixtures" / "speech"


def _windows(name: str) -> tuple[np.ndarray, np.ndarray, np.lib.npyio.NpzFile]:
    z = np.load(SPEECH / name)
    return z["vectors"].astype(np.float32), z["starts"].astype(float), z


def test_a_real_second_voice_with_two_short_turns_is_a_speaker(monkeypatch: pytest.MonkeyPatch) -> None:
    vectors, starts, z = _windows("windows_real_dominant_one_interject.npz")
    others = z["others"].astype(float) > 0.5
    labels = cluster(vectors, starts=starts)
    assert labels.max() + 1 == 2
    main = int(np.argmax(np.bincount(labels)))
    assert np.all(others[labels != main])  # the new speaker is the second voice only
    assert np.mean(others[labels == main]) < 0.05
    monkeypatch.setattr(clustering, "MINORITY_DISTINCT", 4.5)  # the eighth pass's bar
    assert cluster(vectors, starts=starts).max() + 1 == 1


def test_one_real_voice_stays_one_speaker() -> None:
    vectors, starts, _ = _windows("windows_real_one_voice.npz")
    assert cluster(vectors, starts=starts).max() + 1 == 1
