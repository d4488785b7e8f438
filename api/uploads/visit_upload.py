"""Receive a visit upload: stream the audio encrypted into storage, check it, then record it.

Order matters for "a refused upload leaves nothing behind": the audio is written under a fresh key
while the body streams in; every check (form fields, content sniffing, size, probing the decoded
audio for its length) happens before any database row exists, and any refusal or failure deletes
what was written. Only then are the visit, its artefacts and its job inserted, in one transaction.
"""

from __future__ import annotations

import contextlib
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from anyio import to_thread
from fastapi import Request
from pydantic import ValidationError
from sqlalchemy.orm import Session

from api.audit import record
from api.context import ServiceContext
from api.db.base import new_id
from api.db.models import Artefact, ArtefactKind, Job, User, Visit
from api.errors import PayloadTooLarge, Unprocessable, UnsupportedMedia
from api.storage import storage_error
from api.storage.encryption import EncryptingWriter
from api.uploads.form import StreamingForm
from api.uploads.probe import Probe, probe_audio
from api.uploads.sniff import SNIFF_BYTES, refusal_hint, sniff
from redaction.known import KnownIdentifiers

FEED_BYTES = 1 << 20  # hand the parser ~1 MiB at a time (one thread hop per MiB)
FORM_FIELDS = ("audio", "template", "consent", "known", "speakers")
_TRUE = {"true", "1", "yes", "on"}


class AudioSink:
    """Counts, sniffs and forwards the audio bytes to the encrypting writer."""

    def __init__(self, writer: EncryptingWriter, limit: int, limit_mb: int) -> None:
        self._writer = writer
        self._limit = limit
        self._limit_mb = limit_mb
        self._head = bytearray()
        self.format: str | None = None
        self.size = 0

    def write(self, data: bytes) -> None:
        self.size += len(data)
        if self.size > self._limit:
            raise PayloadTooLarge(
                f"The recording is over the {self._limit_mb} MB upload limit. Compress it (export as m4a or mp3) "
                "or split it, then upload again; an admin can raise OFFSET_MAX_UPLOAD_MB.",
                detail={"limit_bytes": self._limit},
            )
        if self.format is None:
            self._head += data
            if len(self._head) >= SNIFF_BYTES:
                self._decide()
            return
        self._forward(data)

    @property
    def sha256(self) -> str:
        return self._writer.sha256

    def _forward(self, data: bytes | bytearray) -> None:
        try:
            self._writer.write(data)
        except OSError as e:
            raise storage_error(e, "the storage directory") from e

    def _decide(self) -> None:
        head = bytes(self._head)
        fmt = sniff(head)
        if fmt is None:
            what = "text" if _looks_like_text(head) else "not a recording"
            raise UnsupportedMedia(f"The file is {what}, whatever its name says. {refusal_hint()}", code="not_audio")
        self.format = fmt
        self._forward(self._head)
        self._head.clear()

    def finish(self) -> None:
        if self.size == 0:
            raise Unprocessable(
                "The audio file is empty (0 bytes). Upload the recording again.", code="empty_recording"
            )
        if self.format is None:
            self._decide()


def _looks_like_text(head: bytes) -> bool:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return all(32 <= b < 127 or b in (9, 10, 13) for b in head)


def display_name(filename: str | None) -> str:
    """The client's file name for display: the last path component, printable, at most 200 characters."""
    name = re.split(r"[\\/]", filename or "")[-1]
    name = "".join(ch for ch in name if ch.isprintable()).strip()
    return name[:200] or "recording"


@dataclass
class UploadFields:
    template: str
    known: KnownIdentifiers | None
    speakers: int | None


def _refuse_without_consent(fields: dict[str, str]) -> None:
    if "consent" in fields and fields["consent"].strip().lower() not in _TRUE:
        raise _no_consent()


def _no_consent() -> Unprocessable:
    return Unprocessable(
        "Consent to record is required: confirm the person agreed to the recording (consent=true), "
        "then upload again. Without consent the recording must not be processed.",
        code="consent_required",
    )


FieldsHook = Callable[[dict[str, str]], None]


def check_fields(form: StreamingForm, prepare: FieldsHook | None = None) -> UploadFields:
    """Validate the text fields; each refusal names the field and what to send.

    `prepare` may rewrite the fields first (the web form sends the known identifiers as separate
    inputs, which it turns into the `known` JSON the API takes).
    """
    from prompts import list_templates

    fields = form.fields
    if prepare is not None:
        prepare(fields)
    unknown = sorted(set(fields) - set(FORM_FIELDS))
    if unknown:
        raise Unprocessable(
            f"Unknown form field(s): {', '.join(unknown)}. Send only {', '.join(FORM_FIELDS)}.", code="unknown_field"
        )
    if not form.file_seen:
        raise Unprocessable("No recording: attach the audio file as the 'audio' field.", code="audio_required")
    if fields.get("consent", "").strip().lower() not in _TRUE:
        raise _no_consent()
    template = fields.get("template", "").strip()
    names = [t.name for t in list_templates()]
    if template not in names:
        raise Unprocessable(
            f"Unknown form template {template!r}. Choose one of: {', '.join(names)} (GET /api/templates).",
            code="unknown_template",
        )
    known = None
    if fields.get("known", "").strip():
        try:
            known = KnownIdentifiers.model_validate_json(fields["known"])
        except ValidationError as e:
            first = e.errors()[0]
            where = ".".join(str(p) for p in first.get("loc", ())) or "(top level)"
            raise Unprocessable(
                f"'known' is not valid known-identifiers JSON: {where}: {first.get('msg')}. "
                'Send e.g. {"person_name": "Jane Example", "nhs_number": "943 476 5919"} (see docs/redaction.md).',
                code="invalid_known",
            ) from e
    speakers = None
    if fields.get("speakers", "").strip():
        raw = fields["speakers"].strip()
        if not raw.isdigit() or not 1 <= int(raw) <= 8:
            raise Unprocessable(
                f"'speakers' must be a whole number from 1 to 8 (people speaking in the recording), not {raw[:20]!r}.",
                code="invalid_speakers",
            )
        speakers = int(raw)
    return UploadFields(template=template, known=known, speakers=speakers)


def _record(
    session: Session,
    user: User,
    visit_id: str,
    fields: UploadFields,
    sink: AudioSink,
    probe: Probe,
    audio: dict[str, Any],
    known: dict[str, Any] | None,
    filename: str | None,
    max_attempts: int,
    request: Request | None = None,
) -> int:
    visit = Visit(
        id=visit_id,
        owner_id=user.id,
        team_id=user.team_id,
        template=fields.template,
        consent=True,
        speakers=fields.speakers,
        filename=display_name(filename),
        audio_format=sink.format or "",
        audio_bytes=sink.size,
        audio_seconds=probe.seconds,
        audio_sha256=audio["sha256"],
    )
    session.add(visit)
    session.flush()  # the visit row first: artefacts and the job refer to it
    session.add(Artefact(visit_id=visit_id, kind=ArtefactKind.audio.value, **audio))
    if known is not None:
        session.add(Artefact(visit_id=visit_id, kind=ArtefactKind.known.value, **known))
    job = Job(visit_id=visit_id, max_attempts=max_attempts)
    session.add(job)
    session.flush()
    record(
        session,
        action="visit.upload",
        user=user,
        visit_id=visit_id,
        request=request,
        detail={
            "template": fields.template,
            "format": visit.audio_format,
            "bytes": visit.audio_bytes,
            "seconds": None if probe.seconds is None else round(probe.seconds, 1),
            "known_identifiers": known is not None,
        },
    )
    return job.id


async def receive_visit(
    request: Request, ctx: ServiceContext, user: User, prepare: FieldsHook | None = None
) -> tuple[str, int]:
    """Store the upload and create its visit and job; returns (visit id, job id). Refusals leave nothing."""
    settings = ctx.settings
    limit = settings.max_upload_bytes
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit + FEED_BYTES:
        raise PayloadTooLarge(
            f"The upload is over the {settings.max_upload_mb} MB limit. Compress the recording (m4a or mp3) or "
            "split it, then upload again; an admin can raise OFFSET_MAX_UPLOAD_MB.",
            detail={"limit_bytes": limit},
        )
    visit_id = new_id()
    audio_key = f"visits/{visit_id}/audio.{secrets.token_hex(4)}.enc"
    known_key = f"visits/{visit_id}/known.{secrets.token_hex(4)}.enc"
    writer_cm = ctx.store.writer(audio_key)
    state: dict[str, Any] = {"open": False, "committed": False}

    def open_file(_filename: str | None) -> AudioSink:
        try:
            writer = writer_cm.__enter__()
        except OSError as e:
            raise storage_error(e, "the storage directory") from e
        state["open"] = True
        state["sink"] = AudioSink(writer, limit, settings.max_upload_mb)
        return state["sink"]

    form = StreamingForm(request.headers.get("content-type"), "audio", open_file, _refuse_without_consent)
    try:
        buf = bytearray()
        async for chunk in request.stream():
            buf += chunk
            if len(buf) >= FEED_BYTES:
                await to_thread.run_sync(form.feed, bytes(buf))
                buf.clear()
        await to_thread.run_sync(form.feed, bytes(buf))
        await to_thread.run_sync(form.finish)
        fields = check_fields(form, prepare)
        sink: AudioSink = state["sink"]
        await to_thread.run_sync(sink.finish)
        await to_thread.run_sync(writer_cm.__exit__, None, None, None)
        state["committed"] = True
        probe = await to_thread.run_sync(lambda: probe_audio(ctx.store.open(audio_key), settings.max_audio_seconds))
        audio = {"storage_key": audio_key, "size": sink.size, "sha256": sink.sha256}
        known = None
        if fields.known is not None:
            w = await to_thread.run_sync(ctx.store.write_model, known_key, fields.known)
            known = {"storage_key": known_key, "size": w.size, "sha256": w.sha256}

        def insert() -> int:
            with ctx.db.session() as session:
                return _record(
                    session,
                    user,
                    visit_id,
                    fields,
                    sink,
                    probe,
                    audio,
                    known,
                    form.filename,
                    settings.job_max_attempts,
                    request,
                )

        job_id = await to_thread.run_sync(insert)
    except BaseException as e:
        if state["open"] and not state["committed"]:
            with contextlib.suppress(BaseException):
                writer_cm.__exit__(type(e), e, e.__traceback__)
        for key in (audio_key, known_key):
            with contextlib.suppress(OSError):
                ctx.store.delete(key)
        raise
    return visit_id, job_id
