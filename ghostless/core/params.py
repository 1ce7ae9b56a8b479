"""Reading ids out of posted forms: a bad value is an answer (None), never a 500."""

import uuid


def posted_ids(values: list[str]) -> set[int] | None:
    """The posted ids, or None when one of them is not a number."""
    try:
        return {int(value) for value in values}
    except ValueError:
        return None


def posted_uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None
