"""One normalization for indexing and querying, done in Python so SQLite FTS5 and PostgreSQL
see exactly the same tokens: casefolded, diacritics stripped, anything but letters and digits
a separator. Neither database's own tokenizer then has anything left to decide."""

import re
import unicodedata

# Longer runs are noise (base64, hashes); PostgreSQL would also refuse words over 2 KB.
MAX_TOKEN = 64
_NON_ALNUM = re.compile(r"[\W_]+")
_ASCII_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def tokens(text: str) -> list[str]:
    if text.isascii():
        words = _ASCII_NON_ALNUM.split(text.lower())
    else:
        folded = unicodedata.normalize("NFKD", text.casefold())
        stripped = "".join(ch for ch in folded if not unicodedata.combining(ch))
        words = _NON_ALNUM.split(stripped)
    return [word for word in words if word and len(word) <= MAX_TOKEN]


def normalize(text: str) -> str:
    return " ".join(tokens(text))
