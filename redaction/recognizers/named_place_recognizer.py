"""Named organisations and places a person can be traced through: surgeries, schools, care homes."""

from __future__ import annotations

from typing import ClassVar

from presidio_analyzer import Pattern

from redaction.recognizers.context_pattern_recognizer import ContextPatternRecognizer

PLACE_TYPES = (
    r"Surgery|Medical Centre|Medical Center|Health Centre|Medical Practice|Practice|Primary School|"
    r"Secondary School|High School|Infant School|Junior School|School|Academy|College|University|"
    r"Hospital|Infirmary|Care Home|Nursing Home|Residential Home|Pharmacy|Chemist|Day Centre|"
    r"Nursery|Children's Centre|Family Centre|Church|Mosque|Temple|Gurdwara|Synagogue|"
    r"Housing Association|Community Centre|Food Bank|Foodbank|Hospice|Lodge|House"
)

_NOT_FIRST = r"(?!(?:The|A|An|Her|His|My|Their|Our|Your|This|That|Local|New|Old|Same)\s)"


class NamedPlaceRecognizer(ContextPatternRecognizer):
    """Capitalised words followed by a place type: 'Park View Surgery', 'St Mary's Primary School'."""

    ENTITY = "ORGANIZATION"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(
            "named place",
            rf"(?<![A-Za-z])(?:(?:St\.?|Saint|The)\s+)?{_NOT_FIRST}(?:[A-Z][A-Za-z'\-]+\s+){{1,3}}(?:{PLACE_TYPES})\b",
            0.7,
        )
    ]
