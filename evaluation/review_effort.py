"""How much a reviewer changed a draft before approving it.

Character- and word-level Levenshtein distance (jiwer) between the draft and the approved text,
per field and in total, and how many fields were changed at all. The character distance is what
the review-time model charges typing time for.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import jiwer


def char_distance(before: str, after: str) -> int:
    """Character edits (insertions, deletions, substitutions) to turn `before` into `after`."""
    if not before or not after:
        return max(len(before), len(after))
    out = jiwer.process_characters(after, before)
    return out.substitutions + out.deletions + out.insertions


def word_distance(before: str, after: str) -> int:
    """Word edits to turn `before` into `after` (whitespace tokens, case and punctuation kept)."""
    b, a = before.split(), after.split()
    if not b or not a:
        return max(len(b), len(a))
    out = jiwer.process_words(" ".join(a), " ".join(b))
    return out.substitutions + out.deletions + out.insertions


@dataclass
class FieldEffort:
    field_id: str
    draft_chars: int
    approved_chars: int
    char_edits: int
    word_edits: int

    @property
    def changed(self) -> bool:
        return self.char_edits > 0


@dataclass
class ReviewEffort:
    """Edit distance between a draft and its approved version."""

    fields: list[FieldEffort] = field(default_factory=list)

    @property
    def draft_chars(self) -> int:
        return sum(f.draft_chars for f in self.fields)

    @property
    def char_edits(self) -> int:
        return sum(f.char_edits for f in self.fields)

    @property
    def word_edits(self) -> int:
        return sum(f.word_edits for f in self.fields)

    @property
    def fields_changed(self) -> int:
        return sum(f.changed for f in self.fields)

    @property
    def edit_ratio(self) -> float:
        """Character edits per draft character (1.0 or more: in effect rewritten)."""
        return self.char_edits / max(self.draft_chars, 1)

    def as_dict(self) -> dict:
        return {
            "draft_chars": self.draft_chars,
            "char_edits": self.char_edits,
            "word_edits": self.word_edits,
            "fields_total": len(self.fields),
            "fields_changed": self.fields_changed,
            "edit_ratio": round(self.edit_ratio, 4),
            "fields": [asdict(f) for f in self.fields],
        }


def review_effort(draft: dict[str, str], approved: dict[str, str]) -> ReviewEffort:
    """Compare field values by id; a field only in one of them counts as wholly typed or deleted."""
    effort = ReviewEffort()
    for field_id in list(dict.fromkeys([*draft, *approved])):
        before, after = draft.get(field_id, ""), approved.get(field_id, "")
        effort.fields.append(
            FieldEffort(
                field_id=field_id,
                draft_chars=len(before),
                approved_chars=len(after),
                char_edits=char_distance(before, after),
                word_edits=word_distance(before, after),
            )
        )
    return effort
