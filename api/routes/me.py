"""The signed-in user: who they are, and their enrolled voice profile (used to label them in visits)."""

from __future__ import annotations

import io
import secrets
from pathlib import Path

from anyio import to_thread
from fastapi import APIRouter, Request, Response

from api.audit import record
from api.db.models import Role
from api.deps import ContextDep, CurrentUser, SessionDep
from api.errors import PayloadTooLarge, Unprocessable, UnsupportedMedia, responses
from api.permissions import require_role
from api.schemas.accounts import UserPublic
from api.uploads.form import StreamingForm, multipart_openapi
from api.uploads.sniff import SNIFF_BYTES, refusal_hint, sniff

router = APIRouter(tags=["me"])

PROFILE_UPLOAD = multipart_openapi(
    ["audio"],
    {"audio": {"type": "string", "format": "binary", "description": "15-30 s of the practitioner speaking alone."}},
)


@router.get("/me", summary="The signed-in user")
def me(user: CurrentUser) -> UserPublic:
    return UserPublic.of(user)


class _Buffer:
    def __init__(self, limit: int) -> None:
        self.data = bytearray()
        self.limit = limit

    def write(self, chunk: bytes) -> None:
        self.data += chunk
        if len(self.data) > self.limit:
            raise PayloadTooLarge(
                f"The enrolment recording is over {self.limit // 2**20} MB; 15-30 seconds of speech is enough.",
            )


@router.put(
    "/me/voice-profile",
    openapi_extra=PROFILE_UPLOAD,
    responses=responses(413, 415, 422),
    summary="Enrol the practitioner's voice so visits label them by name",
)
async def enrol_voice(request: Request, ctx: ContextDep, user: CurrentUser) -> UserPublic:
    require_role(user, Role.practitioner, why="Voice profiles label practitioners in their visits.")
    buf = _Buffer(ctx.settings.max_profile_upload_mb * 2**20)
    form = StreamingForm(request.headers.get("content-type"), "audio", lambda _name: buf)
    async for chunk in request.stream():
        await to_thread.run_sync(form.feed, chunk)
    await to_thread.run_sync(form.finish)
    if not form.file_seen or not buf.data:
        raise Unprocessable("Attach the enrolment recording as the 'audio' field.", code="audio_required")
    if sniff(bytes(buf.data[:SNIFF_BYTES])) is None:
        raise UnsupportedMedia(f"The file is not a recording. {refusal_hint()}", code="not_audio")
    name = user.display_name or user.email.split("@")[0]
    profile = await to_thread.run_sync(_enrol, ctx, bytes(buf.data), name)
    key = f"users/{user.id}/voice-profile.{secrets.token_hex(4)}.enc"
    await to_thread.run_sync(ctx.store.write_bytes, key, profile)

    def save() -> UserPublic:
        with ctx.db.session() as s:
            from api.db.models import User

            row = s.get(User, user.id)
            assert row is not None
            old, row.voice_profile_key = row.voice_profile_key, key
            s.flush()
            out = UserPublic.of(row)
            record(s, action="voice_profile.enrol", user=row, request=request, detail={"replaced": old is not None})
        if old:
            ctx.store.delete(old)
        return out

    return await to_thread.run_sync(save)


def _enrol(ctx: ContextDep, data: bytes, name: str) -> bytes:
    from assistant.audio import load_audio
    from assistant.diarization import enrol

    audio = load_audio(Path("voice-enrolment"), ctx.settings, fileobj=io.BytesIO(data))
    return enrol(audio, name).model_dump_json().encode("utf-8")


@router.delete("/me/voice-profile", status_code=204, summary="Delete the enrolled voice profile")
def delete_voice(ctx: ContextDep, session: SessionDep, user: CurrentUser) -> Response:
    if user.voice_profile_key:
        ctx.store.delete(user.voice_profile_key)
        user.voice_profile_key = None
        record(session, action="voice_profile.delete", user=user)
        session.commit()
    return Response(status_code=204)
