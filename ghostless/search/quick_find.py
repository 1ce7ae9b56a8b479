"""The candidate list's quick find: the words typed in its search box, matched through the
search index, narrowing the list's own filters (`candidates.selectors.candidate_list`)."""

import json
import math

from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL

from ghostless.accounts.models import User
from ghostless.candidates.models import Candidate, CandidateEmail, CandidatePhone
from ghostless.candidates.selectors import among, candidate_list
from ghostless.search.query import MAX_TERMS, MIN_PREFIX, Query, Term, matching_sql
from ghostless.search.text import tokens


def candidate_find(*, user: User, q: str = "", **filters) -> QuerySet[Candidate]:
    """The candidate list (filters as `candidate_list` takes them) narrowed to the words in `q`."""
    candidates = candidate_list(user=user, **filters)
    if q:
        candidates = candidates.filter(_quick_find(q))
    return candidates


def _quick_find(q: str) -> Q:
    """Every word must match. A word of three or more letters goes through the search index,
    matched from the start of a word in names, emails, phones, titles, companies, skills and
    tags (a scan of a million rows would take a second); a run of digits is looked for
    anywhere in the phone numbers; a shorter word, anywhere in names, companies, titles and
    emails."""
    condition, terms = Q(), []
    for word in q.split()[:MAX_TERMS]:
        found = tokens(word)
        digits = "".join(ch for ch in word if ch.isdigit())
        if not found:
            return Q(pk__in=[])
        if len(digits) >= MIN_PREFIX and not any(ch.isalpha() for ch in word):
            phones = CandidatePhone.objects.filter(candidate_id=OuterRef("pk"))
            condition &= Exists(phones.filter(phone__contains=digits))
        elif len(found) == 1 and len(found[0]) < MIN_PREFIX:
            condition &= _substring(word)
        else:
            terms.append(Term(tuple(found), prefix=len(found[-1]) >= MIN_PREFIX))
    if terms:
        sql, params = matching_sql(Query(clauses=[[term] for term in terms]), ("a", "b"))
        condition &= _indexed(sql, params)
    return condition


def _indexed(sql: str, params: list) -> Q:
    """Candidates among the ids `sql` selects. On PostgreSQL a selective word is looked up in
    the full-text index first and its matches sorted; otherwise the planner walks every
    candidate newest first, testing each one's document (seen: 200 ms at 100,000 for a first
    name in one candidate in 150, against 6 ms from the index). SQLite plans it that way."""
    ids = RawSQL(sql, params)  # noqa: S611 -- constant SQL, values as params
    if connection.vendor == "postgresql" and _selective(sql, params):
        return among(ids)
    return Q(pk__in=ids)


# Sorting m matches costs about m index reads; walking newest first until a page of 26 is
# found costs about 26·N/m. They break even near m = sqrt(52·N) (with N candidates): 2,300
# at 100,000, 7,200 at a million. Both m and N are the planner's estimates (its statistics
# of the words in the documents, and of the table), read without touching a row: counting
# the matches instead cost a common word 25 ms at a million.


def _selective(sql: str, params: list) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT greatest(reltuples, 0) FROM pg_class WHERE oid = %s::regclass",
            [Candidate._meta.db_table],
        )
        candidates = cursor.fetchone()[0]
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    matches = plan[0]["Plan"]["Plan Rows"]
    return matches < max(1000, math.sqrt(52 * candidates))


def _substring(word: str) -> Q:
    emails = CandidateEmail.objects.filter(candidate_id=OuterRef("pk"), email__icontains=word)
    return (
        Q(first_name__icontains=word)
        | Q(last_name__icontains=word)
        | Q(current_company__icontains=word)
        | Q(current_title__icontains=word)
        | Exists(emails)
    )
