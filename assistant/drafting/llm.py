"""The LLM drafter: a chat model fills each field from its routed, redacted evidence.

Each field's reply is parsed into the form schema (retrying on malformed output), verified
statement by statement, and replaced by the extractive draft of that field (status 'fallback',
with a flag saying why) when the model fails, times out, or asserts too much the transcript
does not say. The model only ever sees redacted text.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import TYPE_CHECKING

from assistant.drafting.actions import format_actions
from assistant.drafting.base import Drafter, assemble_draft, speaker_name
from assistant.drafting.extractive import ExtractiveDrafter, evidence_for
from assistant.drafting.models import NOT_DISCUSSED, ActionItem, Draft, DraftField, Flag
from assistant.llm.structured import FieldReply, MalformedReplyError, parse_reply, schema_for
from assistant.verification.verifier import Verifier, verify_draft
from prompts.loader import render_prompt

if TYPE_CHECKING:
    from langchain_core.language_models.chat_models import BaseChatModel

    from assistant.drafting.routing import Unit
    from assistant.settings import Settings
    from prompts.schema import FormTemplate, TemplateField
    from redaction.models import RedactedTranscript

MAX_EVIDENCE = 8


class LLMFieldError(Exception):
    """This field could not be drafted by the model (reason in the message)."""


class LLMDrafter(Drafter):
    """Field-by-field drafting with a LangChain chat model, verified, with per-field fall-back."""

    name = "llm"

    def __init__(self, settings: Settings, chat_model: BaseChatModel | None = None) -> None:
        super().__init__(settings)
        self._chat = chat_model
        self.extractive = ExtractiveDrafter(settings)

    @property
    def chat(self) -> BaseChatModel:
        if self._chat is None:
            from assistant.llm import get_chat_model

            self._chat = get_chat_model(self.settings)
        return self._chat

    def model_label(self) -> str:
        if self._chat is not None and self._chat._llm_type not in {"openai-chat", "offset-transformers"}:
            return f"{self._chat._llm_type}"
        from assistant.llm import model_label

        return model_label(self.settings)

    def draft(self, redacted: RedactedTranscript, template: FormTemplate) -> Draft:
        """A verified draft; each field from the model, or from the extractive drafter on fall-back."""
        routed = self.extractive.route(redacted, template)
        verifier = Verifier(redacted)
        fields = [
            self._draft_field(tf, routed[tf.id], redacted, template, verifier) for tf in template.fields
        ]
        model = self.model_label()
        draft = assemble_draft(redacted, template, fields, self.name, model)
        return verify_draft(draft, redacted, template)

    def _draft_field(
        self,
        tf: TemplateField,
        units: list[Unit],
        redacted: RedactedTranscript,
        template: FormTemplate,
        verifier: Verifier,
    ) -> DraftField:
        extractive = self.extractive.field_from_units(tf, units, redacted)
        if extractive.status == "not_discussed":
            # Nothing routed here: asking a model would only invite invention.
            return extractive
        candidates = sorted(units[:MAX_EVIDENCE], key=lambda u: u.segment.start)
        try:
            reply = self._ask(tf, candidates, redacted, template)
        except LLMFieldError as e:
            return self._fallback(extractive, f"the model failed ({e})", [])
        drafted = verifier.verify_field(self._to_field(tf, reply, candidates, redacted))
        if not drafted.checks:
            return drafted
        bad = sum(c.support == "unsupported" for c in drafted.checks)
        ratio = bad / len(drafted.checks)
        if ratio > self.settings.llm_max_unsupported_ratio:
            reason = (
                f"{bad} of {len(drafted.checks)} statements were not supported by the transcript "
                f"(limit {self.settings.llm_max_unsupported_ratio:.0%})"
            )
            rejected = [
                fl.model_copy(update={"message": f"Rejected model text: {fl.message}"})
                for fl in drafted.flags
                if fl.kind in {"unsupported", "risk"}
            ]
            return self._fallback(extractive, reason, rejected)
        return drafted

    def _ask(
        self, tf: TemplateField, units: list[Unit], redacted: RedactedTranscript, template: FormTemplate
    ) -> FieldReply:
        from langchain_core.messages import HumanMessage, SystemMessage

        evidence = [
            {"segment_id": s.id, "speaker": speaker_name(redacted, s.speaker), "quote": s.text.strip()}
            for u in units
            for s in ([u.question] if u.question else []) + [u.segment]
        ]
        system = render_prompt(template, "system")
        error: str | None = None
        for _attempt in range(self.settings.llm_max_retries + 1):
            user = render_prompt(
                template,
                "field",
                field=tf,
                evidence=evidence,
                speakers=redacted.speakers,
                schema=schema_for(tf.type),
                previous_error=error,
            )
            text = self._invoke([SystemMessage(system), HumanMessage(user)])
            try:
                return parse_reply(text)
            except MalformedReplyError as e:
                error = str(e)
        raise LLMFieldError(f"malformed output after {self.settings.llm_max_retries + 1} attempts: {error}")

    def _invoke(self, messages: list) -> str:  # type: ignore[type-arg]
        pool = ThreadPoolExecutor(max_workers=1)
        future = pool.submit(self.chat.invoke, messages)
        try:
            result = future.result(timeout=self.settings.llm_timeout_seconds)
        except FutureTimeout as e:
            raise LLMFieldError(f"no reply within {self.settings.llm_timeout_seconds:g} s") from e
        except Exception as e:  # any backend failure falls back: the draft is never lost
            raise LLMFieldError(f"{type(e).__name__}: {e}") from e
        finally:
            pool.shutdown(wait=False)
        return str(result.content)

    def _to_field(
        self, tf: TemplateField, reply: FieldReply, units: list[Unit], redacted: RedactedTranscript
    ) -> DraftField:
        by_id = {s.id: s for s in redacted.segments}
        offered = [s for u in units for s in ([u.question] if u.question else []) + [u.segment]]
        cited = [by_id[i] for i in reply.segment_ids if i in by_id] or offered
        evidence = [evidence_for(s, redacted) for s in cited]
        value = reply.value.strip()
        actions: list[ActionItem] = []
        if tf.type == "actions" and reply.actions:
            actions = [
                ActionItem(
                    what=a.what,
                    who=a.who,
                    by_when=a.by_when,
                    evidence=[evidence_for(by_id[i], redacted) for i in a.segment_ids if i in by_id],
                )
                for a in reply.actions
            ]
            value = format_actions(actions)
        elif tf.type == "yes_no_unknown" and reply.answer:
            value = f"{reply.answer.capitalize()}. {value}".strip()
        status = "not_discussed" if value.rstrip(".").lower() == NOT_DISCUSSED.lower() else "drafted"
        return DraftField(
            id=tf.id,
            label=tf.label,
            type=tf.type,
            value=NOT_DISCUSSED if status == "not_discussed" else value,
            status=status,
            actions=actions,
            evidence=evidence if status == "drafted" else [],
            drafter=self.name,
        )

    def _fallback(self, extractive: DraftField, reason: str, rejected: list[Flag]) -> DraftField:
        flag = Flag(kind="fallback", message=f"Extractive draft shown instead of the model's: {reason}.")
        return extractive.model_copy(update={"status": "fallback", "flags": [flag, *rejected]})
