"""Issue 12, fourth pass: rules that put more facts in the right field without a longer note, and a
fact matcher that counts a faithful third-person rewrite (and only that)."""

from __future__ import annotations

from assistant.drafting.actions import commitments, is_commitment
from assistant.drafting.compose import Composer, self_contained
from assistant.drafting.registry import get_drafter
from assistant.drafting.routing import Asked, Unit
from assistant.drafting.utterances import Utterance, classify
from assistant.settings import Settings
from assistant.verification.attribution import attribution_error
from core.draft import Participant
from evaluation.drafting_eval import fact_found, redacted_names
from prompts import load_template
from redaction.models import RedactedEntity, RedactedSegment, RedactedTranscript, RedactionProvenance

PERSON = Participant(label="S2", role="person", name="She", pronoun="she")
PRACTITIONER = Participant(label="S1", role="practitioner", name="The practitioner")
DAUGHTER = Participant(label="S3", role="family", relation="daughter", name="Her daughter", pronoun="she")


def _transcript(lines: list[tuple[str, str]]) -> RedactedTranscript:
    return RedactedTranscript(
        id="red_4",
        transcript_id="tr_4",
        segments=[
            RedactedSegment(id=f"seg-{i + 1:04d}", start=float(i), end=i + 0.9, speaker=sp, text=t)
            for i, (sp, t) in enumerate(lines)
        ],
        provenance=RedactionProvenance(spacy_model="test", score_threshold=0.35),
    )


def _answer(text: str, question: str) -> str:
    seg = RedactedSegment(id="seg-0002", start=1.0, end=2.0, speaker="S2", text=text)
    unit = Unit(Utterance(seg, "S2", []), text, 0, question=Asked(question, "S1", "seg-0001"))
    return Composer([PRACTITIONER, PERSON]).compose([unit])[0].text


# --- composing -------------------------------------------------------------------------------------


def test_an_answer_that_says_it_all_drops_its_question() -> None:
    said = _answer("I can't get in the bath any more so I have a strip wash.", "How do you manage washing?")
    assert said == "She said she cannot get in the bath any more so she has a strip wash."


def test_a_short_or_yes_no_answer_keeps_its_question() -> None:
    assert _answer("Slowly. I hold the banister with both hands.", "How are you managing the stairs now?").startswith(
        "Asked how she is managing the stairs now, she said slowly."
    )
    assert _answer("No.", "Have you had any falls?") == "Asked whether she has had any falls, she said no."
    assert not self_contained("Four hours, maybe. Broken.")  # the first sentence needs 'how much sleep'
    assert self_contained("She follows me from room to room all day.")


# --- actions -----------------------------------------------------------------------------------------


def test_a_named_person_or_team_taking_on_a_task_is_an_action() -> None:
    assert commitments("Two, [PERSON_4] will ask the garden centre about paid hours.") == [
        ("[PERSON_4]", "ask the garden centre about paid hours", None)
    ]
    assert is_commitment("The reablement team will review him after two weeks.")
    assert is_commitment("I'll tell the school about the bullying and the video.")
    assert is_commitment("I'll leave you the leaflet about scams.")


def test_telling_someone_there_and_then_or_agreeing_to_try_is_not_an_action() -> None:
    assert not is_commitment("I'll tell you what I'm thinking.")
    assert not is_commitment("I'll give it a try.", practitioner=False)


def test_a_task_the_practitioner_gives_a_named_relative_is_theirs() -> None:
    said = "[PERSON_3] will do a shop and set up deliveries."
    assert attribution_error("[PERSON_3]", ["practitioner"], [PRACTITIONER, PERSON, DAUGHTER], said, will=True) == ""
    # Someone the evidence does not name is still not given the task.
    wrong = attribution_error("[PERSON_5]", ["practitioner"], [PRACTITIONER, PERSON, DAUGHTER], said, will=True)
    assert wrong.startswith("it is attributed to '[PERSON_5]'")


# --- utterances and routing ---------------------------------------------------------------------------


def test_thanks_are_courtesies_whatever_they_are_for() -> None:
    assert classify("Thank you for being honest with me, that takes a lot.") == "courtesy"
    assert classify("Thanks for telling me.") == "courtesy"
    assert classify("Thank God the neighbour found her.") == "fact"


def test_a_denial_said_in_passing_stays_in_its_field(settings: Settings) -> None:
    visit = [
        ("S1", "Hello, I'm [PERSON_1], a social worker from the adult social care team."),
        ("S1", "What matters most to you?"),
        ("S2", "Church. I used to go every Sunday and I haven't been since the fall. I miss my friends there."),
        ("S1", "Have you had any falls since?"),
        ("S2", "No, none since then."),
        ("S1", "I'll refer you to the falls team this week."),
    ]
    d = get_drafter("extractive", settings).draft(_transcript(visit), load_template("general_visit"))
    assert "Church" in d.field("what_matters").value
    assert "Church" not in d.field("risks").value
    assert "Asked whether they have had any falls since, they said no" in d.field("risks").value


# --- the fact matcher -----------------------------------------------------------------------------------


def test_the_matcher_counts_a_third_person_rewrite() -> None:
    assert fact_found("sitting in the garden", "She said she likes to sit out in her garden.")
    assert fact_found("fell on the stairs at night", "She said she falls on the stairs at night.")
    assert fact_found("has stopped ringing her sister", "Her son said she has stopped ringing her sister.")


def test_the_matcher_counts_a_redacted_name_as_its_placeholder_only() -> None:
    from core.transcript import Transcript

    original = Transcript.model_validate(
        {
            "id": "tr_4",
            "audio": {"path": "x", "sha256": "", "format": "text", "duration": 1.0, "size_bytes": 0},
            "model": {"name": "reference", "path": "", "source": "test"},
            "options": {"model": "reference"},
            "language": "en",
            "duration": 1.0,
            "segments": [
                {"id": "seg-0001", "start": 0, "end": 1, "text": "Eileen follows me around.", "speaker": "S2"}
            ],
        }
    )
    redacted = _transcript([("S2", "[PERSON_4] has angina.")])
    entity = RedactedEntity(entity_type="PERSON", start=0, end=6, score=0.9, placeholder="[PERSON_4]", recognizer="t")
    redacted.segments[0].entities.append(entity)
    names = redacted_names(original, redacted)
    assert names == {"eileen": frozenset({"[person_4]"})}
    fact = "Eileen has angina"
    assert fact_found(fact, "He said [PERSON_4] has angina.", names)
    assert not fact_found(fact, "He said [PERSON_4] has angina.")  # without the names
    assert not fact_found(fact, "He said [PERSON_7] has angina.", names)  # another person


# --- the loss breakdown ------------------------------------------------------------------------------


def test_the_loss_breakdown_says_where_each_fact_went(home_visit: RedactedTranscript, settings: Settings) -> None:
    from assistant.drafting.extractive import ExtractiveDrafter
    from evaluation.fact_losses import PlanTrace, classify_facts, summarise_losses

    drafter = ExtractiveDrafter(settings)
    plan = drafter.plan(home_visit, load_template("general_visit"))
    trace = PlanTrace.before_fit(plan)
    draft = drafter.draft_from_plan(plan)
    trace.after_fit(plan)
    facts = {
        "daily_living": ["cannot get in the bath, strip wash at the sink"],
        "support_network": ["mostly eats microwave meals"],  # said, and drafted under daily living
        "risks": ["nephew takes her pension every week"],  # never said
    }
    losses = {x.field_id: x for x in classify_facts("v", draft, trace, home_visit, facts)}
    assert losses["daily_living"].cause == "in_field"
    assert (losses["support_network"].cause, losses["support_network"].where) == ("other_field", "daily_living")
    assert losses["risks"].cause == "not_said"
    assert summarise_losses(list(losses.values()))["causes"]["other_field"] == 1
