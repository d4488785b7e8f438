"""A council's or team's vocabulary: place names, services, medicines, professional terms.

A plain text file (one term per line, `#` comments) or a YAML file whose `terms` is a list or a
mapping of category -> list. The terms bias Whisper (hotwords) and drive the post-correction pass.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from assistant.errors import BadInputError

MAX_TERM_WORDS = 4


@dataclass(frozen=True)
class Vocabulary:
    """An ordered, de-duplicated list of terms and where they came from."""

    terms: tuple[str, ...]
    sources: tuple[str, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        seen: dict[str, str] = {}
        for term in self.terms:
            clean = " ".join(term.split())
            if clean and clean.lower() not in seen:
                seen[clean.lower()] = clean
        object.__setattr__(self, "terms", tuple(seen.values()))

    def __len__(self) -> int:
        return len(self.terms)

    @property
    def hotwords(self) -> str | None:
        """The terms as a faster-whisper `hotwords` string."""
        return ", ".join(self.terms) or None

    @property
    def initial_prompt(self) -> str | None:
        """A short prompt that primes Whisper's spelling of the terms."""
        return f"Terms used in this visit: {', '.join(self.terms)}." if self.terms else None

    def merged(self, other: Vocabulary) -> Vocabulary:
        return Vocabulary(self.terms + other.terms, self.sources + other.sources)

    @classmethod
    def from_terms(cls, terms: list[str] | tuple[str, ...], source: str = "settings") -> Vocabulary:
        return cls(tuple(terms), (source,) if terms else ())

    @classmethod
    def load(cls, path: Path) -> Vocabulary:
        """Read a .txt or .yaml vocabulary file, naming the file and the problem on error."""
        try:
            raw = path.read_text(encoding="utf-8")
        except FileNotFoundError as e:
            raise BadInputError(f"{path}: no such vocabulary file. Check the path given to --vocabulary.") from e
        except (OSError, UnicodeDecodeError) as e:
            raise BadInputError(
                f"{path}: cannot read it as UTF-8 text ({e}). Give a text file of terms, one per line, "
                "or a YAML file with a `terms:` list."
            ) from e
        if "\x00" in raw:
            raise BadInputError(
                f"{path}: this looks like a binary file, not a vocabulary. Give a text file of terms, one per "
                "line, or a YAML file with a `terms:` list."
            )
        if path.suffix.lower() in {".yaml", ".yml"} or raw.lstrip().startswith("terms:"):
            terms = _yaml_terms(path, raw)
        else:
            terms = [line.split("#", 1)[0].strip() for line in raw.splitlines()]
        terms = [t for t in terms if t]
        too_long = [t for t in terms if len(t.split()) > MAX_TERM_WORDS]
        if too_long:
            raise BadInputError(
                f"{path}: term '{too_long[0]}' has more than {MAX_TERM_WORDS} words; list names and terms, "
                "not sentences."
            )
        if not terms:
            raise BadInputError(f"{path}: the vocabulary is empty. Put one term per line.")
        return cls(tuple(terms), (str(path),))


def _yaml_terms(path: Path, raw: str) -> list[str]:
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as e:
        raise BadInputError(f"{path}: not valid YAML ({e}).") from e
    terms = data.get("terms") if isinstance(data, dict) else data
    if isinstance(terms, dict):
        terms = [t for group in terms.values() for t in (group or [])]
    if not isinstance(terms, list) or not all(isinstance(t, str) for t in terms):
        raise BadInputError(
            f"{path}: field 'terms' must be a list of strings or a mapping of category -> list of strings."
        )
    return terms
