"""Issue 12, second pass: each unsupported statement the corpus showed, as a case the verifier or composer gets right.

Each test pairs a faithful statement (which must pass) with an unfaithful one of the same shape
(which must still be caught), so a fix that only loosens the verifier fails here.
"""

from __future__ import annotations

from assistant.drafting.actions import commitments, is_commitment
from assistant.drafting.speech import third_person
from assistant.drafting.utterances import classify
from assistant.verification.statements import polarity_mismatch
from assistant.verification.verifier import Verifier
from core.draft import Participant
from core.lexicon import stem
from redaction.models import RedactedSegment, RedactedTranscript, RedactionProvenance

PRACTITIONER = Participant(label="SPEAKER_1", role="practitioner", name="The practitioner")
PERSON = Participant(label="SPEAKER_2", role="person", name="She", pronoun="she")
SON = Participant(label="SPEAKER_3", role="family", name="Her son", pronoun="he", relation="son")
HIM = Participant(label="SPEAKER_2", role="person", name="He", pronoun="he")
THEY = Participant(label="SPEAKER_2", role="person", name="They", pronoun="they")


def _verifier(lines: list[tuple[str, str]], participants: list[Participant]) -> Verifier:
    segments = [
        RedactedSegment(id=f"seg-{i + 1:04d}", start=float(i), end=i + 0.9, speaker=sp, text=t)
        for i, (sp, t) in enumerate(lines)
    ]
    redacted = RedactedTranscript(
        id="red_f",
        transcript_id="tr_f",
        speakers={p.label: p.label for p in participants},
        segments=segments,
        provenance=RedactionProvenance(spacy_model="test", score_threshold=0.35),
    )
    return Verifier(redacted, participants)


def _support(v: Verifier, statement: str) -> str:
    return v.check_statement(statement, [s.id for s in v.segments]).support


def test_who_answered_is_judged_on_the_answer_not_the_question() -> None:
    v = _verifier(
        [
            ("SPEAKER_1", "What about your tablets? Who looks after those?"),
            ("SPEAKER_2", "I do. Well, I try. There's a lot of them."),
            ("SPEAKER_3", "I count them at the weekend."),
        ],
        [PRACTITIONER, PERSON, SON],
    )
    assert _support(v, "Asked who looks after those, she said she tries.") == "supported"
    # The same frame with the wrong speaker is still caught.
    assert _support(v, "Asked who looks after those, her son said he tries.") == "unsupported"


def test_a_task_given_to_the_person_is_theirs() -> None:
    v = _verifier(
        [
            ("SPEAKER_1", "I'll report the mould today. You'll make a GP appointment about the asthma."),
            ("SPEAKER_2", "OK."),
        ],
        [PRACTITIONER, HIM],
    )
    assert _support(v, "He will make a GP appointment about the asthma.") == "supported"
    assert _support(v, "Her son will make a GP appointment about the asthma.") == "unsupported"


def test_polarity_is_judged_against_every_best_matching_clause() -> None:
    said = "He doesn't really understand bills. I understand bills. I just don't like them."
    assert not polarity_mismatch("he understands bills", said)
    assert polarity_mismatch("he understands bills", "He doesn't really understand bills.")
    asked = "Can we talk about the night you went missing? I wasn't missing. I was just out."
    assert not polarity_mismatch("he was not missing", asked)
    assert polarity_mismatch("he was missing", "I wasn't missing. I was just out.")


def test_verb_forms_share_a_stem() -> None:
    assert stem("loves") == stem("love") == stem("loved")
    assert stem("tries") == stem("try") and stem("worried") == stem("worry")
    assert stem("falls") == stem("fall") == stem("falling")
    v = _verifier([("SPEAKER_2", "I love her. Fifty two years married.")], [PRACTITIONER, HIM])
    assert _support(v, "He said he loves her.") == "supported"
    assert _support(v, "He said he loves her and they married sixty years ago.") == "unsupported"


def test_an_option_offered_is_not_an_action() -> None:
    offered = "And if that doesn't help, you can ring the crisis line any time."
    assert not is_commitment(offered) and commitments(offered) == []
    agreed = "I'll ring the crisis team today."
    assert is_commitment(agreed) and commitments(agreed)[0][1] == "ring the crisis team"


def test_every_sentence_the_practitioner_opens_with_i_names_the_practitioner() -> None:
    out = third_person("I'll visit again on Friday. I'll phone you tomorrow morning.", PRACTITIONER, THEY)
    assert out == "the practitioner will visit again on Friday. the practitioner will phone them tomorrow morning."
    # Someone else's 'they' is left alone.
    assert third_person("I'll refer you. They'll help you.", PRACTITIONER, THEY).endswith("They will help them.")


def test_a_statement_put_back_to_confirm_is_a_question_and_a_wh_question_no_request() -> None:
    assert classify("And you came in with a chest infection, on the [DATE_1]?") == "question"
    assert classify("Your bedroom is upstairs?") == "question"
    assert classify("How would you feel about that?") == "question"
    assert classify("Can you ring the GP tomorrow?") == "request"
    assert classify("Staying in my own home.") == "fact"
