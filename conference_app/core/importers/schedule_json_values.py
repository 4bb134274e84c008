"""Plain values of a schedule JSON file, in either version: text, lists, localized text, ids and
speaker keys, web addresses, and the session that cannot be imported."""

from __future__ import annotations

import re
import unicodedata
from typing import Any
from urllib.parse import urljoin

_LINK_SCHEMES = ("http://", "https://")
_BARE_HOST = re.compile(r"[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:[/?#]\S*)?", re.IGNORECASE)


class SkippedEvent(Exception):
    """A session that cannot be imported; the message says why, in plain words."""


def web_address(url: str, base_url: str) -> str | None:
    """An absolute http(s) address: frab gives attachments as server paths ("/system/…") and
    speakers type bare host names ("example.net"); other schemes are not opened from the app."""
    if url.lower().startswith(_LINK_SCHEMES):
        return url
    if url.startswith("//"):
        return "https:" + url
    if url.startswith("/"):
        return urljoin(base_url, url) if base_url else None
    if _BARE_HOST.fullmatch(url):
        return "https://" + url
    return None


def schedule_base_url(schedule: dict[str, Any]) -> str:
    base_url = text_of(schedule.get("base_url")).strip()
    return base_url if base_url.lower().startswith(_LINK_SCHEMES) else ""


def source_id(raw: dict[str, Any]) -> str:
    for key in ("guid", "id", "code"):
        if value := text_of(raw.get(key)).strip():
            return value
    return ""


def person_key(person: dict[str, Any]) -> str:
    # The same order as the frab XML reader, so pretalx's XML and JSON give the same keys.
    for key in ("id", "guid", "code"):
        if value := text_of(person.get(key)).strip():
            return f"{key}:{value}"
    return ""


def name_key(name: str) -> str:
    return "name:" + " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def event_label(raw: dict[str, Any], place: str) -> str:
    title = text_of(raw.get("title")).strip()
    identity = source_id(raw)
    if title:
        return f"'{title}' ({place})"
    return f"with id '{identity}' ({place})" if identity else f"without title or id ({place})"


def localized(value: Any, language: str) -> str:
    """Plain text, or from a {"en": …, "de": …} map the wanted language, else English, else the first."""
    if isinstance(value, dict):
        texts = {key: text for key, text in value.items() if isinstance(text, str)}
        for key in (language, "en"):
            if key in texts:
                return texts[key]
        return next(iter(texts.values()), "")
    return text_of(value)


def humanized(constant: str) -> str:
    """"LIGHTNING_TALK" → "Lightning talk"; text that is not an upper-case constant is kept."""
    if constant.isupper():
        return constant.replace("_", " ").capitalize()
    return constant


def text_of(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return ""


def list_of(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
