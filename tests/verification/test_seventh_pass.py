"""The verifier's seventh pass: tokenised contractions, new predicates, unsaid negations, misquoted
questions, ranges with equal ends, and the harness's class of statements not in the dialogue."""

from __future__ import annotations

from assistant.verification.polarity import clauses, contradiction, evidence_polarity, evidence_units, reply_polarity
from assistant.verification.statements import critical_missing
from assistant.verification.verifier import Verifier
from evaluation.planted_errors import not_in_dialogue
from tests.transcripts import dialogue


def test_a_tokenised_contraction_is_one_word() -> None:
    # ACI-BENCH writes "i have n't": read apart, "i have" answered yes
    assert reply_polarity("i have n't noticed any shortness of breath") is True
    assert reply_polarity("i have noticed some shortness of breath") is False
    turns: list[tuple[str, str | None]] = [
        ("are you having any shortness of breath", "i have n't noticed any shortness of breath"),
        ("i have n't noticed any shortness of breath", None),
    ]
    seen, units = evidence_polarity(turns), evidence_units(turns)
    assert contradiction("Shortness of breath.", seen, units=units) == "plain"
    assert contradiction("No shortness of breath.", seen, units=units) == ""


def test_in_a_note_and_before_a_verb_starts_a_new_predicate() -> None:
    # the 'not' of 'was not reported' does not reach 'breach'
    parts = clauses("This was not reported to the police and is a breach of the agreement.", written=True)
    assert [[w for w, neg, _ in c if neg] for c in parts] == [["polic"], []]
    seen = evidence_polarity([("Do you smoke or drink?", "No, I've never done any of them.")])
    assert contradiction("She does smoke and does not drink.", seen) == "plain"
    assert contradiction("She does not smoke and does not drink.", seen) == ""
    # in speech 'and do you have' asks on: not split
    assert len(clauses("no and do you have any problems walking")) == 1


def test_a_negation_reaching_only_unsaid_words_of_a_clause_said_plainly_fails() -> None:
    turns: list[tuple[str, str | None]] = [("prior to coming in we did do an x-ray of that right knee", None)]
    seen, units = evidence_polarity(turns), evidence_units(turns)
    assert contradiction("X-rays of the right knee were not taken.", seen, units=units) == "negated"
    assert contradiction("X-rays of the right knee were taken.", seen, units=units) == ""


def test_a_question_quoted_with_a_not_it_was_not_asked_with_fails() -> None:
    v = Verifier(
        dialogue(
            [
                ("practitioner", "And how is your own health, Geoff?"),
                ("person", "I've got angina."),
                ("practitioner", "Why didn't you ring the surgery?"),
                ("person", "I forgot."),
            ],
            {"practitioner": "Practitioner", "person": "Person"},
            ident="s7",
        )
    )
    ok = "Asked how is his own health, Geoff, he said he has got angina."
    assert v.check_statement(ok, ["seg-0001", "seg-0002"]).support == "supported"
    bad = v.check_statement("Asked how is not his own health, Geoff, he said he has got angina.", ["seg-0001"])
    assert bad.support == "unsupported" and "asked without a 'not'" in bad.reason
    # and the other way round: a 'not' the question had must stay
    said = "Asked why he did not ring the surgery, he said he forgot."
    assert v.check_statement(said, ["seg-0003", "seg-0004"]).support != "unsupported"
    dropped = v.check_statement("Asked why he did ring the surgery, he said he forgot.", ["seg-0003", "seg-0004"])
    assert dropped.support == "unsupported"


def test_a_range_with_equal_ends_is_no_range_said() -> None:
    evidence = "i check it two or three times a day"
    assert critical_missing("He checks it 2 to 3 times a day.", evidence, frozenset()) == []
    assert critical_missing("He checks it 3 to 3 times a day.", evidence, frozenset())
    assert critical_missing("Colonoscopy 6-6 years ago.", "about six years ago", frozenset())
    # a date is no range
    assert not [
        m for m in critical_missing("Seen on 7/7/93.", "seen on seven seven ninety three", frozenset()) if "range" in m
    ]


def test_not_in_dialogue_is_a_fixed_rule_on_the_dialogue_alone() -> None:
    v = Verifier(
        dialogue([("doctor", "how is the knee pain?"), ("patient", "it hurts when i walk up the stairs")], ident="s7b")
    )
    assert not not_in_dialogue("The knee hurts on the stairs.", v)
    assert not_in_dialogue("Respiratory rate: 20 breaths per minute.", v)  # nothing of it said
    assert not_in_dialogue("Knee pain on the stairs for 6 weeks.", v)  # a number never said


def test_a_date_rests_on_the_sentence_its_clause_is_said_in() -> None:
    v = Verifier(
        dialogue(
            [
                ("practitioner", "Do you have any help?"),
                (
                    "person",
                    "Our son rings on a Sunday. Our daughter comes Saturday afternoons so I can go to the shops.",
                ),
            ],
            {"practitioner": "Practitioner", "person": "Person"},
            ident="s7c",
        )
    )
    ids = ["seg-0001", "seg-0002"]
    assert v.check_statement("He rings on a Sunday.", ids).support == "supported"
    assert v.check_statement("He rings on a Saturday.", ids).support == "unsupported"
    assert v.check_statement("She comes Sunday afternoons so he can go to the shops.", ids).support == "unsupported"


def test_a_word_said_both_ways_takes_no_side_and_a_run_follows_its_first_word() -> None:
    turns: list[tuple[str, str | None]] = [
        ("have you been cooking meals at home?", "no, i haven't cooked a meal at home in weeks"),
        ("the home visit went well", None),
    ]
    seen, units = evidence_polarity(turns), evidence_units(turns)
    assert contradiction("He has cooked a meal at home in weeks.", seen, units=units) == "plain"
    seen = evidence_polarity([("I can't get in the bath any more. So I have a strip wash at the sink.", None)])
    assert contradiction("She cannot get into the bath and strip washes at the sink.", seen) == ""
    assert contradiction("She can get into the bath.", seen) == "plain"


def test_a_dated_question_stays_with_its_reply() -> None:
    from assistant.verification.statements import nearest_text

    unit = "And you came in with a chest infection, on the twenty eighth of October? That's right. I found him."
    near = nearest_text("on the twenty eighth of October? that is right", [unit])
    assert "October" in near and "right" in near


def test_an_unsaid_negation_of_words_said_plainly_apart_fails() -> None:
    # a negated word the evidence says decides as before
    seen = evidence_polarity([("the x-ray of the left shoulder", None), ("the films were not obtained", None)])
    assert contradiction("X-rays of the left shoulder were not obtained.", seen) == ""
    seen = evidence_polarity([("we did an x-ray of the left shoulder", None)])
    assert contradiction("X-rays of the left shoulder were not obtained.", seen) == "negated"
    assert contradiction("X-rays of the left shoulder were obtained.", seen) == ""


def test_a_clause_said_both_ways_goes_with_more_of_its_sentences() -> None:
    turns: list[tuple[str, str | None]] = [
        ("are you having any shortness of breath?", "i have n't noticed any shortness of breath"),
        ("i have n't noticed any shortness of breath", None),
        ("the radiation is causing the cough and some of the shortness of breath", None),
    ]
    seen, units = evidence_polarity(turns), evidence_units(turns)
    assert contradiction("Shortness of breath.", seen, units=units) == "plain"
    assert contradiction("No shortness of breath.", seen, units=units) == ""


def test_a_list_items_number_is_no_unsaid_word() -> None:
    lines = [("doctor", "any headache or sickness?"), ("patient", "a headache, and I was sick twice")]
    v = Verifier(dialogue(lines, ident="s7e"))
    # '1.', '2.' and '3)' number the items; none is a fact nobody said.
    assert v.unsupported_words("1.  Headache. 2.  Sick twice.") == []
    assert v.unsupported_words("Headache.\n3) Sick twice.") == []
    # A number a sentence states still counts, also at a sentence's end or after a colon.
    assert v.unsupported_words("Sick 4 times.") == ["4", "times"]
    assert v.unsupported_words("Headache for 7. Pulse: 72.") == ["7", "pulse", "72"]
