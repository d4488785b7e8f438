"""The sweep's `--config NAME:key=value,...` becomes typed TranscriptionOptions changes."""

from __future__ import annotations

import pytest

from assistant.errors import BadInputError
from core.transcript import TranscriptionOptions
from evaluation.asr_sweep import parse_config


def test_config_values_are_typed() -> None:
    name, changes = parse_config("b8e0:batch_size=8,encoder_batch_size=none,word_timestamps=false")
    assert name == "b8e0"
    assert changes == {"batch_size": 8, "encoder_batch_size": None, "word_timestamps": False}
    assert parse_config("default") == ("default", {})
    # Every key the sweep accepts is an option the transcript records.
    assert set(changes) <= set(TranscriptionOptions.model_fields)


@pytest.mark.parametrize("spec", ["x:beam=2", "x:batch_size"])
def test_unknown_or_malformed_changes_say_what_to_write(spec: str) -> None:
    with pytest.raises(BadInputError, match="--config"):
        parse_config(spec)
