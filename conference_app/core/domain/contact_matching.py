"""When two records are one person.

The same email, phone number or ORCID iD is the same person: those merge at once. A close name at
the same institution only may be: the app offers the merge and the user decides.
"""

from __future__ import annotations

import re
from functools import lru_cache

from conference_app.core.domain.people import find_orcid, search_key

# Numbers written without a country code are read as North American (the congresses this app is for).
DEFAULT_PHONE_REGION = "US"
NAME_SIMILARITY = 88  # rapidfuzz token ratio (0–100) above which two names may be one person
INSTITUTION_SIMILARITY = 85

_NOISE_WORDS = re.compile(r"\b(the|of|and|at|for|university|hospital|medical|center|centre|school)\b")


def email_key(email: str) -> str:
    return email.strip().casefold()


@lru_cache(maxsize=4096)
def phone_key(phone: str) -> str:
    """The number in E.164 form without the +, or its digits when it cannot be parsed; "" for no number."""
    text = phone.strip()
    if text.lower().startswith("tel:"):
        text = text[4:]
    digits = re.sub(r"\D", "", text)
    if len(digits) < 6:
        return ""
    import phonenumbers  # loaded when a phone number is first compared: most commands never do

    try:
        number = phonenumbers.parse(text, None if text.startswith("+") else DEFAULT_PHONE_REGION)
    except phonenumbers.NumberParseException:
        return digits.lstrip("0")
    if not phonenumbers.is_possible_number(number):
        return digits.lstrip("0")
    key = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164).lstrip("+")
    # Extensions of one switchboard are different people's phones.
    return f"{key}x{number.extension}" if number.extension else key


def url_key(url: str) -> str:
    """A web address without scheme, www, query or trailing slash, lower-cased."""
    text = url.strip().casefold()
    text = re.sub(r"^[a-z]+://", "", text)
    text = re.sub(r"^www\.", "", text)
    text = text.split("?", 1)[0].split("#", 1)[0]
    return text.rstrip("/")


def orcid_key(text: str) -> str:
    return find_orcid(text)


def _fold(text: str) -> str:
    return search_key(text)


_TITLES = frozenset(
    "dr dr. doctor prof prof. professor mr mr. mrs mrs. ms ms. miss mx mx. sir dame rev rev.".split()
)
_DEGREES = frozenset(
    d.casefold()
    for d in (
        "MD DO PhD DPhil MBBS MBChB BMBS MB BS BCh BChir MS MSc MPH MBA MEd MA BA BSc FRCS FRCSEd FRCSEng FRCSI "
        "FRCSC FACS FRACS FCS FRCP MRCS MRCP FEBS FASCRS FSSO DrPH Jr Sr II III"
    ).split()
)


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """A person's name without titles, degrees, brackets or accents: "Dr. Amara Osei, MD" → "amara osei".

    Degrees are dropped only after the first two words of the name, so a family name that is
    spelled like one ("Jun MA") stays.
    """
    text = re.sub(r"\([^)]*\)", " ", _fold(name))  # "(Gen Surg)"
    before, comma, after = text.partition(",")
    if comma and any(w.strip(".") not in _DEGREES and w not in _TITLES for w in re.split(r"[\s,]+", after) if w):
        text = f"{after} {before}"  # "Osei, Amara" is written family name first
    words = [w for w in re.split(r"[\s,]+", text) if w]
    while len(words) > 1 and words[0] in _TITLES:
        words.pop(0)
    kept = [w for i, w in enumerate(words) if i < 2 or w.strip(".") not in _DEGREES]
    return " ".join(re.sub(r"[^\w\s-]", " ", " ".join(kept)).split())


def institution_key(institution: str) -> str:
    folded = re.sub(r"[^\w\s]", " ", _fold(institution))
    return " ".join(_NOISE_WORDS.sub(" ", folded).split())


def similar_names(first: str, second: str) -> bool:
    a, b = name_key(first), name_key(second)
    if not a or not b:
        return False
    from rapidfuzz import fuzz

    return a == b or fuzz.token_sort_ratio(a, b) >= NAME_SIMILARITY


def same_institution(first: str, second: str) -> bool:
    a, b = institution_key(first), institution_key(second)
    if not a or not b:
        return False
    from rapidfuzz import fuzz

    return a == b or fuzz.token_set_ratio(a, b) >= INSTITUTION_SIMILARITY


def may_be_same_person(name: str, institution: str, other_name: str, other_institution: str) -> bool:
    """A close name at the same institution: worth offering as a merge, never merged without asking."""
    return similar_names(name, other_name) and same_institution(institution, other_institution)


def is_same_card(name: str, institution: str, other_name: str, other_institution: str) -> bool:
    """The very same name and institution (a card imported twice): the same record, not a guess."""
    return name_key(name) == name_key(other_name) != "" and institution_key(institution) == institution_key(
        other_institution
    )
