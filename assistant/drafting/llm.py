"""The LLM drafter: a chat model writes each field from the excerpts the extractive plan routed to it.

Same stages as the extractive drafter (utterances, roles, routing) and the same ending: the field is
formatted by its type (`assistant.drafting.format`) and the whole draft goes through the one
verifier, so the model's statements and flags are judged exactly as the rule-written ones are. A
field falls back to its extractive draft (status 'fallback', with a flag saying why) when the model
fails, replies too late or asserts too much the transcript does not say. The model only ever sees
redacted text.

No thread is left behind on a timeout: the call runs in this thread and each backend enforces the
deadline itself (HTTP timeout for 'openai', `max_time` for 'transformers'); a reply that arrives
after the deadline is discarded. Only backend failures fall back: a bug in Offset's own code is
raised.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from assistant.drafting.base import Drafter, assemble_draft, speaker_name
from assistant.drafting.extractive import ExtractiveDrafter, Plan, evidence_for
from assistant.drafting.format import format_value
from assistant.llm.structured import FieldReply, MalformedReplyError, parse_reply, schema_for
from assistant.verification.verifier import Verifier, verify_draft
from core.draft import NOT_DISCUSSED, ActionItem, Draft, DraftField, Flag
from core.text import statements
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


def backend_errors() -> tuple[type[BaseException], ...]:
    """The failures of a model backend (network, server, timeouts, the model itself): these fall back."""
    errors: list[type[BaseException]] = [ConnectionError, TimeoutError, OSError]
    try:
        from langchain_core.exceptions import LangChainException

        errors.append(LangChainException)
    except ImportError:  # pragma: no cover - langchain-core is a dependency of the LLM drafter
        pass
    try:
        import openai

        errors.append(openai.OpenAIError)
    except ImportError:  # only the openai backend needs it
        pass
    try:
        import httpx

        errors.append(httpx.HTTPError)
    except ImportError:
        pass
    from assistant.errors import ModelUnavailableError

    errors.append(ModelUnavailableError)
    return tuple(errors)


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
        plan = self.extractive.plan(redacted, template)
        verifier = Verifier(redacted, plan.participants)
        fields = [self._draft_field(tf, plan, verifier) for tf in template.fields]
        draft = assemble_draft(redacted, template, fields, self.name, self.model_label())
        draft = draft.model_copy(update={"participants": plan.participants})
        return verify_draft(draft, redacted, template, plan.participants)

    def _draft_field(self, tf: TemplateField, plan: Plan, verifier: Verifier) -> DraftField:
        extractive = self.extractive.field_from_plan(tf, plan)
        if extractive.status == "not_discussed":
            # Nothing routed here: asking a model would only invite invention.
            return extractive
        units = sorted(plan.routed[tf.id][:MAX_EVIDENCE], key=lambda u: u.utterance.index)
        try:
            reply = self._ask(tf, units, plan)
        except LLMFieldError as e:
            return self._fallback(extractive, f"the model failed ({e})", [])
        drafted = verifier.verify_field(self._to_field(tf, reply, units, plan.redacted))
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

    def _ask(self, tf: TemplateField, units: list[Unit], plan: Plan) -> FieldReply:
        from langchain_core.messages import HumanMessage, SystemMessage

        redacted = plan.redacted
        names = {p.label: p.name for p in plan.participants}
        evidence = [
            {
                "segment_id": s.id,
                "speaker": names.get(s.speaker or "", speaker_name(redacted, s.speaker)),
                "quote": s.text.strip(),
            }
            for s in _segments(units, redacted)
        ]
        system = render_prompt(plan.template, "system")
        error: str | None = None
        for _attempt in range(self.settings.llm_max_retries + 1):
            user = render_prompt(
                plan.template,
                "field",
                field=tf,
                evidence=evidence,
                speakers={p.label: f"{p.name} ({p.role})" for p in plan.participants} or redacted.speakers,
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
        """One call, in this thread; a backend failure or a late reply is an LLMFieldError, a bug is raised."""
        limit = self.settings.llm_timeout_seconds
        started = time.monotonic()
        try:
            result = self.chat.invoke(messages, config={"metadata": {"timeout_seconds": limit}})
        except backend_errors() as e:
            if isinstance(e, TimeoutError) or "timeout" in type(e).__name__.lower():
                raise LLMFieldError(f"no reply within {limit:g} s") from e
            raise LLMFieldError(f"{type(e).__name__}: {e}") from e
        if time.monotonic() - started > limit:
            raise LLMFieldError(f"no reply within {limit:g} s")
        return str(result.content)

    def _to_field(
        self, tf: TemplateField, reply: FieldReply, units: list[Unit], redacted: RedactedTranscript
    ) -> DraftField:
        by_id = {s.id: s for s in redacted.segments}
        offered = _segments(units, redacted)
        cited = [by_id[i] for i in reply.segment_ids if i in by_id] or offered
        evidence = [evidence_for(s, redacted) for s in cited]
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
        said = reply.value.strip()
        discussed = bool(actions) or (said and said.rstrip(".").lower() != NOT_DISCUSSED.lower())
        value = (
            format_value(tf, statements(said) if said else [], actions, answer=reply.answer)
            if discussed
            else NOT_DISCUSSED
        )
        status = "drafted" if discussed and value != NOT_DISCUSSED else "not_discussed"
        return DraftField(
            id=tf.id,
            label=tf.label,
            type=tf.type,
            value=value if status == "drafted" else NOT_DISCUSSED,
            status=status,
            actions=actions,
            evidence=evidence if status == "drafted" else [],
            drafter=self.name,
        )

    def _fallback(self, extractive: DraftField, reason: str, rejected: list[Flag]) -> DraftField:
        flag = Flag(kind="fallback", message=f"Extractive draft shown instead of the model's: {reason}.")
        return extractive.model_copy(update={"status": "fallback", "flags": [flag, *rejected]})


def _segments(units: list[Unit], redacted: RedactedTranscript) -> list:  # type: ignore[type-arg]
    """The segments the units rest on (each question before its answer), in transcript order, once each."""
    by_id = {s.id: s for s in redacted.segments}
    ids: list[str] = []
    for u in units:
        if u.question is not None:
            ids.append(u.question.segment_id)
        ids.append(u.utterance.segment.id)
    return [by_id[i] for i in dict.fromkeys(ids) if i in by_id]
