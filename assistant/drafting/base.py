"""The drafter interface: every backend fills a form template from a redacted transcript."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, ClassVar

from core.transcript import stable_id

if TYPE_CHECKING:
    from assistant.drafting.models import Draft, DraftField
    from assistant.settings import Settings
    from prompts.schema import FormTemplate
    from redaction.models import RedactedTranscript


class Drafter(ABC):
    """A drafting backend with a `name`, chosen by `settings.drafter` from the registry."""

    name: ClassVar[str]

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @abstractmethod
    def draft(self, redacted: RedactedTranscript, template: FormTemplate) -> Draft:
        """Fill every field of `template` from `redacted`, with evidence and verification."""


def speaker_name(redacted: RedactedTranscript, label: str | None) -> str:
    """Display name for a speaker label ('SPEAKER_1' -> 'Practitioner' when named)."""
    if label is None:
        return "Unknown speaker"
    return redacted.speakers.get(label, label)


def draft_id(redacted: RedactedTranscript, template: FormTemplate, drafter: str, model: str | None) -> str:
    """Deterministic: the same transcript, form and drafter give the same draft id."""
    return stable_id("draft", redacted.id, template.name, template.version, drafter, model)


def assemble_draft(
    redacted: RedactedTranscript,
    template: FormTemplate,
    fields: list[DraftField],
    drafter: str,
    model: str | None,
    model_label: str | None = None,
) -> Draft:
    """A Draft with its id and provenance (template, version, prompt hash, drafter, model)."""
    from assistant.drafting.models import Draft, DraftProvenance
    from prompts.loader import prompt_hash

    return Draft(
        id=draft_id(redacted, template, drafter, model),
        transcript_id=redacted.transcript_id,
        redaction_id=redacted.id,
        title=template.title,
        fields=fields,
        provenance=DraftProvenance(
            template=template.name,
            template_version=template.version,
            prompt_hash=prompt_hash(template),
            drafter=drafter,
            model=model_label or model,
        ),
    )
