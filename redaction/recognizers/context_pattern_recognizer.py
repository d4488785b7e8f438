"""Base for Offset's pattern recognizers: validation hooks plus a simple, wide context window."""

from __future__ import annotations

from typing import ClassVar

import regex
from presidio_analyzer import Pattern, PatternRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

CASE_SENSITIVE = regex.DOTALL | regex.MULTILINE


class ContextPatternRecognizer(PatternRecognizer):
    """A PatternRecognizer whose score rises to `CONTEXT_SCORE` when a context phrase is near.

    Presidio's lemma-based enhancer looks at single lemmas a few tokens away; spoken
    transcripts put "sort code" or "date of birth" further off ("her sort code, I've got it
    here, is ..."), so phrases are matched in a character window before the span.
    """

    ENTITY: ClassVar[str] = ""
    PATTERNS: ClassVar[list[Pattern]] = []
    CONTEXT: ClassVar[list[str]] = []
    CONTEXT_SCORE: ClassVar[float] = 0.9
    CONTEXT_WINDOW: ClassVar[int] = 60
    FLAGS: ClassVar[int] = CASE_SENSITIVE

    def __init__(
        self,
        patterns: list[Pattern] | None = None,
        context: list[str] | None = None,
        supported_language: str = "en",
        name: str | None = None,
    ) -> None:
        self.context_phrases = list(context if context is not None else self.CONTEXT)
        self._context_re = (
            regex.compile(
                r"\b(?:" + "|".join(regex.escape(c) for c in self.context_phrases) + r")\b", regex.I
            )
            if self.context_phrases
            else None
        )
        super().__init__(
            supported_entity=self.ENTITY,
            patterns=[Pattern(p.name, p.regex, p.score) for p in (patterns or self.PATTERNS)],
            supported_language=supported_language,
            name=name or type(self).__name__,
            global_regex_flags=self.FLAGS,
        )

    def has_context(self, text: str, start: int, end: int) -> bool:
        """True when a context phrase occurs in the window before (or just after) the span."""
        if self._context_re is None:
            return False
        window = text[max(0, start - self.CONTEXT_WINDOW) : start] + " " + text[end : end + 20]
        return self._context_re.search(window) is not None

    def adjust_score(self, text: str, result: RecognizerResult) -> float:
        """Score after context; subclasses add their own evidence (e.g. a historic year)."""
        if self.has_context(text, result.start, result.end):
            return max(result.score, self.CONTEXT_SCORE)
        return result.score

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """Match the patterns, drop invalid matches, then apply context."""
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        for r in results:
            r.score = self.adjust_score(text, r)
        return [r for r in results if r.score > 0]
