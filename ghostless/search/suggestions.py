"""Rediscovery: people already in the network who fit a job ("Suggested from your network").

1. Words come from the job: its skills, its title and the description's repeated terms,
   stop words dropped, so a recruiter can see why someone was suggested.
2. `match_any` ranks a bounded set of candidates by text relevance over the search index.
3. Those left after the exclusions are re-ranked: relevance, plus how far they got in past
   pipelines, plus active consent to be contacted; each carries its reasons in words.
Every step is a fixed number of queries over the bounded set, whatever its size.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Exists, Max, OuterRef, QuerySet
from django.utils import timezone

from ghostless.accounts.models import User
from ghostless.candidates.models import Candidate
from ghostless.candidates.selectors import candidates_visible_to
from ghostless.core.permissions import check_recruiter
from ghostless.jobs.models import Application, ApplicationStatus, Job, Stage, StageRole
from ghostless.jobs.services import application_create
from ghostless.pools.models import PoolMember
from ghostless.search import events
from ghostless.search.models import SearchDocument
from ghostless.search.query import match_any
from ghostless.search.text import tokens

MATCH_LIMIT = 500
DESCRIPTION_TERMS = 10
# A description word said once is rarely what the job is about; said twice or more, it is.
DESCRIPTION_REPEATS = 2
# Hired anywhere this recently: not looking, so not suggested.
HIRED_RECENTLY = timedelta(days=183)
# Boosts on top of text relevance (scaled to 0..1): how far they got before, and consent.
STAGE_WEIGHT = 0.5
CONSENT_WEIGHT = 0.3
# A past application counts as a reason from this far along its pipeline (0 first, 1 last).
LATE_STAGE = 0.5
MATCHES_SHOWN = 6
SOURCE = "Rediscovered"
MAX_REASONS = 5

STOP_WORDS = frozenset(
    tokens(
        """
    a about above after again all also an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers how i if in into is it its itself just like
    me more most my no nor not now of off on once only or other our ours out over own same
    she should so some such than that the their theirs them then there these they this those
    through to too under until up very was we were what when where which while who whom why
    will with would you your yours
    able across ability apply based day days every experience get help join looking make
    must new one per plus role strong team teams want week well work working year years
    http https www com
    """
    )
)
# Title words that say how senior, not what the work is.
SENIORITY = frozenset(tokens("senior sr junior jr mid principal staff intern ii iii"))


@dataclass
class Suggestion:
    candidate: Candidate
    score: float
    reasons: list[str]


@dataclass
class Reach:
    """The furthest a candidate got in one past pipeline."""

    fraction: float  # 0 at the first stage, 1 at the last
    stage: str
    job_title: str
    hired: bool


def _words(text: str) -> list[str]:
    """The index's own tokens (casefolded, diacritics stripped), numbers left out."""
    return [word for word in tokens(text) if not word.isdigit()]


def job_words(job: Job) -> list[str]:
    """The words a job is searched by: skills first, then title, then the description's
    most frequent repeated terms (ties keep their first appearance)."""
    skills = [w for w in _words(job.skills) if w not in STOP_WORDS]
    title = [w for w in _words(job.title) if w not in STOP_WORDS and w not in SENIORITY]
    counts = Counter(w for w in _words(job.description) if len(w) > 3 and w not in STOP_WORDS)
    description = [w for w, n in counts.most_common(DESCRIPTION_TERMS) if n >= DESCRIPTION_REPEATS]
    return list(dict.fromkeys(skills + title + description))


def job_suggestions(*, job: Job, user: User, limit: int = 10) -> list[Suggestion]:
    """The people from the network who fit `job` best, best first, each with its reasons."""
    check_recruiter(user, "see suggestions from the network")
    words = job_words(job)
    matches = match_any(words, limit=MATCH_LIMIT) if words else []
    if not matches:
        return []
    relevance = dict(matches)
    eligible = set(_eligible(user=user, job=job, ids=list(relevance)).values_list("pk", flat=True))
    ids = [pk for pk, _ in matches if pk in eligible]
    reach = _furthest_reach(ids)
    consent = _consent_until(ids)
    top = max(relevance[pk] for pk in ids) if ids else 0
    scored = []
    for pk in ids:
        fit = relevance[pk] / top if top > 0 else 1.0
        boost = STAGE_WEIGHT * reach[pk].fraction if pk in reach else 0.0
        boost += CONSENT_WEIGHT if pk in consent else 0.0
        scored.append((fit + boost, pk))
    scored.sort(key=lambda item: (-item[0], item[1]))
    chosen = scored[:limit]
    texts = _profile_texts([pk for _, pk in chosen])
    return [
        Suggestion(
            candidate=texts[pk][0],
            score=round(score, 4),
            reasons=_reasons(words, texts[pk][1], reach.get(pk), consent.get(pk)),
        )
        for score, pk in chosen
        if pk in texts
    ]


def _eligible(*, user: User, job: Job, ids: list[int]) -> QuerySet[Candidate]:
    """Drop who is on the job already, who unsubscribed, who was hired recently, and whom
    the user may not see."""
    on_job = Application.objects.filter(candidate_id=OuterRef("pk"), job=job)
    hired = Application.objects.filter(
        candidate_id=OuterRef("pk"),
        status=ApplicationStatus.HIRED,
        status_changed_at__gte=timezone.now() - HIRED_RECENTLY,
    )
    return (
        candidates_visible_to(user)
        .filter(pk__in=ids, unsubscribed_at__isnull=True)
        .exclude(Exists(on_job))
        .exclude(Exists(hired))
    )


def _furthest_reach(ids: list[int]) -> dict[int, Reach]:
    """Each candidate's furthest position in any past pipeline, in two queries."""
    rows = list(
        Application.objects.filter(candidate_id__in=ids).values_list(
            "candidate_id", "job_id", "job__title", "stage__name", "stage__order", "status"
        )
    )
    orders: dict[int, list[int]] = {}
    for job_id, order in Stage.objects.filter(job_id__in={row[1] for row in rows}).values_list(
        "job_id", "order"
    ):
        orders.setdefault(job_id, []).append(order)
    furthest: dict[int, Reach] = {}
    for candidate_id, job_id, title, stage, order, status in rows:
        pipeline = sorted(set(orders.get(job_id, [order])))
        position = pipeline.index(order) if order in pipeline else 0
        fraction = position / (len(pipeline) - 1) if len(pipeline) > 1 else 0.0
        best = furthest.get(candidate_id)
        if best is None or fraction > best.fraction:
            furthest[candidate_id] = Reach(
                fraction, stage, title, hired=status == ApplicationStatus.HIRED
            )
    return furthest


def _consent_until(ids: list[int]) -> dict[int, datetime]:
    """When each consenting candidate's latest consent to be contacted runs out."""
    rows = (
        PoolMember.objects.filter(
            candidate_id__in=ids,
            consent_given_at__isnull=False,
            consent_expires_at__gt=timezone.now(),
        )
        .values("candidate_id")
        .annotate(until=Max("consent_expires_at"))
        .order_by()
    )
    return {row["candidate_id"]: row["until"] for row in rows}


def _profile_texts(ids: list[int]) -> dict[int, tuple[Candidate, set[str]]]:
    """The chosen candidates with the words of their search document that a job word may
    match: title, company, skills, tags, location, resume and shared notes (not names)."""
    words = {
        pk: set(f"{b} {c} {d}".split())
        for pk, b, c, d in SearchDocument.objects.filter(candidate_id__in=ids).values_list(
            "candidate_id", "b", "c", "d"
        )
    }
    return {
        candidate.pk: (candidate, words.get(candidate.pk, set()))
        for candidate in Candidate.objects.filter(pk__in=ids)
    }


def _reasons(
    words: list[str], found: set[str], reach: Reach | None, consent_until: datetime | None
) -> list[str]:
    matched = [w for w in words if w in found or f"{w}s" in found]
    reasons = [
        f"Matches: {', '.join(matched[:MATCHES_SHOWN])}"
        if matched
        else "Matches words in this job's text"
    ]
    if reach and reach.hired:
        reasons.append(f"Hired before for {reach.job_title}")
    elif reach and reach.fraction >= LATE_STAGE:
        reasons.append(f"Reached {reach.stage} for {reach.job_title}")
    if consent_until:
        reasons.append(f"Consented until {timezone.localtime(consent_until):%b %Y}")
    return reasons


def suggestion_stage(job: Job) -> Stage | None:
    """Where suggested people land: the job's sourced stage, else its first."""
    stages = job.stages.order_by("order", "id")
    return stages.filter(role=StageRole.SOURCED).first() or stages.first()


def suggestion_add(
    *, job: Job, candidate: Candidate, actor: User | None, reasons: list[str]
) -> Application:
    """Put a suggested person on the job at Sourced (or its first stage), and say why on
    their timeline."""
    check_recruiter(actor)
    reasons = [" ".join(reason.split())[:200] for reason in reasons if reason.strip()]
    reasons = reasons[:MAX_REASONS]
    with transaction.atomic():
        application = application_create(
            candidate=candidate, job=job, actor=actor, source=SOURCE, stage=suggestion_stage(job)
        )
        events.suggestion_added(application=application, actor=actor, reasons=reasons)
    return application
