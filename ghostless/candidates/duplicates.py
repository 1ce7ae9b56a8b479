"""Possible duplicates: the same LinkedIn profile, or a close name at the same company or in the
same city. Only suggestions: the same email or phone is refused outright when a record is made.

Narrowed in SQL first (each query follows an index and reads a bounded number of rows), scored
in Python with rapidfuzz, never by scanning the table.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.db.models import Q
from django.db.models.functions import Lower
from rapidfuzz import fuzz

from ghostless.accounts.models import User
from ghostless.candidates.models import Candidate, DuplicateDismissal
from ghostless.candidates.selectors import candidates_visible_to
from ghostless.core.errors import DomainError
from ghostless.core.permissions import check_recruiter

# token_sort_ratio from which two names count as close ("Jon Smith" / "John Smith" is 95).
NAME_THRESHOLD = 88
# ratio from which two first names may be one ("Jon" / "John" is 86, "Brian" / "Brittany" 77).
FIRST_NAME_THRESHOLD = 80
# Rows read by each narrowing query; there are at most four of them.
ROWS_PER_QUERY = 100

# What a suggestion shows and is scored on.
SHOWN_FIELDS = (
    "first_name",
    "last_name",
    "current_title",
    "current_company",
    "location",
    "linkedin_url",
    "linkedin_key",
    "created_at",
)


@dataclass
class Duplicate:
    candidate: Candidate
    reasons: list[str]
    score: float


def normalized_name(first: str, last: str) -> str:
    """Lower-case words without accents or punctuation: "José-Luis O'Neil" → "jose luis o neil"."""
    text = unicodedata.normalize("NFKD", f"{first} {last}".casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def name_score(a: Candidate, b: Candidate) -> float:
    """How close two names are, 0-100: the whole names compared word by word, as long as the
    first names are close too ("Brian" and "Brittany Wallace" are two people). A first name
    that starts the other with the same last name ("Jon" / "Jonathan Smith") is close: short
    forms are common."""
    full = fuzz.token_sort_ratio(
        normalized_name(a.first_name, a.last_name), normalized_name(b.first_name, b.last_name)
    )
    first_a, first_b = normalized_name(a.first_name, ""), normalized_name(b.first_name, "")
    short, long = sorted([first_a, first_b], key=len)
    same_last = normalized_name(a.last_name, "") == normalized_name(b.last_name, "") != ""
    if same_last and len(short) >= 3 and long.startswith(short):
        return max(full, float(NAME_THRESHOLD))
    if full == 100 or fuzz.ratio(first_a, first_b) >= FIRST_NAME_THRESHOLD:
        return full
    return 0.0


def _same(a: str, b: str) -> bool:
    return bool(a.strip()) and a.strip().casefold() == b.strip().casefold()


def _narrowed(user: User, candidate: Candidate) -> dict[int, Candidate]:
    """Records that may be the same person, each query on an index (see Candidate.Meta)."""
    rows = (
        candidates_visible_to(user)
        .exclude(pk=candidate.pk)
        .annotate(
            first_l=Lower("first_name"),
            last_l=Lower("last_name"),
            company_l=Lower("current_company"),
            location_l=Lower("location"),
        )
        .only(*SHOWN_FIELDS)
        # No ORDER BY: a sort could make the database walk another index to the limit.
        .order_by()
    )
    first, last = candidate.first_name.strip().lower(), candidate.last_name.strip().lower()
    company, location = (
        candidate.current_company.strip().lower(),
        candidate.location.strip().lower(),
    )
    place = Q()
    if company:
        place |= Q(company_l=company)
    if location:
        place |= Q(location_l=location)
    queries = []
    if candidate.linkedin_key:
        queries.append(rows.filter(linkedin_key=candidate.linkedin_key))
    if last and place:
        queries.append(rows.filter(place, last_l=last))
    if company and first:
        # Catches a misspelt last name at the same company.
        queries.append(rows.filter(company_l=company, first_l__startswith=first[0]))
    if location and first:
        queries.append(rows.filter(first_l=first, location_l=location))
    found: dict[int, Candidate] = {}
    for query in queries:
        found.update((row.pk, row) for row in query[:ROWS_PER_QUERY])
    return found


def _dismissed(candidate: Candidate, ids) -> set[int]:
    pairs = DuplicateDismissal.objects.filter(
        Q(candidate_a=candidate, candidate_b__in=ids)
        | Q(candidate_b=candidate, candidate_a__in=ids)
    ).values_list("candidate_a_id", "candidate_b_id")
    return {a if b == candidate.pk else b for a, b in pairs}


def duplicate_reasons(candidate: Candidate, other: Candidate) -> tuple[list[str], float]:
    """Why `other` may be the same person as `candidate`, and how sure (0-100)."""
    reasons, score = [], 0.0
    if candidate.linkedin_key and candidate.linkedin_key == other.linkedin_key:
        reasons.append("Same LinkedIn profile")
        score = 100.0
    close = name_score(candidate, other)
    if close >= NAME_THRESHOLD:
        name = "Same name" if close == 100 else "Similar name"
        by_name = []
        if _same(candidate.current_company, other.current_company):
            by_name.append(f"{name}, same company ({other.current_company.strip()})")
        if _same(candidate.location, other.location):
            by_name.append(f"{name}, same city ({other.location.strip()})")
        if by_name:
            reasons += by_name
            score = max(score, round(close, 1))
    return reasons, score


def duplicate_suggestions(*, user: User, candidate: Candidate) -> list[Duplicate]:
    """Possible duplicates of `candidate` the user may see, surest first, without the pairs
    someone marked as different people."""
    found = _narrowed(user, candidate)
    if not found:
        return []
    dismissed = _dismissed(candidate, list(found))
    duplicates = []
    for pk, other in found.items():
        if pk in dismissed:
            continue
        reasons, score = duplicate_reasons(candidate, other)
        if reasons:
            duplicates.append(Duplicate(candidate=other, reasons=reasons, score=score))
    duplicates.sort(key=lambda d: (-d.score, -d.candidate.pk))
    return duplicates


def duplicate_dismiss(
    *, candidate: Candidate, other: Candidate, actor: User | None
) -> DuplicateDismissal:
    """ "Not a duplicate": the pair is no longer suggested, from either side."""
    check_recruiter(actor, "can mark duplicates")
    if candidate.pk == other.pk:
        raise DomainError("A record is always the same person as itself.", field="other_id")
    low, high = sorted([candidate.pk, other.pk])
    dismissal, _ = DuplicateDismissal.objects.get_or_create(
        candidate_a_id=low, candidate_b_id=high, defaults={"dismissed_by": actor}
    )
    return dismissal
