"""Safety: from a raw transcript to the language model, no real identifier reaches a prompt."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from api.cli.draft import load_redacted
from assistant.drafting.llm import LLMDrafter
from assistant.settings import Settings
from core.transcript import AudioInfo, ModelInfo, Segment, Transcript, TranscriptionOptions
from prompts import load_template

SAID = [
    "Hello Mrs Ellison, I'm from the adult social care team.",
    "My daughter Helen Ellison comes on Tuesdays. My number is 07700 900123.",
    "I live at 12 Rowan Close, Swindon, SN2 7HQ, and my NHS number is 485 773 4451.",
    "I fell in the bathroom and I forget my evening tablets, the ramipril.",
]
IDENTIFIERS = ["Ellison", "Helen", "07700", "900123", "Rowan", "SN2", "7HQ", "485 773", "4451"]


def _raw_transcript(path: Path) -> Path:
    segments = [Segment(id=f"seg-{i + 1:04d}", start=4.0 * i, end=4.0 * i + 3.5, text=t) for i, t in enumerate(SAID)]
    transcript = Transcript(
        id="tr_safety",
        audio=AudioInfo(path="visit.wav", sha256="0" * 64, format="wav", duration=16.0, size_bytes=1),
        model=ModelInfo(name="tiny.en", path="-", source="test"),
        options=TranscriptionOptions(model="tiny.en"),
        duration=16.0,
        segments=segments,
    )
    transcript.save(path)
    return path


def test_no_identifier_reaches_the_model(tmp_path: Path, settings: Settings, fake_chat: Any) -> None:
    redacted = load_redacted(_raw_transcript(tmp_path / "transcript.json"))
    LLMDrafter(settings, chat_model=fake_chat).draft(redacted, load_template("general_visit"))
    assert fake_chat.prompts, "the model was never asked anything"
    seen = "\n".join(fake_chat.prompts)
    assert "ramipril" in seen.lower() or "tablets" in seen  # the clinical content did reach it
    for identifier in IDENTIFIERS:
        assert identifier not in seen, identifier
