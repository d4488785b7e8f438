"""An own-words field holds short quotes from several speakers: each quote is its own statement."""

from __future__ import annotations

from assistant.verification.verifier import Verifier
from core.draft import DraftField, Evidence, Participant
from core.text import statements
from tests.transcripts import dialogue

PEOPLE = [
    Participant(label="SW", role="practitioner", name="The practitioner"),
    Participant(label="P", role="person", name="He", pronoun="he"),
    Participant(label="C", role="carer", relation="carer", name="His carer"),
]


def test_each_quote_is_one_statement_even_with_sentences_inside() -> None:
    value = (
        "He said: \u201cThe fish is called [PERSON_4].\u201d His carer said: \u201cWe could look at Tuesdays. "
        "At the leisure centre.\u201d He said: \u201cI used to go swimming.\u201d"
    )
    assert statements(value) == [
        "He said: \u201cThe fish is called [PERSON_4].\u201d",
        "His carer said: \u201cWe could look at Tuesdays. At the leisure centre.\u201d",
        "He said: \u201cI used to go swimming.\u201d",
    ]
    # a quote that is never closed is read sentence by sentence, as before
    assert statements("She said: \u201cNo. Not ever. Never here.") == [
        "She said: \u201cNo.",
        "Not ever.",
        "Never here.",
    ]


def test_a_quote_from_another_speaker_does_not_sink_the_field() -> None:
    redacted = dialogue(
        [
            ("SW", "What's your fish called?"),
            ("P", "The fish is called [PERSON_4]."),
            ("C", "We could look at Tuesdays at the leisure centre."),
            ("P", "I used to go swimming with school."),
        ],
        {"SW": "Social worker", "P": "Person", "C": "Carer"},
        ident="ow",
    )
    value = (
        "He said: \u201cThe fish is called [PERSON_4].\u201d His carer said: \u201cWe could look at Tuesdays at "
        "the leisure centre.\u201d He said: \u201cI used to go swimming with school.\u201d"
    )
    evidence = [
        Evidence(segment_id=s.id, start=s.start, end=s.end, speaker=s.speaker, quote=s.text)
        for s in redacted.segments[1:]
    ]
    field = DraftField(id="what_matters", label="What matters", value=value, evidence=evidence)
    checked = Verifier(redacted, PEOPLE).verify_field(field)
    assert [c.support for c in checked.checks] == ["supported"] * 3
    # each quote rests on its own speaker's words: the carer's quote put in his mouth still fails
    wrong = field.model_copy(update={"value": "He said: \u201cWe could look at Tuesdays at the leisure centre.\u201d"})
    assert [c.support for c in Verifier(redacted, PEOPLE).verify_field(wrong).checks] == ["unsupported"]
