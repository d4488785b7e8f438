"""Random but valid UK identifiers, each returned typed and as speech."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from evaluation.uk_redaction.speech import digits_spoken, number_words, ordinal_words, spell, year_words

FIRST_NAMES = [
    "Margaret", "Sarah", "David", "Tomasz", "Aisha", "Priya", "Oluwaseun", "Siobhan", "Gareth", "Fatima",
    "Barbara", "Kwame", "Agnieszka", "Mohammed", "Eileen", "Declan", "Hannah", "Rajesh", "Chloe", "Winston",
    "Doreen", "Imran", "Bethany", "Ngozi", "Callum", "Zainab", "Harold", "Ewa", "Graham", "Leanne",
    "Yusuf", "Maureen", "Dylan", "Shabnam", "Kenneth", "Amira", "Rhys", "Joan", "Tariq", "Bronwen",
]  # fmt: skip
SURNAMES = [
    "Thompson", "Okafor", "Kowalski", "Patel", "Hughes", "McAllister", "Begum", "Nowak", "Evans", "Adeyemi",
    "Gallagher", "Khan", "Pritchard", "Mensah", "Sutherland", "Chaudhry", "Walsh", "Robertson", "Osei",
    "Jablonski", "Fitzgerald", "Hussain", "Llewellyn", "Achebe", "Murray", "Rahman", "Docherty", "Wright",
    "Singh", "Kaczmarek", "Bennett", "Mahmood", "Doyle", "Owusu", "Harrison", "Iqbal", "Campbell", "Nwosu",
    "Fletcher", "Sharma",
]  # fmt: skip
STREETS = ["Acacia", "Beech", "Mill", "Station", "Church", "Victoria", "Hawthorn", "Queens", "Albert", "Chapel",
           "Meadow", "Orchard", "Windsor", "Highfield", "Rosemary", "Cedar", "Brook", "Kingsway", "Oakwood",
           "Primrose"]  # fmt: skip
STREET_TYPES = ["Road", "Street", "Avenue", "Lane", "Close", "Drive", "Crescent", "Grove", "Terrace", "Way",
                "Gardens", "Court"]  # fmt: skip
TOWNS = ["Leeds", "Bradford", "Wakefield", "Sheffield", "Rotherham", "Halifax", "Huddersfield", "Barnsley",
         "Doncaster", "Harrogate", "Cardiff", "Swansea", "Glasgow", "Leicester", "Coventry"]  # fmt: skip
AREAS = ["LS", "BD", "WF", "S", "HX", "HD", "M", "B", "CF", "SA", "G", "LE", "CV", "NE", "SW1A", "EH", "BS"]
INWARD = "ABDEFGHJLNPQRSTUWXYZ"
ORG_WORDS = [
    "Park View",
    "Riverside",
    "Beechwood",
    "Northgate",
    "Valley",
    "Hillside",
    "Fairfield",
    "Moorland",
]
ORG_TYPES = ["Surgery", "Medical Centre", "Primary School", "Care Home", "Academy", "Day Centre"]
SAINTS = ["St Mary's", "St John's", "St Anne's", "St Peter's"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]  # fmt: skip
NI_FIRST = "ABCEGHJKLMNOPRSTWXYZ"
NI_SECOND = "ABCEGHJKLMNPRSTWXYZ"


@dataclass
class Value:
    typed: str
    spoken: str


def nhs_number(rng: random.Random) -> Value:
    while True:
        d = [rng.randint(0, 9) for _ in range(9)]
        check = 11 - sum(x * w for x, w in zip(d, range(10, 1, -1), strict=True)) % 11
        check = 0 if check == 11 else check
        if check != 10:
            s = "".join(map(str, [*d, check]))
            return Value(f"{s[:3]} {s[3:6]} {s[6:]}", digits_spoken(s, rng, [3, 3, 4]))


def ni_number(rng: random.Random) -> Value:
    while True:
        prefix = rng.choice(NI_FIRST) + rng.choice(NI_SECOND)
        if prefix not in {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}:
            break
    digits = "".join(str(rng.randint(0, 9)) for _ in range(6))
    suffix = rng.choice("ABCD")
    typed = rng.choice([f"{prefix} {digits[:2]} {digits[2:4]} {digits[4:]} {suffix}", f"{prefix}{digits}{suffix}"])
    return Value(typed, spell(f"{prefix} {digits} {suffix}", rng).replace(",", ""))


def phone(rng: random.Random) -> Value:
    kind = rng.choice(["mobile", "landline", "intl", "freephone"])
    if kind == "mobile":
        s = "07" + "".join(str(rng.randint(0, 9)) for _ in range(9))
        return Value(f"{s[:5]} {s[5:]}", digits_spoken(s, rng, [5, 3, 3]))
    if kind == "landline":
        s = "01" + str(rng.randint(1, 9)) + "1" + "".join(str(rng.randint(0, 9)) for _ in range(7))
        return Value(f"{s[:4]} {s[4:7]} {s[7:]}", digits_spoken(s, rng, [4, 3, 4]))
    if kind == "intl":
        s = "7" + "".join(str(rng.randint(0, 9)) for _ in range(9))
        return Value(f"+44 {s[:4]} {s[4:]}", "plus four four " + digits_spoken(s, rng, [4, 3, 3]))
    s = "0800" + "".join(str(rng.randint(0, 9)) for _ in range(7))
    return Value(f"{s[:4]} {s[4:7]} {s[7:]}", digits_spoken(s, rng, [4, 3, 4]))


def postcode(rng: random.Random) -> Value:
    area = rng.choice(AREAS)
    outward = area if area == "SW1A" else area + str(rng.randint(1, 29))
    code = f"{outward} {rng.randint(1, 9)}{rng.choice(INWARD)}{rng.choice(INWARD)}"
    return Value(code, spell(code, rng))


def street(rng: random.Random, town: bool) -> Value:
    n = rng.randint(1, 180)
    name = f"{rng.choice(STREETS)} {rng.choice(STREET_TYPES)}"
    t = f", {rng.choice(TOWNS)}" if town else ""
    return Value(f"{n} {name}{t}", f"{number_words(n)} {name}{t}")


def dob(rng: random.Random) -> Value:
    d = date(rng.randint(1931, 1995), rng.randint(1, 12), rng.randint(1, 28))
    typed = rng.choice([d.strftime("%d/%m/%Y"), f"{d.day} {MONTHS[d.month - 1]} {d.year}",
                        f"{MONTHS[d.month - 1]} {d.day}, {d.year}"])  # fmt: skip
    spoken = rng.choice([f"{ordinal_words(d.day)} of {MONTHS[d.month - 1]} {year_words(d.year)}",
                         f"{ordinal_words(d.day)} {MONTHS[d.month - 1]} {year_words(d.year)}"])  # fmt: skip
    return Value(typed, spoken)


def age(rng: random.Random) -> Value:
    n = rng.randint(19, 99)
    return Value(str(n), number_words(n))


def sort_code(rng: random.Random) -> Value:
    s = "".join(str(rng.randint(0, 9)) for _ in range(6))
    return Value(rng.choice([f"{s[:2]}-{s[2:4]}-{s[4:]}", f"{s[:2]} {s[2:4]} {s[4:]}"]),
                 digits_spoken(s, rng, [2, 2, 2]))  # fmt: skip


def account(rng: random.Random) -> Value:
    s = str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(7))
    return Value(s, digits_spoken(s, rng, [4, 4]))


def vehicle(rng: random.Random) -> Value:
    letters = "ABCDEFGHJKLMNOPRSTUVWXY"
    code = f"{rng.choice(letters)}{rng.choice(letters)}{rng.randint(10, 73)} " + "".join(
        rng.choice("ABCDEFGHJKLMNOPRSTUVWXYZ") for _ in range(3)
    )
    return Value(code, spell(code, rng))


def case_ref(rng: random.Random) -> Value:
    prefix = rng.choice(["SC", "ASC", "CASE", "REF"])
    digits = "".join(str(rng.randint(0, 9)) for _ in range(rng.choice([6, 7])))
    return Value(f"{prefix}{digits}" if prefix in ("SC", "ASC") else f"{prefix}-{digits}",
                 spell(f"{prefix} {digits}", rng).replace(",", ""))  # fmt: skip


def email(rng: random.Random, first: str, last: str) -> Value:
    domain = rng.choice(["gmail.com", "hotmail.co.uk", "outlook.com", "btinternet.com", "yahoo.co.uk"])
    local = rng.choice([f"{first}.{last}", f"{first}{last[0]}", f"{first[0]}{last}"]).lower()
    spoken = local.replace(".", " dot ") + " at " + domain.replace(".", " dot ")
    return Value(f"{local}@{domain}", spoken)


def organisation(rng: random.Random) -> Value:
    name = f"{rng.choice(ORG_WORDS + SAINTS)} {rng.choice(ORG_TYPES)}"
    return Value(name, name)
