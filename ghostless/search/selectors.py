"""Reads for search: the filtered, ranked, bounded set of hits, and one page of them."""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from ghostless.accounts.models import User
from ghostless.candidates.models import Candidate
from ghostless.candidates.selectors import candidates_visible_to
from ghostless.jobs.models import Job, Stage
from ghostless.jobs.selectors import applications_visible_to
from ghostless.pools.models import PoolMember, TalentPool
from ghostless.search.documents import GROUPS, GROUPS_FOR_EVERYONE, candidate_fields
from ghostless.search.models import SavedSearch
from ghostless.search.query import Query, matches, parse, rank
from ghostless.search.snippets import snippet

# Matches ranked per search; past it the page says "1,000+" and asks for more words.
RESULT_LIMIT = 1000


class Consent:
    CONSENTED = "consented"
    NO_CONSENT = "no_consent"
    UNSUBSCRIBED = "unsubscribed"
    CHOICES = [
        ("", "Any"),
        (CONSENTED, "Consented to contact"),
        (NO_CONSENT, "No active consent"),
        (UNSUBSCRIBED, "Unsubscribed"),
    ]


@dataclass(frozen=True)
class SearchFilters:
    job: Job | None = None
    stage: Stage | None = None
    status: str = ""
    tag: str = ""
    pool: TalentPool | None = None
    owner: User | None = None
    location: str = ""
    consent: str = ""
    contacted_before: date | None = None
    contacted_after: date | None = None

    def __bool__(self) -> bool:
        return any(value not in (None, "") for value in vars(self).values())


@dataclass
class SearchResult:
    query: Query | None
    hits: list[tuple[int, float]]
    capped: bool

    @property
    def count(self) -> int:
        return len(self.hits)


@dataclass
class Hit:
    candidate: Candidate
    score: float
    snippet: str


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _active_consent() -> Exists:
    now = timezone.now()
    return Exists(
        PoolMember.objects.filter(
            candidate_id=OuterRef("pk"), consent_given_at__isnull=False
        ).filter(Q(consent_expires_at__isnull=True) | Q(consent_expires_at__gt=now))
    )


def _consent(consent: str) -> Q:
    consented = _active_consent() & Q(unsubscribed_at__isnull=True)
    return {
        Consent.CONSENTED: consented,
        Consent.NO_CONSENT: ~consented,
        Consent.UNSUBSCRIBED: Q(unsubscribed_at__isnull=False),
    }[consent]


@dataclass(frozen=True)
class Restriction:
    """The candidates a search may return. `narrow` when an indexed filter (visibility, job,
    stage, status, tag, pool, owner) makes them a set cheap to list: the matcher then checks
    text matches against that set; otherwise it checks each text match against the filters."""

    candidates: QuerySet[Candidate]
    narrow: bool


def restriction(user: User, filters: SearchFilters) -> Restriction | None:
    """Who this user may find among those passing the filters; None means everyone.
    Sets are written as `pk IN (ids from an indexed table)` so a database can start from them."""
    if not filters and user.sees_everything:
        return None
    candidates, narrow = candidates_visible_to(user), not user.sees_everything
    application = Q()
    if filters.job:
        application &= Q(job=filters.job)
    if filters.stage:
        application &= Q(stage=filters.stage)
    if filters.status:
        application &= Q(status=filters.status)
    if application or not user.sees_everything:
        # One application meets all three, and it is one the user may see.
        applications = applications_visible_to(user).filter(application)
        candidates = candidates.filter(pk__in=applications.values("candidate_id"))
        narrow = True
    if filters.tag:
        tagged = Candidate.tags.through.objects.filter(tag__name=filters.tag)
        candidates, narrow = candidates.filter(pk__in=tagged.values("candidate_id")), True
    if filters.pool:
        members = PoolMember.objects.filter(pool=filters.pool)
        candidates, narrow = candidates.filter(pk__in=members.values("candidate_id")), True
    if filters.owner:
        candidates, narrow = candidates.filter(owner=filters.owner), True
    if filters.location:
        candidates = candidates.filter(location__icontains=filters.location)
    if filters.consent:
        candidates = candidates.filter(_consent(filters.consent))
    if filters.contacted_before:
        before = _start_of(filters.contacted_before)
        candidates = candidates.filter(
            Q(last_contact_at__lt=before) | Q(last_contact_at__isnull=True)
        )
    if filters.contacted_after:
        candidates = candidates.filter(last_contact_at__gte=_start_of(filters.contacted_after))
    return Restriction(candidates=candidates, narrow=narrow)


def searchable_groups(user: User) -> tuple[str, ...]:
    return GROUPS if user.sees_everything else GROUPS_FOR_EVERYONE


def candidate_search(
    *, user: User, q: str, filters: SearchFilters, limit: int = RESULT_LIMIT
) -> SearchResult:
    """Ranked hits for the text (parsed here: DomainError(field="q") when it cannot be), or,
    without text, the filtered candidates newest first. Bounded at `limit` either way."""
    restricted = restriction(user, filters)
    if not q.strip():
        if restricted is None:
            return SearchResult(query=None, hits=[], capped=False)
        newest = restricted.candidates.order_by("-created_at", "-id")
        ids = list(newest.values_list("pk", flat=True)[: limit + 1])
        return SearchResult(
            query=None, hits=[(pk, 0.0) for pk in ids[:limit]], capped=len(ids) > limit
        )
    query = parse(q)
    found = matches(
        query,
        candidates=restricted.candidates if restricted else None,
        narrow=restricted.narrow if restricted else False,
        groups=searchable_groups(user),
        limit=limit + 1,
    )
    return SearchResult(query=query, hits=rank(found[:limit]), capped=len(found) > limit)


def search_hits(*, user: User, result: SearchResult, hits: list[tuple[int, float]]) -> list[Hit]:
    """One page of hits with their candidates and snippets, in a fixed number of queries."""
    ids = [pk for pk, _ in hits]
    candidates = Candidate.objects.select_related("owner").in_bulk(ids)
    fields = candidate_fields(ids=ids) if result.query else {}
    groups = searchable_groups(user)
    return [
        Hit(
            candidate=candidates[pk],
            score=score,
            snippet=snippet(fields.get(pk, []), result.query, groups) if result.query else "",
        )
        for pk, score in hits
        if pk in candidates
    ]


def saved_searches(user: User) -> QuerySet[SavedSearch]:
    return SavedSearch.objects.filter(owner=user)
