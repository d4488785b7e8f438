"""One registry of drafters, chosen by `settings.drafter`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.drafting.extractive import ExtractiveDrafter
from assistant.errors import BadInputError

if TYPE_CHECKING:
    from assistant.drafting.base import Drafter
    from assistant.settings import Settings


def _llm_drafter() -> type[Drafter]:
    # Imported on demand: LangChain is only needed when the LLM drafter is chosen.
    from assistant.drafting.llm import LLMDrafter

    return LLMDrafter


DRAFTERS: dict[str, type[Drafter] | None] = {
    "extractive": ExtractiveDrafter,
    "llm": None,  # resolved lazily by get_drafter
}


def check_drafter_name(name: str) -> None:
    """Raise BadInputError for a drafter name the registry does not know (cheap: builds nothing)."""
    if name not in DRAFTERS:
        raise BadInputError(
            f"unknown drafter {name!r}. Choose one of: {', '.join(DRAFTERS)} (OFFSET_DRAFTER or --drafter)."
        )


def get_drafter(name: str, settings: Settings) -> Drafter:
    """The drafter called `name` ('extractive' or 'llm'), built with `settings`."""
    check_drafter_name(name)
    cls = DRAFTERS[name] or _llm_drafter()
    return cls(settings)
