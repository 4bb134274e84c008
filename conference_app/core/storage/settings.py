"""Reading and writing the small app-wide values kept in the `setting` table."""

from __future__ import annotations

from sqlalchemy.orm import Session

from conference_app.core.storage.models import Setting

# What the JSON `value` column holds (the type of Setting.value).
SettingValue = dict | list | str | int | None


def get_setting(session: Session, key: str, default: object = None) -> object:
    """The value stored under `key`, or `default` when there is none (or it is null)."""
    row = session.get(Setting, key)
    return default if row is None or row.value is None else row.value


def put_setting(session: Session, key: str, value: SettingValue) -> None:
    """Store `value` (anything JSON can hold) under `key`, replacing what was there."""
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value
