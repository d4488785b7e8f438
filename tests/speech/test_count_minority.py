"""A voice that says only a few words beside one that does nearly all the talking still gets a speaker.

The fixtures are real resemblyzer window embeddings (float16) of synthetic tuning recordings
(evaluation/speaker_corpus): s18, one espeak-ng voice with short interjections from two others (1-3 s
each), and s20, one voice with a few short sentences from a second. `others` is each window's share
of time in a voice other than the main one, by the script. Before the minority rule s18 was one
speaker and s20's two clusters were both the main voice.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant.diarization.clustering import cluster

SPEECH = Path(__file__).parents[1] / "fixtures" / "speech"


def _windows(name: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    z = np.load(SPEECH / name)
    return z["vectors"].astype(np.float32), z["starts"].astype(float), z["others"].astype(float)


@pytest.mark.parametrize("name", ["windows_one_voice_dominant_three.npz", "windows_one_voice_dominant_two.npz"])
def test_interjections_get_a_speaker_apart_from_the_main_voice(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant.diarization import clustering

    vectors, starts, others = _windows(name)
    labels = cluster(vectors, starts=starts)
    assert labels.max() + 1 == 2
    main = int(np.argmax(np.bincount(labels)))
    assert np.mean(others[labels == main] > 0.5) < 0.05  # the main voice's cluster is the main voice
    assert np.mean(others[labels != main] > 0.5) > 0.4  # the other is mostly the interjections
    monkeypatch.setattr(clustering, "MINORITY_DISTINCT", np.inf)  # without the rule
    before = cluster(vectors, starts=starts)
    assert before.max() + 1 == 1 or np.mean(others[before != int(np.argmax(np.bincount(before)))] > 0.5) < 0.4


def test_a_few_windows_of_the_same_voice_are_not_a_speaker() -> None:
    rng = np.random.default_rng(5)
    voice = rng.standard_normal(256)
    vectors = voice + 0.3 * rng.standard_normal((200, 256))
    assert cluster(vectors, starts=np.arange(200) * 0.5).max() == 0


def test_a_distinct_voice_with_few_windows_is_kept() -> None:
    rng = np.random.default_rng(6)
    base = rng.standard_normal(256)
    main, other = (base + 0.6 * rng.standard_normal(256) for _ in range(2))
    turns = [main + 0.25 * rng.standard_normal((40, 256)) for _ in range(5)]
    pieces: list[np.ndarray] = []
    for t in turns:  # five long turns, each followed by a three-window reply: 12 of 212 windows
        pieces += [t, other + 0.25 * rng.standard_normal((3, 256))]
    vectors = np.concatenate(pieces[:-1])
    labels = cluster(vectors, starts=np.arange(len(vectors)) * 0.5)
    assert labels.max() + 1 == 2
    assert np.bincount(labels).min() == 12
