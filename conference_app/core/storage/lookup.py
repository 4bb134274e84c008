"""Finding a row the user named by its id."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy.orm import Session

from conference_app.core.errors import NotFoundError

RowT = TypeVar("RowT")


def get_or_raise(session: Session, model: type[RowT], row_id: object, what: str) -> RowT:
    """The `model` row with this primary key, or NotFoundError("no <what> with id <row_id>")."""
    row = session.get(model, row_id)
    if row is None:
        raise NotFoundError(f"no {what} with id {row_id}")
    return row
