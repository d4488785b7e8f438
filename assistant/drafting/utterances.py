"""Stage 1: the transcript as utterances, each sentence marked as a fact, a question, a request or a courtesy.

An answer is linked to the question it answers (asked by someone else just before), so later
stages can fold the two into one statement. Fillers and false starts are dropped here, once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from core.text import REQUEST, is_question, sentences, strip_fillers, substance

if TYPE_CHECKING:
    from redaction.models import RedactedSegment, RedactedTranscript

Kind = Literal["fact", "question", "request", "courtesy", "logistics", "explanation"]

# Utterances that carry nothing on their own (greetings, back-channels).
_TRIVIAL = re.compile(
    r"^(?:hi|hello|hiya|bye|goodbye|thanks|thank you|ok|okay|right|mm+|hmm+|great|lovely|good|fine|sure|see you"
    r"|take care|cheers|of course|no problem|that's great|that's fine|that's helpful|brilliant|perfect"
    # an exclamation that states nothing: 'God.', 'Oh gosh.' ('Oh' is already dropped as a filler)
    r"|god|gosh|goodness|oh dear|dear me|wow|blimey|bless (?:her|him|you|them))[\s,.!?]*"
    # ... to someone by name: 'Bye [PERSON_2].', 'Thanks, [PERSON_1].'
    r"(?:(?:very much|so much|then|love|dear|thanks|both|all|again|\[[A-Z_]+_\d+\])[\s,.!?]*)*$"
    r"|^(?:that's|that is) (?:good|great|lovely|grand|fine|brilliant|the right thing to do|really helpful)\b"
    r"[^.?!]*[.!]?$"
    r"|^one more thing[.!]?$"
    # 'Thank you for being honest with me, that takes a lot.': thanks, whatever they are for.
    r"|^(?:thank you|thanks)(?: (?:so|very) much)?,? for (?:being|telling|sharing|letting|saying|talking|explaining)\b"
    r"[^.?!]*[.!]?$",
    re.IGNORECASE,
)
_GREETING = re.compile(
    r"^(?:(?:good )?(?:morning|afternoon|evening)|hello|hi|hiya|hey|welcome|nice to (?:meet|see) you|come in)\b", re.I
)
_INTRODUCTION = re.compile(
    r"(?:^|[,.]\s*|\b(?:and|so)\s+)(?i:i'm|i am|my name is|my name's|it's|this is)\s+"
    r"(?:\[[A-Z_]+_\d+\]|[A-Z][a-z]+)(?:\s+[A-Z][a-z]+)?\s*,?\s+(?i:(?:an?|the|your)\s+)?"
    r"(?i:[a-z'-]+\s+){0,4}?(?i:from|with|at)\s+(?i:the\s+)?[^.?!]*"
    r"(?i:team|council|service|services|department|trust|practice|surgery|hospital|office|charity|care|support)\b",
)
# Checking details and arranging the visit: not a fact about the person.
_LOGISTICS = re.compile(
    r"\b(?:check (?:a few|a couple of|your|some) (?:details|things)|date of birth|nhs number|your address|address is"
    r"|(?:best|phone|contact|mobile) number|give you my number|cup of tea|sit down|mind the|for my notes"
    r"|still at \[|does that match|is now (?:still )?ok|take your time|what(?:'s| is) (?:the|your|her|his) number"
    r"|number again)\b",
    re.I,
)
# The practitioner explaining the process: dropped unless an answer depends on it.
_EXPLANATION = re.compile(
    r"\b(?:what we call|it's a conversation|it's about|we look at|the way it works|is voluntary|my job is"
    r"|we work on|the idea is|just so you know|i'll chat with|i'll try not to|there's no right|it's confidential"
    r"|i have to (?:tell|let) you|you can stop|i'll make a note|that comes through|that's really common"
    r"|that must have been|that sounds|i'm sorry to hear|i'm glad)\b"
    # putting a topic off till later in the conversation: 'We'll come back to that.'
    r"|^(?:we'll|we will|i'll|i will|let's) (?:come|get) (?:back )?to (?:that|this|it)"
    r"(?: (?:later|in a (?:bit|minute)))?[.!]?$",
    re.I,
)


# A contact detail, which the record holds elsewhere: '[PHONE_1].', 'It's [PHONE_1], and my email is [EMAIL_1].'
_CONTACT = re.compile(r"\[(?:PHONE|EMAIL|IDENTIFIER|NHS_NUMBER|ADDRESS|DOB|POSTCODE|UK_[A-Z]+)(?:_[A-Z]+)*_\d+\]")
_CONTACT_WORDS = frozenset("email number phone mobile landline home house address".split())  # noqa: SIM905


def _contact_only(sentence: str) -> bool:
    """Nothing but contact details ('It's [PHONE_1].'): logistics, not a fact about the person."""
    if not _CONTACT.search(sentence):
        return False
    return not [w for w in substance(_CONTACT.sub(" ", sentence)) if w.lower() not in _CONTACT_WORDS]


def is_logistics(text: str) -> bool:
    """Checking details or arranging the visit ('Can I check your date of birth?'), or asking last to confirm a
    contact detail ('Is her number still [IDENTIFIER_1]?')."""
    asks = [s for s in sentences(text) if s.rstrip().endswith("?")]
    return bool(_LOGISTICS.search(text)) or bool(asks and _CONTACT.search(asks[-1]))


# 'Can you tell me what happened?' asks for an answer, not for something to be done.
_ASKS_TO_SAY = re.compile(r"^(?:tell|say|explain|describe|remember|think|talk|show|confirm|check|just|feel)\b", re.I)
# 'How would you feel about that?' asks for a view: a wh-question is never a request.
_WH_WORDS = "how|what|when|where|why|which|who"
_WH = re.compile(rf"^(?:and |so |but )?(?:{_WH_WORDS})\b", re.I)
# Questions without a question word: 'And meals?', and a statement put back to the person to confirm
# ('And you came in with a chest infection, on the [DATE_1]?', 'Your address is ...?').
_ASKED_BACK = re.compile(
    r"^(?:(?:and|so|or|what about|how about|any)\b[^?]{0,40}|(?:(?:and|so|now),?\s+)?(?:you|your)\b[^?]*)\?$", re.I
)


@dataclass
class Sentence:
    """One sentence of an utterance, cleaned of fillers, with what kind of thing it says."""

    text: str
    kind: Kind


@dataclass
class Utterance:
    """One transcript segment: who said it, its sentences, and the question it answers."""

    segment: RedactedSegment
    speaker: str | None
    sentences: list[Sentence]
    question: Utterance | None = None
    index: int = 0
    notes: dict[str, str] = field(default_factory=dict)
    # A follow-on the asker adds to their own question ('Do you have any help?' 'Family, friends?'): the
    # question it adds to, which a reply after both answers.
    adds_to: Utterance | None = None

    @property
    def facts(self) -> list[Sentence]:
        return [s for s in self.sentences if s.kind == "fact"]

    @property
    def questions(self) -> list[Sentence]:
        return [s for s in self.sentences if s.kind == "question"]

    @property
    def requests(self) -> list[Sentence]:
        return [s for s in self.sentences if s.kind == "request"]

    @property
    def asks(self) -> bool:
        """It asks something: the next speaker's reply answers it."""
        return any(s.kind in {"question", "request"} for s in self.sentences)

    @property
    def last_question(self) -> Sentence | None:
        return next((s for s in reversed(self.sentences) if s.kind in {"question", "request"}), None)


# Speech recognition often ends a spoken question with a full stop: 'What matters most to you for the
# next year.' A sentence that opens with a question word and is put to 'you' asks, whatever its stop.
_WH_TO_YOU = re.compile(rf"^(?:and |so |but |now,? )?(?:{_WH_WORDS})\b[^.?!]*\b(?:you|your)\b", re.I)
# ... and so does one in a question's word order ('Anything else that's important to you.', 'Do you
# have any help.', 'Has anyone hurt you.', 'Is she eating.'): statements do not open so. ('can you turn
# your head to the left.' is an instruction; 'Do you know, I ...' a hedge.)
_ASKS_TO_YOU = re.compile(
    r"^(?:and |so |but |now,? )?(?:(?:do|did|does|have|has|are|were|is|was)"
    r" (?:you|he|she|they|anyone|anybody|someone|somebody)\b(?! know,)"
    r"|(?:is there|are there|has (?:anyone|anybody)|anything else)\b[^.?!]*\b(?:you|your)\b)",
    re.I,
)


def classify(sentence: str, said: str | None = None) -> Kind:
    """What kind of thing one cleaned sentence says (`said`: the sentence before cleaning)."""
    raw = said or sentence
    if is_question(sentence) or _ASKED_BACK.match(raw) or _WH_TO_YOU.match(raw) or _ASKS_TO_YOU.match(raw):
        m = REQUEST.search(sentence)
        asks_to_do = m is not None and not _ASKS_TO_SAY.match(m.group("what")) and not _WH.match(sentence)
        return "request" if asks_to_do else "question"
    if _TRIVIAL.match(sentence) or _INTRODUCTION.search(sentence):
        return "courtesy"
    if _GREETING.match(sentence) and len(substance(sentence)) <= 3:
        return "courtesy"
    if _LOGISTICS.search(sentence) or _contact_only(sentence):
        return "logistics"
    if _EXPLANATION.search(sentence):
        return "explanation"
    if not substance(sentence) and not re.match(r"^(?:yes|yeah|no|nope|not really|never)\b", sentence, re.I):
        return "courtesy"
    return "fact"


def split_utterance(text: str) -> list[Sentence]:
    """Sentences with their kind; fillers and false starts removed."""
    out = []
    for raw in sentences(_protect_titles(text)):
        said = _restore_titles(raw)
        cleaned = strip_fillers(said)
        if cleaned:
            out.append(Sentence(cleaned, classify(cleaned, said)))
    return out


# 'Dr. Hughes' must not end a sentence.
_TITLE = re.compile(r"\b(Dr|Mr|Mrs|Ms|St)\.\s")


def _protect_titles(text: str) -> str:
    return _TITLE.sub(lambda m: f"{m.group(1)}\u2024 ", text)


def _restore_titles(text: str) -> str:
    return text.replace("\u2024", ".")


# Pieces further apart than this are not one sentence or one turn (what came between may not have been heard).
MAX_JOIN_GAP_S = 1.0
_ENDS_SENTENCE = re.compile(r"[.?!]['\"\u201d)]*$")
_CONTINUES = re.compile(r"^[a-z]")
_CASED = re.compile(r"\b[A-Z][a-z]")  # a capitalised word; placeholders ([PERSON_1]) are all capitals


def whole_sentences(redacted: RedactedTranscript, max_gap: float = MAX_JOIN_GAP_S) -> RedactedTranscript:
    """Segments that cut a sentence in two joined again, said by whoever says most of it.

    Diarization cuts segments where it hears the voice change, and at a turn's edges it often hears
    it a word or two early or late: 'Can you tell me what' | 'happened?', 'I'm' | 'out, er, two weeks
    ago.'. A sentence has one speaker, so a piece that does not end a sentence, followed closely by
    one that carries on from it (it starts in lower case), is one segment with the first piece's id,
    said by whoever says most of it by time (a tie goes to whoever began it). (Taking a next piece
    that starts with 'I' as carrying on too cost 1.3 points of facts in the right field on the tuned
    visits: Whisper leaves some sentence ends unpunctuated.) A bare 'yes' or 'no' heard in the voice
    that just asked goes to whoever speaks next. A reference transcript, one whole turn a segment, is left as it is. The
    drafter reads only the text: a joined segment keeps no entity offsets (the transcript's own do).
    """
    if not any(_CASED.search(seg.text) for seg in redacted.segments):
        # An all-lower-case transcript (ACI-BENCH's dialogues) says nothing by case about where a
        # sentence goes on: every turn would join the next.
        return redacted
    out: list[RedactedSegment] = []
    said: list[dict[str | None, float]] = []  # time said per speaker in each joined segment
    # In the order they were said: recognition sometimes lists a segment after later ones (a phone number
    # read out after the goodbyes), and a reply must follow its question.
    for seg in sorted(redacted.segments, key=lambda x: x.start):
        if not seg.text.strip():
            continue
        last = out[-1] if out else None
        if (
            last is not None
            and not _ENDS_SENTENCE.search(last.text.strip())
            and _CONTINUES.match(seg.text.strip())
            and seg.start - last.end <= max_gap
        ):
            said[-1][seg.speaker] = said[-1].get(seg.speaker, 0.0) + _said_for(seg)
            speaker = max(said[-1], key=lambda sp: said[-1][sp])  # the first of a tie: whoever began
            text = f"{last.text.strip()} {seg.text.strip()}"
            out[-1] = last.model_copy(update={"text": text, "end": seg.end, "speaker": speaker, "entities": []})
        else:
            out.append(seg)
            said.append({seg.speaker: _said_for(seg)})
    out = _bare_replies_to_the_next_speaker(out, max_gap)
    if out == redacted.segments:
        return redacted
    return redacted.model_copy(update={"segments": out})


def _said_for(seg: RedactedSegment) -> float:
    """How much of a joined sentence one piece said: its time, not its words. Redaction has made a name one
    placeholder ('I'm Grace Adeyemi,' is 'I'm [PERSON_2],'), so words undercount whoever said a name; a
    piece with no times counts by its words."""
    seconds = seg.end - seg.start
    return seconds if seconds > 0 else 0.3 * len(seg.text.split())


_BARE_REPLY = re.compile(r"^(?:yes|yeah|yep|no|nope)[.!,]*(?:\s+(?:yes|yeah|no)[.!,]*)?$", re.I)


MAX_REPLY_OPENING_WORDS = 3


def _reply_opening(text: str, before: str) -> bool:
    """A bare yes or no after a question; or the first few words of a reply ('Church.') after one asked
    however it was punctuated ('Anything else that's important to you.')."""
    text = text.strip()
    if _BARE_REPLY.match(text):
        return before.rstrip().endswith("?") or _asks(before)
    return (
        len(text.split()) <= MAX_REPLY_OPENING_WORDS
        and not _EXAMPLES.match(text)  # 'How are things at home? Cooking, cleaning, money.': the asker's examples
        and not _PRONOUN.search(text)  # 'Where would we go? I don't know.' is the asker's own
        and not text.endswith("?")
        and _asks(before)
        and not _asks(text)
    )


# Two or more short items in a list: after one's own question, the examples it asks about ('Cooking, cleaning,
# money.', 'Family, friends?'), however recognition punctuated them.
_EXAMPLES = re.compile(
    r"^(?!.*\b(?:yes|yeah|yep|no|nope|not|maybe|probably|sometimes|never|always|once|twice|\d+|one|two|three|four"
    r"|five|six|seven|eight|nine|ten|hours?|days?|times|weeks?|months?|years?|minutes?)\b)"
    r"[\w'-]+(?: [\w'-]+)?(?:, (?:and |or )?[\w'-]+(?: [\w'-]+)?)+[.?!]?$",
    re.I,
)
MAX_EXAMPLES_WORDS = 6

_PRONOUN = re.compile(r"\b(?:i|i'm|we|you|he|she|they|it|it's|that|that's)\b", re.I)


def _bare_replies_to_the_next_speaker(segments: list[RedactedSegment], max_gap: float) -> list[RedactedSegment]:
    """'Do you drink at all?' 'No.' heard in the asker's voice, then the next speaker goes on: the reply is theirs.

    A one-word reply is shorter than the windows diarization compares voices over, so it often goes
    to the voice before it; nobody answers their own question with a bare 'no' and falls silent.
    """
    out = list(segments)
    for i in range(1, len(out) - 1):
        before, seg, after = out[i - 1], out[i], out[i + 1]
        if (
            _reply_opening(seg.text, before.text)
            and before.speaker is not None
            and seg.speaker == before.speaker
            and after.speaker not in {None, seg.speaker}
            and seg.start - before.end <= max_gap
            and after.start - seg.end <= max_gap
        ):
            out[i] = seg.model_copy(update={"speaker": after.speaker})
    return out


def _asks(text: str) -> bool:
    return any(classify(strip_fillers(x), x) in {"question", "request"} for x in sentences(text))


def build_utterances(redacted: RedactedTranscript) -> list[Utterance]:
    """Every non-empty segment as an utterance, each answer linked to the question before it.

    Speech recognition cuts a turn into sentence-long segments: an answer's next segment, said by
    the same speaker straight after, answers the same question ('What do you do on a Monday?' 'I go
    to the day centre.' 'We do cooking.' 'Wednesday too.'). A reference transcript has one turn a
    segment, so this changes nothing there.
    """
    out: list[Utterance] = []
    for seg in redacted.segments:
        if not seg.text.strip():
            continue
        u = Utterance(segment=seg, speaker=seg.speaker, sentences=split_utterance(seg.text), index=len(out))
        prev = out[-1] if out else None
        if prev is not None and _question_tail(prev, u):
            # 'Do you have any help?' 'Family, friends?': the asker's own follow-on, not an answer.
            for s in u.sentences:
                s.kind = "question"
            u.adds_to = prev.adds_to or prev
        if prev is not None and prev.asks and (u.speaker is None or prev.speaker is None or prev.speaker != u.speaker):
            # A reply after a follow-on answers the question it adds to: 'Asked whether he has any help', not
            # 'Asked family, friends'.
            u.question = prev.adds_to or prev
        elif prev is not None and _continues_answer(prev, u):
            u.question = prev.question
        out.append(u)
    return out


def _question_tail(prev: Utterance, u: Utterance) -> bool:
    return (
        prev.asks
        and u.speaker is not None
        and u.speaker == prev.speaker
        and bool(u.sentences)
        and (
            (
                # 'Family, friends?', not a statement put back
                all(s.kind == "fact" and s.text.endswith("?") for s in u.sentences)
                and len(u.segment.text.split()) <= MAX_REPLY_OPENING_WORDS
            )
            or (  # 'Cooking, cleaning, money.': the examples of what it asks, recognised with a full stop
                len(u.segment.text.split()) <= MAX_EXAMPLES_WORDS
                and _EXAMPLES.match(u.segment.text.strip()) is not None
                and not _PRONOUN.search(u.segment.text)
            )
        )
        and u.segment.start - prev.segment.end <= MAX_JOIN_GAP_S
    )


def _continues_answer(prev: Utterance, u: Utterance) -> bool:
    return (
        prev.question is not None
        and not prev.asks
        and u.speaker is not None
        and u.speaker == prev.speaker
        and u.segment.start - prev.segment.end <= MAX_JOIN_GAP_S
    )
