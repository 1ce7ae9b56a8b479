"""The query language and the ranked match, on SQLite FTS5 and PostgreSQL alike.

Words are ANDed; `"quoted phrases"`; `a OR b`; `-word` or `-"phrase"` excludes; `word*` is a
prefix. User text is parsed here and compiled into each engine's syntax from normalized tokens
(letters and digits only), so nothing a user types reaches the engine's own parser.

Ranking is bounded: at most `limit` matching rows (that also pass the caller's restriction)
are fetched, newest first on SQLite, then ranked; bm25 on SQLite, ts_rank_cd on PostgreSQL.
"""

import re
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from ghostless.core.errors import DomainError
from ghostless.search.documents import GROUPS
from ghostless.search.text import tokens

MAX_QUERY_CHARS = 500
MAX_TERMS = 30
# Shorter prefixes match too many words to be useful, and cost the most.
MIN_PREFIX = 3
# Weights per group a, b, c, d; the same order of importance on both engines.
FTS5_WEIGHTS = "10.0, 4.0, 2.0, 1.0"
PG_WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"  # d, c, b, a, as ts_rank_cd expects
MATCH_ANY_SCAN = 4000

_LEXEME = re.compile(r'(-?)(?:"([^"]*)"(\*?)|([^\s"]+))')


@dataclass(frozen=True)
class Term:
    """A word or a phrase: one or more normalized tokens; prefix applies to the last one."""

    tokens: tuple[str, ...]
    prefix: bool = False


@dataclass
class Query:
    # Each clause is a list of alternatives (OR); clauses are ANDed.
    clauses: list[list[Term]] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)

    @property
    def terms(self) -> list[Term]:
        return [term for clause in self.clauses for term in clause]


def _term(text: str, prefix: bool) -> Term | None:
    found = tokens(text)
    if not found:
        return None
    if prefix and len(found[-1]) < MIN_PREFIX:
        raise DomainError(
            f"Put at least {MIN_PREFIX} letters before the * of “{text}*”.", field="q"
        )
    return Term(tuple(found), prefix)


def parse(text: str) -> Query:
    """The user's query, or DomainError(field="q") saying what to fix."""
    text = text.strip()
    if len(text) > MAX_QUERY_CHARS:
        raise DomainError(f"Keep the search under {MAX_QUERY_CHARS} characters.", field="q")
    if text.count('"') % 2:
        raise DomainError('A quote is not closed: add the closing “"”.', field="q")
    query = Query()
    pending_or = False
    for match in _LEXEME.finditer(text):
        negated, quoted, quoted_star, bare = match.groups()
        if bare == "OR" and not negated:
            if not query.clauses or pending_or:
                raise DomainError("Put a word on each side of OR.", field="q")
            pending_or = True
            continue
        if quoted is not None:
            term = _term(quoted, bool(quoted_star))
        else:
            term = _term(bare.rstrip("*"), bare.endswith("*"))
        if negated:
            if pending_or:
                raise DomainError(
                    "OR cannot join an excluded word; use OR between words to find.", field="q"
                )
            if term:
                query.excluded.append(term)
            continue
        if term is None:
            pending_or = False
            continue
        if pending_or:
            query.clauses[-1].append(term)
            pending_or = False
        else:
            query.clauses.append([term])
    if pending_or:
        raise DomainError("Put a word on each side of OR.", field="q")
    if len(query.terms) + len(query.excluded) > MAX_TERMS:
        raise DomainError(f"Use at most {MAX_TERMS} words.", field="q")
    if not query.clauses:
        if query.excluded:
            raise DomainError(
                "Add a word to find: -word only excludes people from what the other words find.",
                field="q",
            )
        raise DomainError("Type a name, skill, email, phone or any word to search for.", field="q")
    return query


# --- FTS5 ---------------------------------------------------------------------------------


def _fts5_term(term: Term) -> str:
    return '"' + " ".join(term.tokens) + '"' + ("*" if term.prefix else "")


def _fts5_any(terms: list[Term]) -> str:
    return "(" + " OR ".join(_fts5_term(term) for term in terms) + ")"


def to_fts5(query: Query, groups: tuple[str, ...] = GROUPS) -> str:
    expression = " AND ".join(_fts5_any(clause) for clause in query.clauses)
    if query.excluded:
        expression = f"({expression}) NOT {_fts5_any(query.excluded)}"
    if groups != GROUPS:
        expression = "{" + " ".join(groups) + "} : (" + expression + ")"
    return expression


# --- PostgreSQL ---------------------------------------------------------------------------


def _pg_term(term: Term, weights: str) -> str:
    lexemes = [f"'{token}':{weights}" for token in term.tokens]
    if term.prefix:
        lexemes[-1] = f"'{term.tokens[-1]}':*{weights}"
    return "(" + " <-> ".join(lexemes) + ")"


def _pg_any(terms: list[Term], weights: str) -> str:
    return "(" + " | ".join(_pg_term(term, weights) for term in terms) + ")"


def to_tsquery(query: Query, groups: tuple[str, ...] = GROUPS) -> str:
    weights = "".join(groups).upper() if groups != GROUPS else ""
    expression = " & ".join(_pg_any(clause, weights) for clause in query.clauses)
    if query.excluded:
        expression = f"{expression} & !{_pg_any(query.excluded, weights)}"
    return expression


# --- Matching -----------------------------------------------------------------------------


def _restriction(candidates: QuerySet | None, narrow: bool, column: str) -> tuple[str, list]:
    """SQL to keep only matches among `candidates`. PostgreSQL plans `IN` well either way.
    SQLite would use `rowid IN (…)` to probe FTS5 once per listed id, re-running the text
    query each time (seconds for a broad word and a large set), so the text match always
    drives: a narrow set is built once and probed (`+rowid` hides it from FTS5); otherwise
    each text match is looked up in the candidates table until enough pass."""
    if candidates is None:
        return "", []
    if connection.vendor == "sqlite" and not narrow:
        outer = RawSQL(column, ())  # noqa: S611 - a constant column name, no user input
        correlated = candidates.order_by().filter(pk=outer).values("pk")
        sql, params = correlated.query.sql_with_params()
        return f" AND EXISTS ({sql})", list(params)
    sql, params = candidates.order_by().values("pk").query.sql_with_params()
    prefix = "+" if connection.vendor == "sqlite" else ""
    return f" AND {prefix}{column} IN ({sql})", list(params)


def matches(
    query: Query,
    *,
    candidates: QuerySet | None = None,
    narrow: bool = True,
    groups: tuple[str, ...] = GROUPS,
    limit: int = 1000,
) -> list[tuple[int, float]]:
    """(candidate id, score) of at most `limit` matches within `candidates`, unranked.
    Only constants and Django-compiled SQL are formatted into the statements; the query and
    the restriction's values travel as parameters."""
    if connection.vendor == "postgresql":
        restriction, params = _restriction(candidates, narrow, "d.candidate_id")
        sql = (
            f"SELECT d.candidate_id, ts_rank_cd('{PG_WEIGHTS}', d.vector, q) "  # noqa: S608
            "FROM search_searchdocument d, to_tsquery('simple', %s) q "
            f"WHERE d.vector @@ q{restriction} LIMIT %s"
        )
        params = [to_tsquery(query, groups), *params, limit]
    else:
        restriction, params = _restriction(candidates, narrow, "search_fts.rowid")
        sql = (
            f"SELECT rowid, -bm25(search_fts, {FTS5_WEIGHTS}) FROM search_fts "  # noqa: S608
            f"WHERE search_fts MATCH %s{restriction} ORDER BY rowid DESC LIMIT %s"
        )
        params = [to_fts5(query, groups), *params, limit]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(pk, float(score)) for pk, score in cursor.fetchall()]


def matching_sql(query: Query, groups: tuple[str, ...] = GROUPS) -> tuple[str, list]:
    """A subquery of the ids of every candidate matching `query` in `groups`, unranked and
    unbounded, for filtering a list (`pk__in=RawSQL(sql, params)`)."""
    if connection.vendor == "postgresql":
        return (
            "SELECT candidate_id FROM search_searchdocument "
            "WHERE vector @@ to_tsquery('simple', %s)",
            [to_tsquery(query, groups)],
        )
    return "SELECT rowid FROM search_fts WHERE search_fts MATCH %s", [to_fts5(query, groups)]


def rank(hits: list[tuple[int, float]]) -> list[tuple[int, float]]:
    """Best score first; the newer candidate first among equals."""
    return sorted(hits, key=lambda hit: (-hit[1], -hit[0]))


def match_any(words: list[str], *, limit: int = 500) -> list[tuple[int, float]]:
    """Candidates matching any of these words (a word of several tokens as a phrase), with a
    relevance score, best first: the best `limit` of a bounded set of matches."""
    terms = list(dict.fromkeys(term for word in words if (term := _term_or_none(word))))
    if not terms:
        return []
    query = Query(clauses=[terms[:MAX_TERMS]])
    return rank(matches(query, limit=max(limit, MATCH_ANY_SCAN)))[:limit]


def _term_or_none(word: str) -> Term | None:
    found = tokens(word)
    return Term(tuple(found)) if found else None
