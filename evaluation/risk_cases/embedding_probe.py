"""Would similarity to category prototype sentences find risks the cues miss? (tried and dropped)

    python -m evaluation.risk_cases.embedding_probe

Scores every tuned-half risk case, and every sentence of the tuned corpus visits that no cue
matches, by its best cosine similarity (all-MiniLM-L6-v2) to a few prototype sentences per
category, and times the encoding. Disclosures and non-disclosures overlap (docs/drafting.md), so
it is not wired into the risk assessment. Reads the tuned half and the tuned visits only.
"""

from __future__ import annotations

import time
from pathlib import Path

from assistant.drafting.embeddings import default_model_dir, get_embedder
from assistant.verification.risk_cues import risk_categories
from core.text import is_question, sentences
from evaluation.corpus_truth import truth_from_script
from evaluation.drafting_corpus import TUNED
from evaluation.risk_cases import load_cases

PROTOTYPES = {
    "falls": ["I fell over at home.", "She had a fall and hurt herself.", "He was found lying on the floor."],
    "self_harm": ["I hurt myself on purpose.", "She has been cutting herself."],
    "suicide": ["I want to end my life.", "I have thought about killing myself."],
    "neglect": [
        "She is not eating or looking after herself.",
        "Nobody has been caring for him and he was left dirty and hungry.",
    ],
    "abuse": ["He hits me.", "They shout at me and hurt me.", "Someone touched her sexually."],
    "domestic_violence": ["My partner is violent towards me.", "My husband controls me and frightens me."],
    "exploitation": ["Someone is taking my money.", "I was scammed out of my savings."],
    "missing": ["She went missing and was found by the police.", "He wanders off and gets lost."],
    "unsafe_home": ["The house is cold and unsafe.", "There is a fire risk in the home."],
    "alcohol": ["I drink too much alcohol.", "He is drunk every day."],
    "drugs": ["He is using drugs.", "I take illegal drugs."],
    "missed_medication": ["I have not been taking my medication.", "She keeps missing her tablets."],
    "carer_strain": ["I am exhausted from caring and cannot cope.", "Looking after him is too much for me."],
    "pressure_sores": ["She has a pressure sore.", "His skin is breaking down."],
    "choking": ["He chokes when he eats.", "She has trouble swallowing."],
}
CORPUS = Path(__file__).parents[1] / "corpus" / "scripts"


def main() -> None:
    """Print each tuned case's similarity, the corpus's uncued sentences most like a risk, and timing."""
    embedder = get_embedder(default_model_dir())
    protos = [(cat, text) for cat, texts in PROTOTYPES.items() for text in texts]
    proto_vecs = embedder.encode([text for _, text in protos])

    def best(texts: list[str]) -> list[dict[str, float]]:
        sims = embedder.encode(texts) @ proto_vecs.T
        out = []
        for row in sims:
            per: dict[str, float] = {}
            for (cat, _), x in zip(protos, row, strict=True):
                per[cat] = max(per.get(cat, -1.0), float(x))
            out.append(per)
        return out

    cases = [c for c in load_cases() if c.split == "tuned"]
    t0 = time.perf_counter()
    scored = best([c.text for c in cases])
    ms = (time.perf_counter() - t0) * 1000 / len(cases)
    print(f"encode: {ms:.1f} ms per utterance (model loaded, batches of 32)")
    for case, per in zip(cases, scored, strict=True):
        top = max(per, key=lambda k: per[k])
        want = max(per[k] for k in case.categories)
        print(f"{case.status:9} {case.id:32} own category {want:.2f}  best {top} {per[top]:.2f}")
    uncued = []
    for path in sorted(CORPUS.glob("*.yaml")):
        if path.stem in TUNED:
            for line in truth_from_script(path).lines:
                uncued += [s for s in sentences(line.text) if not is_question(s) and not risk_categories(s)]
    ranked = sorted(
        ((max(per.values()), max(per, key=lambda k: per[k]), s) for s, per in zip(uncued, best(uncued), strict=True)),
        reverse=True,
    )
    print(f"{len(uncued)} tuned-corpus sentences no cue matches; most like a risk:")
    for sim, cat, s in ranked[:10]:
        print(f"  {sim:.2f} {cat} | {s[:100]}")
    for th in (0.4, 0.45, 0.5, 0.55, 0.6):
        caught = sum(
            max(p[k] for k in c.categories) >= th for c, p in zip(cases, scored, strict=True) if c.status == "disclosed"
        )
        total = sum(c.status == "disclosed" for c in cases)
        print(f"at >= {th}: {sum(r[0] >= th for r in ranked)} corpus sentences, {caught}/{total} tuned disclosures")


if __name__ == "__main__":
    main()
