"""Where a hit matched: the field that holds most of the query's words, with those words marked.

Built from the original text (search/documents.py) for one page of hits, HTML-escaped before
the marks go in, so candidate-supplied text can never become markup.
"""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ghostless.search.documents import Field
from ghostless.search.query import Query
from ghostless.search.text import tokens

# A word of the original text: letters and digits, with any combining accents they carry.
_WORD = re.compile(r"[^\W_](?:[^\W_]|[\u0300-\u036f])*")
_SPACES = re.compile(r"\s+")
BEFORE = 60
LENGTH = 200


class _Matcher:
    """Which query tokens a word (or a whole text) holds; excluded words are never marked."""

    def __init__(self, query: Query):
        self.exact = {token for term in query.terms for token in term.tokens}
        self.prefixes = tuple(term.tokens[-1] for term in query.terms if term.prefix)
        # In ASCII text a word is its own token (lower-cased), so one regex finds the matches.
        alternatives = [re.escape(token) for token in self.exact]
        alternatives += [re.escape(prefix) + r"[a-z0-9]*" for prefix in self.prefixes]
        self.ascii_words = None
        if all(token.isascii() for token in alternatives):
            pattern = r"(?<![a-z0-9])(?:" + "|".join(alternatives) + r")(?![a-z0-9])"
            self.ascii_words = re.compile(pattern, re.IGNORECASE)

    def hits(self, found: set[str]) -> set[str]:
        hits = found & self.exact
        if self.prefixes:
            hits |= {token for token in found if token.startswith(self.prefixes)}
        return hits

    def count(self, field: Field) -> int:
        """How many different query tokens the field holds, from one pass over its text."""
        hits = self.hits(set(tokens(field.text)))
        if not hits and field.variants:
            # Matched by an index-only variant (a phone typed without its country code).
            hits = self.hits(set(tokens(field.variants)))
        return len(hits)

    def spans(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
        end = len(text) if end is None else end
        if self.ascii_words and text.isascii():
            return [word.span() for word in self.ascii_words.finditer(text, start, end)]
        return [
            word.span()
            for word in _WORD.finditer(text, start, end)
            if self.hits(set(tokens(word.group())))
        ]

    def first_span(self, text: str) -> tuple[int, int] | None:
        if self.ascii_words and text.isascii():
            word = self.ascii_words.search(text)
            return word.span() if word else None
        for word in _WORD.finditer(text):
            if self.hits(set(tokens(word.group()))):
                return word.span()
        return None


def _window(text: str, first: tuple[int, int]) -> tuple[int, int]:
    """About LENGTH characters around the first match, cut at spaces."""
    if len(text) <= LENGTH:
        return 0, len(text)
    start = max(0, first[0] - BEFORE)
    if start:
        space = text.find(" ", start, first[0])
        start = space + 1 if space != -1 else start
    end = min(len(text), start + LENGTH)
    if end < len(text):
        space = text.rfind(" ", max(first[1], start), end)
        end = space if space != -1 else end
    return start, end


def _render(field: Field, matcher: _Matcher) -> SafeString:
    text = field.text
    first = matcher.first_span(text)
    if first is None:  # found through a variant: the whole (short) field is the match
        start, end, spans = 0, len(text), [(0, len(text))]
    else:
        start, end = _window(text, first)
        spans = matcher.spans(text, start, end)
    parts = [escape(field.label), ": ", "…" if start else ""]
    cursor = start
    for left, right in spans:
        parts += [escape(_SPACES.sub(" ", text[cursor:left])), "<mark>", escape(text[left:right])]
        parts.append("</mark>")
        cursor = right
    parts += [escape(_SPACES.sub(" ", text[cursor:end])), "…" if end < len(text) else ""]
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text is escaped above


def snippet(fields: list[Field], query: Query, groups: tuple[str, ...]) -> SafeString:
    """The field holding most of the query's words, or "" when none explains the match."""
    matcher = _Matcher(query)
    best, best_count = None, 0
    for field in fields:
        if field.group in groups and (count := matcher.count(field)) > best_count:
            best, best_count = field, count
    return _render(best, matcher) if best else mark_safe("")
