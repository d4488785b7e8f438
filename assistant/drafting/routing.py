"""Stage 3: each fact goes to the one field it belongs in, within the field's length budget.

A unit is one sentence that states a fact or commits someone to an action. It is scored against
each field's label, guidance and examples (all-MiniLM-L6-v2 cosine similarity, plus a bonus for
the form's keywords), with the question it answers as context, and goes to its best field only:
one fact once. An answer to a question that names one field's topic ('What matters most to you?')
goes to that field, unless it states a risk or fits another field clearly better. Commitments go to
the actions field (or the next-contact field when they arrange the next visit or call). Each field
keeps its best units up to its word budget (`max_words` in the form file), and the whole note is
kept to `NOTE_SHARE` of the transcript's words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from assistant.drafting.actions import brief_action, is_commitment
from assistant.drafting.compose import self_contained
from assistant.drafting.condense import condense
from assistant.drafting.utterances import is_logistics
from assistant.verification.risk import risk_categories
from core.lexicon import numbers_in, stem
from core.text import OPENS_YES_NO, content_words, last_sentence, sentences, substance

if TYPE_CHECKING:
    import numpy as np

    from assistant.drafting.embeddings import Embedder
    from assistant.drafting.utterances import Utterance
    from core.draft import Participant
    from prompts.schema import FormTemplate, TemplateField

KEYWORD_BONUS = 0.07
KEYWORD_BONUS_CAP = 0.21
THRESHOLD = 0.25
# The practitioner's own statements (not actions) must fit a field better to be kept.
PRACTITIONER_THRESHOLD = 0.42
# A sentence scored in the context of its utterance and question counts a little less than on its own.
CONTEXT_WEIGHT = 0.9
# Keyword hits a question naming a field's topic adds to its answer's score for that field.
QUESTION_KEYWORD = 1
# ... for each of the field's keywords the question names, up to this many ('Do you have support from friends or
# family here?' names two of the support network's: its answer, 'My brother is in [LOCATION_3]. Church on Sunday
# sometimes.', is who supports him, not what matters to him).
QUESTION_KEYWORD_CAP = 2
SUPPORT_PRIOR = 0.08
# A field marked `opening` (why the visit happened) fits a unit from after the visit's first OPENING_SHARE less.
OPENING_SHARE = 0.3
OPENING_PENALTY = 0.1
# A later sentence of an answer that on its own words fits another field at least SPLIT_FIT, and SPLIT_MARGIN
# better than the answer's field, goes there as a unit of its own.
SPLIT_ANSWERS = True
SPLIT_FIT = 0.45
SPLIT_MARGIN = 0.15
NOTE_SHARE = 0.40
# Over the note's budget, sentences are cut only from answers of at least this many.
TRIM_MIN_SENTENCES = 3
# Before that, a weak sentence of a kept answer of at least this many is weighed against whole units.
SPARE_SENTENCES = True
SPARE_MIN_SENTENCES = 3
SENTENCE_WEIGHT = 1.0
# Past everything else (extractive._last_resort), a later sentence of a two-sentence answer may go.
LAST_RESORT_SENTENCES = True
# ... and last, a field's best unit if it tells next to nothing: under one content word's worth ('I'd like to
# get out a bit more.' is 0.5; 'Staying in my own home', with 'home' said elsewhere, is 1.5 and stays).
LAST_RESORT_KEEPERS = True
LAST_RESORT_KEEPER_INFORMATION = 1.0
# How much a unit's fit to its field counts, beside its information per word, in what the note spares.
FIT_WEIGHT = 1.0
PRACTITIONER_WEIGHT = 0.6
# A field's best-fitting unit is kept whatever the note's length, unless it tells almost nothing.
KEEPER_MIN_INFORMATION = 2.0
# ... and the risk field's names a risk (or answers a question about one).
RISK_KEEPER_NAMES_RISK = True
# An answer goes to the one field its question names (by the field's keywords), unless it states a risk.
TOPIC_QUESTION = True
# ... when the answer fits that field nearly as well as its best: 'I've been struggling since I came home from
# hospital', asked how things have been since the hospital discharge, is why the visit happened (0.87), not health.
TOPIC_MARGIN = 0.1
# A short follow-up question's answer goes to the field of the answer it follows up (FOLLOW_UP_WORDS: at
# most this many content words in the question).
FOLLOW_UP = True
FOLLOW_UP_WORDS = 3
# The answer to a question asked just after the next contact is arranged is about that contact.
NEXT_CONTACT_REPLY = True
_NEXT_CONTACT = re.compile(
    r"\b(?:come back|visit (?:you )?again|see you (?:again|in|on|next)|next visit|ring you|phone you|call you)\b", re.I
)


# The practitioner saying why they came is the presenting situation, not an explanation.
_REASON = re.compile(
    r"\b(?:i've come|i'm here (?:to|because|for)|we're here (?:to|because|for)|the referral|referred|the reason"
    r"|was worried about)\b"
    # What kind of visit it is: 'today is your annual review', 'this is one of my statutory visits'.
    r"|\b(?:this is|today is|today's)\s+(?:one of\s+)?(?:my|your|his|her|their|our|a|an|the)\b[^.?!]{0,40}?"
    r"\b(?:visit|review|assessment|meeting|check|appointment)s?\b",
    re.I,
)


# What the practitioner saw or did is recorded as a fact ('I spoke to her on her own in her bedroom').
_OBSERVED = re.compile(r"^(?:I|we) (?:\w+ed|spoke|saw|met|found|went|heard|told|took|gave|sat|did|had|was|were)\b")


# What someone else told the practitioner, relayed ('[PERSON_3] told me she hid under her bed', 'She named you,
# her nan and her teacher as safe people', 'The school said his attendance has dropped'): a fact, not an explanation.
_RELAYED = re.compile(
    r"^(?:(?:\[[A-Z_]+_\d+\]|she|he|they|the \w+|your \w+|his \w+|her \w+),?\s+)+"
    r"(?:told (?:me|us)|said|says|named|mentioned|reported|described|showed me|explained)\b",
    re.I,
)


_COMMITMENT_JOIN = re.compile(r",?\s+and\s+(?=(?:I|we)(?:'ll| will)\b)")


@dataclass
class Asked:
    """The question a unit answers: its last sentence as said, who asked, and where."""

    text: str
    speaker: str | None
    segment_id: str


@dataclass
class Unit:
    """One routable sentence: a fact or a commitment, with the question it answers."""

    utterance: Utterance
    text: str
    position: int
    question: Asked | None = None
    action: bool = False
    request: bool = False
    scores: dict[str, float] = field(default_factory=dict)
    field_id: str | None = None
    # The practitioner telling rather than asking or agreeing ('The reablement carers can help with meals'):
    # the note records first what the person and those with them said.
    told_by_practitioner: bool = False
    # The question of the exchange a unit joins without answering it ('She forgets the evening ones', said by
    # her son after she answered 'What about your tablets?'): context for routing, never folded in.
    topic: str | None = None
    # A later sentence of an answer, split off to the field it fits (`_split_answers`).
    piece: bool = False

    @property
    def score(self) -> float:
        return self.scores.get(self.field_id or "", 0.0)

    @property
    def priority(self) -> float:
        """How much the note wants this unit: its fit to its field, less for the practitioner's own telling."""
        return self.score * (PRACTITIONER_WEIGHT if self.told_by_practitioner else 1.0)

    @property
    def scoring_texts(self) -> tuple[str, str]:
        """The sentence, and its whole utterance with the question it answers ('Yes, every day' needs both)."""
        whole = " ".join(s.text for s in self.utterance.facts) or self.text
        q = self.utterance.question
        asked = q.segment.text if q is not None else self.topic
        context = f"{asked} {whole}" if asked else whole
        return self.text, context

    @property
    def asked(self) -> str:
        """The question this unit answers or the exchange it joins ('' when none)."""
        q = self.utterance.question
        return q.segment.text if q is not None else self.topic or ""


def build_units(utterances: list[Utterance], participants: list[Participant]) -> list[Unit]:
    """Fact and commitment sentences worth routing; questions only as the context of their answers.

    An answer is one unit (all its facts, with its question); other utterances give one unit a sentence.
    """
    roles = {p.label: p.role for p in participants}
    units: list[Unit] = []
    for u in utterances:
        practitioner = roles.get(u.speaker or "", "practitioner") == "practitioner"
        question = None
        asked = u.question.last_question if u.question is not None else None
        if u.question is not None and asked is not None:
            if is_logistics(u.question.segment.text):
                continue  # the answer to 'Can I check your date of birth?' is not a fact for the note
            question = Asked(last_sentence(asked.text), u.question.speaker, u.question.segment.id)
        pending: list[tuple[int, str]] = []
        for pos, s in enumerate(u.sentences):
            text = condense(s.text)  # the words that carry the fact: every word of the note costs budget
            if s.kind == "request":
                units.append(Unit(u, text, pos, action=True, request=True))
            elif s.kind == "fact":
                if is_commitment(text, practitioner):
                    # 'I'll refer you ..., and I'll come back in two weeks': two actions, maybe two fields.
                    for part in _COMMITMENT_JOIN.split(text):
                        if part.strip():
                            units.append(Unit(u, part.strip(" ,"), pos, action=is_commitment(part, practitioner)))
                elif question is not None:
                    pending.append((pos, text))
                else:
                    units.append(Unit(u, text, pos))
        if pending:
            units.append(Unit(u, " ".join(t for _, t in pending), pending[0][0], question=question))
        if question is None:
            topic = _topic(utterances, u)
            for unit in units:
                if unit.utterance is u:
                    unit.topic = topic
    return units


def _topic(utterances: list[Utterance], u: Utterance) -> str | None:
    """The question just answered, when `u` follows the answer from a third speaker (not the one who asked)."""
    before = utterances[u.index - 1] if 0 < u.index <= len(utterances) and utterances[u.index - 1] is not u else None
    if before is None or before.question is None or before.speaker == u.speaker:
        return None
    if u.speaker is None or before.question.speaker == u.speaker:
        return None
    return before.question.segment.text


def _keyword_hits(text: str, tfield: TemplateField) -> int:
    low = f" {text.lower()} "
    return sum(bool(re.search(rf"(?<![a-z]){re.escape(kw.lower())}(?![a-z])", low)) for kw in tfield.keywords)


def _has_word(text: str, words: list[str]) -> bool:
    low = f" {text.lower()} "
    return any(re.search(rf"(?<![a-z]){re.escape(w.lower())}(?![a-z])", low) for w in words)


def field_texts(tfield: TemplateField) -> list[str]:
    """What a field is embedded as: its label with guidance, and each example."""
    return [f"{tfield.label}: {tfield.guidance}", *tfield.examples]


def _field_vectors(template: FormTemplate, embedder: Embedder) -> tuple[list[str], np.ndarray]:
    """Every field's texts embedded (`field_texts`), with the field id each row belongs to."""
    owners = [f.id for f in template.fields for _ in field_texts(f)]
    return owners, embedder.encode_cached(tuple(t for f in template.fields for t in field_texts(f)))


def score_units(units: list[Unit], template: FormTemplate, embedder: Embedder) -> None:
    """Fill each unit's score for every field."""
    import numpy as np

    if not units:
        return
    owners, fvec = _field_vectors(template, embedder)
    pairs = [u.scoring_texts for u in units]
    sims_own = embedder.encode([p[0] for p in pairs]) @ fvec.T
    sims_ctx = embedder.encode([p[1] for p in pairs]) @ fvec.T
    owner_arr = np.array(owners)
    last = max(u.utterance.index for u in units) or 1
    for ui, unit in enumerate(units):
        late = unit.utterance.index / last > OPENING_SHARE
        own, context = pairs[ui]
        for f in template.fields:
            mask = owner_arr == f.id
            base = max(float(sims_own[ui, mask].max()), CONTEXT_WEIGHT * float(sims_ctx[ui, mask].max()))
            hits = max(_keyword_hits(own, f), _keyword_hits(context, f) - 1)
            # A question that names the field's topic ('What matters most to you?') points its answer there.
            hits += QUESTION_KEYWORD * min(_keyword_hits(unit.asked, f) if unit.asked else 0, QUESTION_KEYWORD_CAP)
            unit.scores[f.id] = (
                base + min(KEYWORD_BONUS * hits, KEYWORD_BONUS_CAP) - OPENING_PENALTY * (f.opening and late)
            )


def _choose(unit: Unit, template: FormTemplate, roles: dict[str, str]) -> str | None:
    actions = [f for f in template.fields if f.type == "actions"]
    nexts = [f for f in template.fields if f.type in {"short_text", "date"} and _is_next_contact(f)]
    if unit.action:
        if nexts and _NEXT_CONTACT.search(unit.text):
            return nexts[0].id
        if actions:
            return actions[0].id
    if unit.request:
        return None
    if nexts and NEXT_CONTACT_REPLY and _answers_next_contact(unit):
        return nexts[0].id  # 'Mornings are best. After ten.', asked 'Is a morning OK?' of the next visit
    candidates = [
        f
        for f in template.fields
        if f.type != "actions"
        and f.id not in {n.id for n in nexts}
        and (not f.requires or any(_has_word(t, f.requires) for t in unit.scoring_texts))
        # A field in the person's own words quotes the answer without its question: 'Yeah, go on.' says nothing.
        and not (f.own_words and not substance(unit.text))
    ]
    if not candidates:
        return None
    scores = dict(unit.scores)
    role = roles.get(unit.utterance.speaker or "")
    if role in {"family", "carer"} and re.match(r"^(?:I|we)\b", unit.text):
        # What a relative or carer says they do is the support network at work.
        for f in candidates:
            if _is_support(f):
                scores[f.id] += SUPPORT_PRIOR
    best = max(candidates, key=lambda f: scores[f.id])
    topic = _asked_field(unit, candidates) if TOPIC_QUESTION else None
    if (
        topic is not None
        and topic is not best
        and scores[topic.id] >= max(THRESHOLD, scores[best.id] - TOPIC_MARGIN)
        and not _tells_risk(unit, best)
    ):
        best = topic
    practitioner = roles.get(unit.utterance.speaker or "") == "practitioner"
    if practitioner and len(unit.text.split()) < 4:
        return None  # 'Cooking, cleaning, money.': the practitioner prompting, not a fact
    explains = practitioner and unit.question is None and not _REASON.search(unit.text)
    # What they saw or were told is a fact, kept at the threshold of anyone's.
    explains = explains and not _OBSERVED.match(unit.text) and not _RELAYED.match(unit.text)
    threshold = PRACTITIONER_THRESHOLD if explains else THRESHOLD
    if scores[best.id] < threshold:
        return None
    return best.id


def _answers_next_contact(unit: Unit) -> bool:
    """The answer to a question asked just after arranging the next visit or call ('I'll come back to see you in
    three weeks. Is a morning OK?'): it says when that contact suits. Never a risk."""
    asking = unit.utterance.question
    if unit.question is None or asking is None or risk_categories(unit.text):
        return False
    said = asking.sentences
    last = max((i for i, s in enumerate(said) if s.kind in {"question", "request"}), default=-1)
    return last > 0 and any(s.kind == "fact" and _NEXT_CONTACT.search(s.text) for s in said[:last])


# A statement put back to be confirmed ('Your address is ...?'), not 'And your tablets, are you managing them?'.
_PUT_BACK = re.compile(r"^(?:(?:and|so|now),?\s+)?(?:you|your)\b[^?]*\?$", re.I)
_ASKS = re.compile(
    r"\b(?:are|is|do|does|did|have|has|can|could|would|will|was|were)\s+(?:you|it|he|she|they|that|there)\b"
    r"|\b(?:how|what|when|where|why|which|who)\b",
    re.I,
)


def _asked_field(unit: Unit, candidates: list[TemplateField]) -> TemplateField | None:
    """The one field whose topic the question names ('What matters most to you?', 'And how is your mobility
    now?'): what the practitioner asked about is what the answer tells, whatever words it uses. None when the
    question names no field's keywords or several ('Cooking, cleaning, money?')."""
    if unit.question is None or unit.action:
        return None  # someone joining in ('I do the big shop', her son, after she was asked 'And meals?') may
        # tell another part of the story: their own help
    asked = unit.question.text
    if _PUT_BACK.match(asked) and not _ASKS.search(asked):
        return None  # 'And you must be [PERSON_3], her son?' asks to confirm, not about her son
    named = [f for f in candidates if _keyword_hits(asked, f)]
    return named[0] if len(named) == 1 else None


def _tells_risk(unit: Unit, best: TemplateField) -> bool:
    """The answer states a risk itself ('I fell on the stairs', asked how the stairs are): it stays a risk."""
    return best.risk and bool(risk_categories(unit.text))


def _split_answers(units: list[Unit], template: FormTemplate, embedder: Embedder) -> list[Unit]:
    """A later sentence of a routed answer that, on its own words, fits another field clearly better goes there
    as a unit of its own ('Mostly OK. [PERSON_3]'s been going to school every day.', asked how things have been,
    is why the visit happened, then her schooling): one fact once, each where it belongs. Never the answer's
    first sentence (it answers the question), never into the risk field unless the sentence names a risk."""
    answers = [u for u in units if u.question is not None and u.field_id is not None and not u.action and u.scores]
    parts = {id(u): sentences(u.text) for u in answers}
    asked = [(u, i, p) for u in answers for i, p in enumerate(parts[id(u)]) if i > 0 and len(substance(p)) >= 2]
    if not asked:
        return []
    owners, fvec = _field_vectors(template, embedder)
    sims = embedder.encode([p for _, _, p in asked]) @ fvec.T
    types = {f.id: f for f in template.fields}
    moved: dict[int, list[int]] = {}
    pieces: list[Unit] = []
    for row, (u, i, text) in enumerate(asked):
        own = {}
        for f in template.fields:
            cols = [j for j, o in enumerate(owners) if o == f.id]
            own[f.id] = max(float(sims[row, j]) for j in cols) + min(
                KEYWORD_BONUS * _keyword_hits(text, f), KEYWORD_BONUS_CAP
            )
        fits = [
            f
            for f in template.fields
            if f.type not in {"actions", "short_text", "date", "yes_no_unknown"}
            and not f.own_words
            and (not f.requires or _has_word(text, f.requires))
            and (not f.risk or risk_categories(text))
        ]
        if not fits:
            continue
        best = max(fits, key=lambda f: own[f.id])
        here = u.field_id or ""
        if best.id == here or own[best.id] < SPLIT_FIT or own[best.id] - own.get(here, 0.0) < SPLIT_MARGIN:
            continue
        if types[here].risk and risk_categories(text):
            continue  # a risk stays with the risks
        piece = Unit(u.utterance, text, u.position, topic=u.asked or None, piece=True)
        piece.scores = dict(u.scores)
        piece.scores[best.id] = max(own[best.id], u.scores.get(best.id, 0.0))
        piece.field_id = best.id
        piece.told_by_practitioner = u.told_by_practitioner
        pieces.append(piece)
        moved.setdefault(id(u), []).append(i)
    for u in answers:
        if id(u) in moved:
            u.text = " ".join(p for j, p in enumerate(parts[id(u)]) if j not in moved[id(u)])
    return pieces


def _is_support(f: TemplateField) -> bool:
    return bool(re.search(r"\bsupport|\bcarers?\b|network|protective", f"{f.id} {f.label}", re.I))


def _is_next_contact(f: TemplateField) -> bool:
    return bool(re.search(r"\bnext\b", f"{f.id} {f.label}", re.I))


def route(
    units: list[Unit],
    template: FormTemplate,
    embedder: Embedder,
    participants: list[Participant],
) -> dict[str, list[Unit]]:
    """Field id -> its units (best first), each unit in one field, within the field's budget."""
    score_units(units, template, embedder)
    roles: dict[str, str] = {p.label: p.role for p in participants}
    routed: dict[str, list[Unit]] = {f.id: [] for f in template.fields}
    for unit in units:
        unit.field_id = _choose(unit, template, roles)
        unit.told_by_practitioner = (
            roles.get(unit.utterance.speaker or "") == "practitioner"
            and not unit.action
            and unit.question is None
            and not _REASON.search(unit.text)
            and not _OBSERVED.match(unit.text)
            and not _RELAYED.match(unit.text)
        )
        if FOLLOW_UP:
            unit.field_id = _follow_up_field(unit, units, template) or unit.field_id
        if unit.field_id is not None:
            if unit.action and not unit.request and template.field(unit.field_id).type != "actions":
                unit.text = brief_action(unit.text)  # its field's budget counts what the note will say
            routed[unit.field_id].append(unit)
    if SPLIT_ANSWERS:
        for piece in _split_answers(units, template, embedder):
            units.append(piece)
            routed[piece.field_id or ""].append(piece)
    for f in template.fields:
        # The arrangements themselves before what is said about them (a reply on which morning suits).
        ranked = sorted(routed[f.id], key=lambda u: (u.action, u.priority), reverse=True)
        routed[f.id] = _within_budget(ranked, f.word_budget)
    return routed


# A follow-up question about what was just said: 'How long has that been going on?', 'When was that?'.
_FOLLOW_UP = re.compile(
    r"^(?:and |so )?(?:how|when|what|where|why|who|is|was|does|did|has)\b.*\b(?:that|it|this)\b", re.I
)


def _follow_up_field(unit: Unit, units: list[Unit], template: FormTemplate) -> str | None:
    """The field of what a follow-up question asks about: 'Since September.', answering 'How long has that
    been going on?' after 'Some lads in year eleven say stuff about my accent', goes where that went."""
    q = unit.question
    if q is None or unit.action or not _FOLLOW_UP.match(q.text) or len(substance(q.text)) > FOLLOW_UP_WORDS:
        return None
    asked = unit.utterance.question
    if asked is None or any(s.kind not in {"question", "courtesy", "explanation"} for s in asked.sentences):
        return None  # 'that' may be what the asker has just said ('I can arrange a sitter. Is that OK?')
    before = asked.index - 1
    earlier = [
        u
        for u in units
        if u.utterance.index == before and u.utterance.speaker == unit.utterance.speaker and not u.action
    ]
    fids = [u.field_id for u in earlier if u.field_id is not None]
    if not fids or template.field(fids[-1]).type == "actions":
        return None
    return fids[-1]


def _words(unit: Unit) -> int:
    # A statement is a little longer than its sentence: the frame ('Asked about ..., she said'); an answer
    # that says it all drops its question (compose.SELF_CONTAINED), a yes or no keeps it.
    folded = (
        unit.question is not None
        and bool(substance(unit.question.text))
        and (not self_contained(unit.text) or bool(OPENS_YES_NO.match(unit.text)))
    )
    return len(unit.text.split()) + (6 if folded else 2)


def _within_budget(units: list[Unit], budget: int) -> list[Unit]:
    kept: list[Unit] = []
    used = 0
    for u in units:
        w = _words(u)
        if used + w > budget and kept:
            continue
        kept.append(u)
        used += w
    return kept


def weakest(routed: dict[str, list[Unit]], keep: set[int]) -> tuple[str, Unit] | None:
    """The unit the note can best spare: the least fact per word it costs (its frame counted), its fit to
    its field weighed in, and words the rest of the note already says counted once; never an action,
    a field's best unit, or one whose id is in `keep`."""
    found = weakest_scored(routed, keep)
    return None if found is None else (found[1], found[2])


def weakest_scored(
    routed: dict[str, list[Unit]], keep: set[int], keepers: bool = False, risk_field: str | None = None
) -> tuple[float, str, Unit] | None:
    """`weakest`, with what the unit tells per word it costs (the lower, the more it can be spared); with
    `keepers` (the note's last resort), a field's best unit that tells almost nothing may be spared too
    ('I'd like to get out a bit more.': the field's only unit, under LAST_RESORT_KEEPER_INFORMATION)."""
    said = _said(routed)
    spare = [
        (fid, u)
        for fid, us in routed.items()
        for u in us
        if (
            u is not _keeper(us, said, risks=fid == risk_field)
            or (keepers and _information(u, said) < LAST_RESORT_KEEPER_INFORMATION)
        )
        and not u.action
        and id(u) not in keep
    ]
    if not spare:
        return None
    scored = [(u.priority**FIT_WEIGHT * _information(u, said) / _words(u), fid, u) for fid, u in spare]
    return min(scored, key=lambda x: x[0])


def weakest_beside_risk(routed: dict[str, list[Unit]], protected: set[int]) -> tuple[str, Unit] | None:
    """Of the units kept because a risk finding rests on their segment, the least telling that names no
    risk itself ('My daughter would like it, she worries.', said after 'I've never fallen.'); never an action."""
    said = _said(routed)
    kept = [u for us in routed.values() for u in us]

    def names_risk(u: Unit) -> bool:  # 'No. I gave it up years ago', asked if he drinks, answers one
        return bool(risk_categories(u.text) or (u.asked and risk_categories(u.asked)))

    beside = [
        (u.priority * _information(u, said) / _words(u), fid, u)
        for fid, us in routed.items()
        for u in us
        if not u.action
        and id(u) in protected
        and not names_risk(u)
        # the risk itself stays: another kept unit of the same segment names it
        and any(v is not u and v.utterance.segment.id == u.utterance.segment.id and names_risk(v) for v in kept)
    ]
    if not beside:
        return None
    _, fid, unit = min(beside, key=lambda x: x[0])
    return fid, unit


def _keeper(units: list[Unit], said: dict[str, int], risks: bool = False) -> Unit | None:
    """The unit a field keeps whatever the note's length: its best fit among those that tell something
    ('Four? That is a lot of strangers', answering 'Is that alright?', fits daily living and tells little).
    The risk field's (`risks`) must name a risk, or answer a question about one: what only reads like a
    risk ('Yeah. You had the green folder.') is not kept for it."""
    units = [u for u in units if not u.piece]  # a sentence split from an answer kept elsewhere is never one
    if risks and RISK_KEEPER_NAMES_RISK:
        units = [u for u in units if risk_categories(u.text) or (u.asked and risk_categories(u.asked))]
    telling = [u for u in units if _information(u, said) >= KEEPER_MIN_INFORMATION] or units
    return max(telling, key=lambda u: u.priority, default=None)


def _said(routed: dict[str, list[Unit]]) -> dict[str, int]:
    said: dict[str, int] = {}
    for us in routed.values():
        for u in us:
            for w in _terms(u.text):
                said[w] = said.get(w, 0) + 1
    return said


# Words that carry little on their own: 'a lot of strangers', 'things were fine'.
_GENERIC = frozenset(
    """lot lots thing things stuff way time times bit fine good alright okay right sure much many
    nice lovely brilliant terrible awful big little today people everything something anything""".split()  # noqa: SIM905
)


def _terms(text: str) -> set[str]:
    return {stem(w) for w in content_words(text)}


def _information(unit: Unit, said: dict[str, int]) -> float:
    """How much a unit tells: its distinct content words, a number or a name worth more, a generic word
    or one said elsewhere in the note (one fact once) worth less."""
    total = 0.0
    for w in {w.lower() for w in content_words(unit.text)}:
        weight = 1.5 if (w.isdigit() or w.startswith("[") or numbers_in([w])) else 0.3 if w in _GENERIC else 1.0
        if said.get(stem(w), 0) > 1:
            weight *= 0.5
        total += weight
    return total


def weakest_sentence(
    routed: dict[str, list[Unit]], min_sentences: int = TRIM_MIN_SENTENCES
) -> tuple[float, Unit, int] | None:
    """The sentence of a kept answer that tells least per word: (value, unit, sentence index).

    Only from an answer of at least `min_sentences`; never an action's, never a unit's first sentence
    (a 'No.' answers its question) nor what a bare 'No.' goes on to say, never one that names a risk.
    """
    said = _said(routed)
    best: tuple[float, Unit, int] | None = None
    for us in routed.values():
        for u in us:
            parts = sentences(u.text)
            if u.action or len(parts) < min_sentences:
                continue  # a short answer says one thing: cut, it would lose it
            for i, part in enumerate(parts[1:], start=1):
                if risk_categories(part) or (i == 1 and len(parts[0].split()) <= 2):
                    continue  # a risk, or what a bare 'No.' or 'Mostly.' goes on to say
                piece = Unit(u.utterance, part, u.position)
                value = u.score * _information(piece, said) / max(1, len(part.split()))
                if best is None or value < best[0]:
                    best = (value, u, i)
    return best


def cut_sentence(unit: Unit, index: int) -> None:
    """Drop one sentence of a unit's text."""
    unit.text = " ".join(p for j, p in enumerate(sentences(unit.text)) if j != index)


def trim_weakest_sentence(routed: dict[str, list[Unit]]) -> bool:
    """Past every unit the note can spare, cut the sentence that tells least per word from a kept answer
    (see `weakest_sentence`). False when nothing is left to cut."""
    best = weakest_sentence(routed)
    if best is None:
        return False
    _, unit, i = best
    cut_sentence(unit, i)
    return True
