"""A multipart/form-data body read as it arrives: the file part streams into a sink, chunk by chunk.

Starlette's own form parsing would spool the whole file (in clear) to a temporary file before the
route runs; this parser hands each piece of the file straight to the encrypting writer, enforces
the size limit while reading, and keeps the small text fields in memory (bounded).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import MultipartParser, parse_options_header

from api.errors import PayloadTooLarge, Unprocessable, UnsupportedMedia

MAX_FIELD_BYTES = 64 * 1024


def multipart_openapi(required: list[str], properties: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """`openapi_extra` documenting a multipart body the route reads itself (with `StreamingForm`)."""
    schema = {"type": "object", "required": required, "properties": properties}
    return {"requestBody": {"required": True, "content": {"multipart/form-data": {"schema": schema}}}}


class FileSink(Protocol):
    def write(self, data: bytes) -> object: ...


@dataclass
class _Part:
    headers: dict[bytes, bytes] = field(default_factory=dict)
    name: str = ""
    filename: str | None = None
    data: bytearray = field(default_factory=bytearray)
    sink: FileSink | None = None


def boundary_of(content_type: str | None) -> bytes:
    kind, params = parse_options_header(content_type or "")
    if kind != b"multipart/form-data" or not params.get(b"boundary"):
        raise UnsupportedMedia(
            "Send the visit as multipart/form-data with the fields audio, template and consent "
            "(e.g. curl -F audio=@visit.m4a -F template=general_visit -F consent=true).",
            code="multipart_required",
        )
    return params[b"boundary"]


class StreamingForm:
    """Feed it the body; `file_field`'s data goes to the sink `open_file(filename)` returns."""

    def __init__(
        self,
        content_type: str | None,
        file_field: str,
        open_file: Callable[[str | None], FileSink],
        before_file: Callable[[dict[str, str]], None] | None = None,
    ) -> None:
        self.fields: dict[str, str] = {}
        self.filename: str | None = None
        self.file_seen = False
        self._file_field = file_field
        self._open_file = open_file
        self._before_file = before_file
        self._part = _Part()
        self._header_field = bytearray()
        self._header_value = bytearray()
        self._ended = False
        self._parser = MultipartParser(
            boundary_of(content_type),
            callbacks={
                "on_part_begin": self._on_part_begin,
                "on_header_field": lambda d, s, e: self._header_field.extend(d[s:e]),
                "on_header_value": lambda d, s, e: self._header_value.extend(d[s:e]),
                "on_header_end": self._on_header_end,
                "on_headers_finished": self._on_headers_finished,
                "on_part_data": self._on_part_data,
                "on_part_end": self._on_part_end,
                "on_end": self._on_end,
            },
        )

    def _on_part_begin(self) -> None:
        self._part = _Part()

    def _on_header_end(self) -> None:
        self._part.headers[bytes(self._header_field).lower()] = bytes(self._header_value)
        self._header_field.clear()
        self._header_value.clear()

    def _on_headers_finished(self) -> None:
        part = self._part
        _, params = parse_options_header(part.headers.get(b"content-disposition", b""))
        part.name = params.get(b"name", b"").decode("utf-8", "replace")
        if b"filename" in params:
            part.filename = params[b"filename"].decode("utf-8", "replace")
        if part.name == self._file_field:
            if self.file_seen:
                raise Unprocessable(f"Send one '{self._file_field}' file per visit.", code="duplicate_field")
            if self._before_file is not None:
                self._before_file(self.fields)  # refuse early (e.g. no consent) before reading the audio
            self.file_seen = True
            self.filename = part.filename
            part.sink = self._open_file(part.filename)

    def _on_part_data(self, data: bytes, start: int, end: int) -> None:
        part = self._part
        if part.sink is not None:
            part.sink.write(data[start:end])
            return
        part.data.extend(data[start:end])
        if len(part.data) > MAX_FIELD_BYTES:
            raise PayloadTooLarge(
                f"The form field '{part.name}' is over {MAX_FIELD_BYTES // 1024} KB. Send less in it.",
                code="field_too_large",
            )

    def _on_part_end(self) -> None:
        part = self._part
        if part.sink is not None or not part.name:
            return
        if part.name in self.fields:
            raise Unprocessable(f"The form field '{part.name}' was sent twice. Send it once.", code="duplicate_field")
        try:
            self.fields[part.name] = part.data.decode("utf-8")
        except UnicodeDecodeError as e:
            raise Unprocessable(f"The form field '{part.name}' is not UTF-8 text.", code="invalid_input") from e

    def _on_end(self) -> None:
        self._ended = True

    def feed(self, data: bytes) -> None:
        try:
            self._parser.write(data)
        except MultipartParseError as e:
            raise Unprocessable(
                f"The upload is not a well-formed multipart form ({e}). Send it again as multipart/form-data.",
                code="malformed_form",
            ) from e

    def finish(self) -> None:
        try:
            self._parser.finalize()
        except MultipartParseError as e:
            raise Unprocessable(f"The upload ended early ({e}). Send it again.", code="malformed_form") from e
        if not self._ended:
            raise Unprocessable("The upload ended before the form was complete. Send it again.", code="malformed_form")
