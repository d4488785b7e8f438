"""A drafted visit in seconds: upload the fixture recording, store its transcript as the speech stages
would have (the words and times the fixture was made from), then let the real job runner do the
rest: real redaction (Presidio, the vault) and the real extractive drafter and verifier.

Speech-to-text is the only stage skipped (it is covered by test_jobs.py); what review and export
work on (the redacted transcript, the vault, the draft artefact, version 1) is the worker's own.
"""

from __future__ import annotations

import hashlib
import json

from sqlalchemy import select

from api.db.models import Artefact, Job
from api.jobs.runner import JobRunner
from core.transcript import AudioInfo, ModelInfo, Segment, Transcript, TranscriptionOptions, segment_id
from tests.api.conftest import Service
from tests.api.helpers import FIXTURE_AUDIO, upload

SCRIPT = FIXTURE_AUDIO.with_suffix(".json")
KNOWN = {"person_name": "Arthur Whitaker", "practitioner_names": ["Sarah"]}


def fixture_transcript() -> Transcript:
    """The fixture's script as a speaker-labelled transcript (what speech-to-text and speakers produce)."""
    script = json.loads(SCRIPT.read_text())
    labels = {"practitioner": "SPEAKER_1", "person": "SPEAKER_2"}
    segments = [
        Segment(id=segment_id(i), start=ln["start"], end=ln["end"], text=ln["text"], speaker=labels[ln["speaker"]])
        for i, ln in enumerate(script["lines"])
    ]
    end = segments[-1].end
    return Transcript(
        id="tr_fixture",
        audio=AudioInfo(
            path=FIXTURE_AUDIO.name,
            format="wav",
            duration=end,
            size_bytes=FIXTURE_AUDIO.stat().st_size,
            sha256=hashlib.sha256(FIXTURE_AUDIO.read_bytes()).hexdigest(),
        ),
        model=ModelInfo(name="fixture-script", path="-", source="tests/fixtures/audio/visit_short.json"),
        options=TranscriptionOptions(model="fixture-script"),
        language="en",
        duration=end,
        segments=segments,
    )


def drafted_visit(svc: Service, who: str = "practitioner", template: str = "general_visit") -> str:
    """A visit of `who`, processed to 'drafted' by the real runner from the redaction stage on."""
    r = upload(svc.client, svc.headers(who), template=template, known=json.dumps(KNOWN))
    assert r.status_code == 202, r.text
    visit_id = r.json()["id"]
    data = fixture_transcript().model_dump_json().encode()
    ctx = svc.ctx
    with ctx.db.session() as s:
        for kind in ("asr", "transcript"):
            key = f"visits/{visit_id}/{kind}.fixture.enc"
            w = ctx.store.write_bytes(key, data)
            s.add(Artefact(visit_id=visit_id, kind=kind, storage_key=key, size=w.size, sha256=w.sha256))
        s.commit()
        job_id = s.scalar(select(Job.id).where(Job.visit_id == visit_id))
    assert job_id is not None
    assert JobRunner(ctx, "test-review-worker").run(job_id)
    status = svc.as_(who).get(f"/api/visits/{visit_id}").json()
    assert status["status"] == "drafted", status
    return str(visit_id)
