"""One word for a clinical term and the lay words people say for it, so the checks compare like with like.

A note writes "dyspnea", "edema", "ambulating", "abdominal", "renal"; the person says "short of breath",
"swollen", "walking", "stomach", "kidney". Each maps to one term (a stem, as `core.lexicon.stem`
makes), on both sides, for the word-overlap and polarity checks: "Denies dyspnea" is read against
"any shortness of breath?" "no". Deliberately small: a word here must mean the same in any visit.
"""

from __future__ import annotations

from functools import lru_cache

from core.lexicon import stem

# stem -> the term it is compared as
_TERMS = {
    **dict.fromkeys(["dyspnea", "dyspnoea", "sob"], "breath"),
    **dict.fromkeys(["edema", "oedema", "swollen", "swell"], "swell"),
    **dict.fromkeys(["emesi", "vomit"], "vomit"),
    **dict.fromkeys(["pyrexia", "febrile", "fever"], "fever"),
    **dict.fromkeys(["ambulat", "ambulation", "ambulatory", "walk"], "walk"),
    **dict.fromkeys(["hypertension", "htn"], "pressur"),
    **dict.fromkeys(["nauseou", "nauseat", "nausea"], "nausea"),
    **dict.fromkeys(["syncop", "faint"], "faint"),
    **dict.fromkeys(["pruritu", "itchy", "itch"], "itch"),
    **dict.fromkeys(["diaphoresi", "sweaty", "sweat"], "sweat"),
    **dict.fromkeys(["fatigu", "tired", "tir", "exhaust"], "tired"),
    **dict.fromkeys(["dizzy", "dizzi", "lighthead", "lightheaded"], "dizzi"),
    **dict.fromkeys(["abdominal", "abdomen", "stomach", "belly", "tummy", "gastric"], "abdomen"),
    **dict.fromkeys(["renal", "kidney"], "kidney"),
    **dict.fromkeys(["cardiac", "heart"], "heart"),
    **dict.fromkeys(["pulmonary", "lung"], "lung"),
    **dict.fromkeys(["hepatic", "liver"], "liver"),
    **dict.fromkeys(["insomnia", "sleep", "sleepless"], "sleep"),
    **dict.fromkeys(["physician", "doctor", "pcp", "gp"], "doctor"),
    **dict.fromkeys(["medication", "medicin", "med", "tablet", "pill"], "medicin"),
    **dict.fromkeys(["fractur", "broken", "break", "broke"], "break"),
    **dict.fromkeys(["laceration", "cut"], "cut"),
    **dict.fromkeys(["erythema", "red", "rednes"], "red"),
    **dict.fromkeys(["pain", "painful", "sor", "ach", "achy", "hurt", "tender"], "pain"),
}


@lru_cache(maxsize=65536)
def term(word: str) -> str:
    """The word as the checks compare it: its stem, or the one term its clinical or lay synonyms share."""
    s = stem(word)
    if s in _TERMS:
        return _TERMS[s]
    # A noun in -ry names what its verb does: 'injury' / 'injured' (stemmed 'injur'), 'recovery' / 'recovered',
    # 'delivery' / 'delivered'. (Not an adjective's -y: 'healthy' is not 'health'.)
    if len(s) >= 6 and s.endswith("ry"):
        return s[:-1]
    # 'wrapping' / 'wrap', 'stopped' / 'stop': the consonant a suffix doubled is one letter of the word.
    if len(s) >= 4 and s[-1] == s[-2] and s[-1] in "bgmnprt":
        return s[:-1]
    return s
