"""Text the databases can store: no lone UTF-16 surrogates (neither SQLite nor PostgreSQL can
encode them) and no NUL (PostgreSQL refuses it).

A lone surrogate reaches Python from a JSON escape such as "\\ud800", or from bytes decoded
with `surrogateescape` (the email package does that with undecodable headers). Input a person
typed is refused with the field named; text from mail and files is cleaned, never dropped.
"""

import re
from typing import Any

SURROGATE_RE = re.compile("[\ud800-\udfff]")


def has_lone_surrogate(text: str) -> bool:
    # A str holds astral characters as one code point, so any surrogate in it is alone.
    return bool(SURROGATE_RE.search(text))


def lone_surrogate_path(value: Any, path: str = "") -> str | None:
    """Where in parsed JSON the first string (or key) with a lone surrogate is, as a dotted
    path ("custom_fields.note.1"), or None when there is none."""
    if isinstance(value, str):
        return (path or "body") if has_lone_surrogate(value) else None
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return None
    for key, item in items:
        where = f"{path}.{key}" if path else str(key)
        if isinstance(key, str) and has_lone_surrogate(key):
            return where
        if found := lone_surrogate_path(item, where):
            return found
    return None


def clean_text(text: str) -> str:
    """Text from mail or files made storable: each lone surrogate becomes U+FFFD (the
    replacement character a decoder would have written) and NUL is removed."""
    return SURROGATE_RE.sub("\N{REPLACEMENT CHARACTER}", text).replace("\x00", "")
