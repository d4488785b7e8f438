"""Generate the labelled UK redaction set (deterministic): `python -m evaluation.uk_redaction.generate`.

Two splits with different templates, name halves and seeds: `dev` (what the recognizers were
developed against) and `heldout` (written before any scoring on it, never tuned on).
Each example is a short visit transcript with every identifier labelled (start, end, type),
rendered three times: typed text, clean speech (`spoken`: digits as words, letters spelled) and
speech as recognition really writes it (`asr`: inserted punctuation, lower-case spelled letters,
misheard street names; see `asr.py`). The `asr` rendering draws from its own random stream, so
adding it left the typed and spoken texts unchanged.
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from pathlib import Path

from evaluation.uk_redaction import values as v
from evaluation.uk_redaction.asr import asr_surface, asr_tail

HERE = Path(__file__).parent
SLOT = re.compile(r"\{([a-z_]+)\}")

# Slot -> gold entity type (slots without a type are filled but not labelled).
SLOT_TYPES = {
    "name": "PERSON", "first": "PERSON", "surname": "PERSON", "relative": "PERSON", "gp": "PERSON",
    "phone": "PHONE_NUMBER", "email": "EMAIL_ADDRESS", "nhs": "UK_NHS", "ni": "UK_NINO",
    "postcode": "UK_POSTCODE", "address": "STREET_ADDRESS", "dob": "DATE_OF_BIRTH", "age": "AGE",
    "sort": "UK_SORT_CODE", "account": "UK_BANK_ACCOUNT", "reg": "UK_VEHICLE_REGISTRATION",
    "case": "CASE_REFERENCE", "org": "ORGANIZATION", "town": "LOCATION",
}  # fmt: skip

DEV_TEMPLATES = [
    "Hello, is that {name}? It's the social worker from the council.",
    "Can I confirm your date of birth? Yes, it's {dob}.",
    "And your NHS number, if you have it to hand? It's {nhs}.",
    "Your national insurance number is {ni}, is that right?",
    "The best number to get me on is {phone}.",
    "My daughter {relative} comes in every morning before work.",
    "I still live at {address}, the postcode is {postcode}.",
    "She's {age} now and her memory is getting worse.",
    "The pension goes into the account, sort code {sort}, account number {account}.",
    "Her GP is Dr {gp} at {org}.",
    "You can email me on {email} if that's easier.",
    "{first} said she doesn't want to go into a home.",
    "Mrs {surname} has had two falls since the last visit.",
    "The Motability car, the reg is {reg}, is parked outside.",
    "Just for the record our case reference is {case}.",
    "She moved here from {town} about ten years ago.",
    "We talked about her medication, she takes ten milligrams twice a day.",
    "The next review is on Tuesday at two o'clock.",
    "She scored twenty four out of thirty on the memory test last year.",
]
HELDOUT_TEMPLATES = [
    "Right, so for the form, full name is {name} and date of birth {dob}.",
    "He gave me his NHS number as {nhs} and his NI number as {ni}.",
    "If anything happens ring {relative} on {phone}, she's the next of kin.",
    "The flat is at {address}, {postcode}, second floor.",
    "Her son {relative} is {age} and works shifts.",
    "Bank details for the direct payment: sort code {sort} and the account is {account}.",
    "The school is {org}, the head there knows the family.",
    "Write to {email} rather than posting anything.",
    "{first} gets very anxious when the carers are late.",
    "Mr {surname} told the nurse he had not eaten since yesterday.",
    "Her nephew drives, it's a blue Corsa, registration {reg}.",
    "Please quote {case} on any letters.",
    "They were living in {town} before the divorce.",
    "Dr {gp} increased the dose last month.",
    "He walks to the shop three times a week with a frame.",
    "The carers come four times a day, seven days a week.",
]
STYLES = ("typed", "spoken", "asr")


def _fill(slot: str, rng: random.Random, person: dict[str, str]) -> v.Value:
    first, last = person["first"], person["surname"]
    simple = {
        "name": v.Value(f"{first} {last}", f"{first} {last}"),
        "first": v.Value(first, first),
        "surname": v.Value(last, last),
        "relative": v.Value(person["relative"], person["relative"]),
        "gp": v.Value(person["gp"], person["gp"]),
        "town": v.Value(rng.choice(v.TOWNS), ""),
    }
    if slot in simple:
        return v.Value(simple[slot].typed, simple[slot].typed)
    makers = {
        "phone": v.phone, "nhs": v.nhs_number, "ni": v.ni_number, "postcode": v.postcode, "dob": v.dob,
        "age": v.age, "sort": v.sort_code, "account": v.account, "reg": v.vehicle, "case": v.case_ref,
        "org": v.organisation,
    }  # fmt: skip
    if slot == "address":
        return v.street(rng, town=rng.random() < 0.4)
    if slot == "email":
        return v.email(rng, first, last)
    return makers[slot](rng)


def build_example(templates: list[str], rng: random.Random, names: tuple[list[str], list[str]], idx: int,
                  split: str) -> list[dict[str, object]]:  # fmt: skip
    """One visit, rendered in both styles with identical identifiers."""
    firsts, surnames = names
    person = {
        "first": rng.choice(firsts), "surname": rng.choice(surnames), "relative": rng.choice(firsts),
        "gp": rng.choice(surnames),
    }  # fmt: skip
    chosen = rng.sample(templates, k=min(len(templates), rng.randint(6, 9)))
    fills: list[list[tuple[str, v.Value]]] = []
    for t in chosen:
        fills.append([(m.group(1), _fill(m.group(1), rng, person)) for m in SLOT.finditer(t)])
    out: list[dict[str, object]] = []
    for style in STYLES:
        # The asr style has its own seeded stream: the typed and spoken texts do not depend on it.
        arng = random.Random(f"{split}-{idx}-asr")  # noqa: S311
        text, spans = "", []
        for t, slot_fills in zip(chosen, fills, strict=True):
            pos, line = 0, ""
            for m, (slot, val) in zip(SLOT.finditer(t), slot_fills, strict=True):
                before = t[pos : m.start()]
                line += asr_tail(before, arng) if style == "asr" and pos else before
                surface = _surface(style, slot, val, arng)
                start = len(text) + (1 if text else 0) + len(line)
                line += surface
                spans.append({"start": start, "end": start + len(surface), "entity_type": SLOT_TYPES[slot]})
                pos = m.end()
            line += asr_tail(t[pos:], arng) if style == "asr" and pos else t[pos:]
            text += (" " if text else "") + line
        out.append({"id": f"{split}-{idx:03d}-{style}", "split": split, "style": style, "text": text,
                    "spans": spans})  # fmt: skip
    return out


def _surface(style: str, slot: str, val: v.Value, rng: random.Random) -> str:
    if style == "typed":
        return val.typed
    if style == "spoken":
        return val.spoken
    return asr_surface(slot, val.typed, val.spoken, rng)


def generate(split: str) -> list[dict[str, object]]:
    """The examples of one split ('dev' or 'heldout')."""
    seed, templates, n = (20240601, DEV_TEMPLATES, 45) if split == "dev" else (77003, HELDOUT_TEMPLATES, 35)
    rng = random.Random(seed)  # noqa: S311
    half = split == "dev"
    firsts = v.FIRST_NAMES[::2] if half else v.FIRST_NAMES[1::2]
    surnames = v.SURNAMES[::2] if half else v.SURNAMES[1::2]
    examples: list[dict[str, object]] = []
    for i in range(n):
        examples.extend(build_example(templates, rng, (firsts, surnames), i, split))
    return examples


def main() -> None:
    """Write dev.jsonl and heldout.jsonl beside this script and print identifier counts."""
    for split in ("dev", "heldout"):
        examples = generate(split)
        path = HERE / f"{split}.jsonl"
        path.write_text("".join(json.dumps(e) + "\n" for e in examples), encoding="utf-8")
        counts = Counter(s["entity_type"] for e in examples for s in e["spans"])  # type: ignore[attr-defined]
        print(f"{path}: {len(examples)} transcripts, {sum(counts.values())} identifiers: {dict(counts)}")


if __name__ == "__main__":
    main()
