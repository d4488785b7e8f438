"""Names the small NER model misses but the sentence gives away: 'Mrs Okafor', 'her son Tomasz'."""

from __future__ import annotations

from typing import ClassVar

from presidio_analyzer import Pattern

from redaction.recognizers.context_pattern_recognizer import ContextPatternRecognizer

TITLES = r"Mr|Mrs|Ms|Miss|Mx|Dr|Doctor|Nurse|Sister|Father|Reverend|Rev|Professor|Prof|Sir|Dame|Lady|Lord"
RELATIONS = (
    r"daughter|son|husband|wife|partner|neighbour|neighbor|friend|carer|brother|sister|grandson|"
    r"granddaughter|grandchild|niece|nephew|mum|mother|dad|father|cousin|aunt|auntie|uncle|boyfriend|"
    r"girlfriend|fiance|fiancee|stepson|stepdaughter|lodger|landlord|landlady|GP|doctor|nurse|"
    r"social worker|key worker|support worker|advocate|teacher|headteacher|called|named|name's|name is"
)
_NAME = r"[A-Z][a-z]+(?:['\-][A-Za-z]+)?(?:\s+(?:Mc|Mac|O')?[A-Z][a-z]+(?:['\-][A-Za-z]+)?)?"
# Words that follow a relation but are not names.
_NOT_NAME = (
    r"(?!(?:I|The|She|He|They|We|You|It|And|But|So|Is|Was|Has|Had|Will|Would|Can|Could|Lives|Said|This|That|"
    r"Mr|Mrs|Ms|Miss|Dr|There|Everyone|Nobody|Somebody|Someone|Mum|Dad|Nan|Grandad|Doctor|Nurse|Social|Care|Council|Who|What)\b)"
)
_SPEECH_VERBS = (
    r"said|says|told|tells|asked|asks|feels|felt|wants|wanted|thinks|thought|gets|got|doesn't|didn't|"
    r"can't|won't|isn't|wasn't|has been|had been|is worried|was worried|explained|mentioned|agreed|refused"
)


class PersonCueRecognizer(ContextPatternRecognizer):
    """A capitalised name right after a title or a relation word; only the name is redacted."""

    ENTITY = "PERSON"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("titled name", rf"(?<=\b(?:{TITLES})\.?\s+){_NOT_NAME}{_NAME}", 0.75),
        Pattern("relation name", rf"(?<=\b(?i:{RELATIONS}),?\s+){_NOT_NAME}{_NAME}", 0.6),
        Pattern(
            "addressed",
            rf"(?<=\b(?i:is that|this is|speaking to|talking to|hello|hi|morning|ring|call|phone|text|contact|ask|tell),?\s+){_NOT_NAME}{_NAME}",  # noqa: E501
            0.5,
        ),
        Pattern(
            "name then speech verb", rf"(?<![A-Za-z]\s?){_NOT_NAME}{_NAME}(?=\s+(?:{_SPEECH_VERBS})\b)", 0.5
        ),
    ]
