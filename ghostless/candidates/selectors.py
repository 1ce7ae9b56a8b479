"""Reads for candidates, with the permission check built in."""

from functools import cache

from django.db import connection, connections
from django.db.models import (
    BooleanField,
    Exists,
    F,
    Func,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower
from django.shortcuts import get_object_or_404

from ghostless.accounts.models import User
from ghostless.candidates.models import (
    Candidate,
    CandidateEmail,
    CandidateMerge,
    CandidatePhone,
    Tag,
)
from ghostless.candidates.normalize import linkedin_key
from ghostless.core.permissions import check_admin
from ghostless.jobs.models import Application


def candidates_visible_to(user: User) -> QuerySet[Candidate]:
    """Admins and recruiters see everyone; a hiring manager, the candidates of their jobs."""
    if user.sees_everything:
        return Candidate.objects.all()
    return Candidate.objects.filter(
        Exists(Application.objects.filter(candidate_id=OuterRef("pk"), job__hiring_manager=user))
    )


def access_candidate(user: User, pk) -> Candidate:
    """The only way views load a candidate: 404 for what the user may not see. Its emails,
    phones and tags come loaded, as `prefetch_related` would leave them, from one query."""
    candidate = get_object_or_404(candidates_visible_to(user).select_related("owner"), pk=pk)
    _load_contacts(candidate)
    return candidate


@cache
def _contacts_sql() -> str:
    quote = connection.ops.quote_name
    email, phone = CandidateEmail._meta.db_table, CandidatePhone._meta.db_table
    tag, link = Tag._meta.db_table, Candidate.tags.through._meta.db_table
    order = quote("order")
    # Each model's own ordering: (order, id) for emails and phones, name for tags. Compound
    # SELECTs sort by result columns only, hence the tag name twice.
    return f"""
SELECT 0, {order}, NULL, id, email FROM {email} WHERE candidate_id = %s
UNION ALL SELECT 1, {order}, NULL, id, phone FROM {phone} WHERE candidate_id = %s
UNION ALL SELECT 2, 0, t.name, t.id, t.name FROM {tag} t
    JOIN {link} ct ON ct.tag_id = t.id WHERE ct.candidate_id = %s
ORDER BY 1, 2, 3, 4
"""  # noqa: S608 -- only table and column names are formatted in; the ids are parameters.


def _load_contacts(candidate: Candidate) -> None:
    """`prefetch_related("emails", "phones", "tags")` in one statement instead of three: the
    ORM spends more building three queries than the database answering them (issue 15)."""
    db = candidate._state.db
    with connections[db].cursor() as cursor:
        cursor.execute(_contacts_sql(), [candidate.pk] * 3)
        rows = cursor.fetchall()
    emails, phones, tags = [], [], []
    for kind, order, _name, pk, value in rows:
        if kind == 0:
            emails.append(
                CandidateEmail.from_db(db, EMAIL_FIELDS, (pk, candidate.pk, value, order))
            )
        elif kind == 1:
            phones.append(
                CandidatePhone.from_db(db, PHONE_FIELDS, (pk, candidate.pk, value, order))
            )
        else:
            tags.append(Tag.from_db(db, TAG_FIELDS, (pk, value)))
    for row in (*emails, *phones):
        row._state.fields_cache["candidate"] = candidate
    prefetched = candidate._prefetched_objects_cache = {}
    for name, loaded in (("emails", emails), ("phones", phones), ("tags", tags)):
        queryset = getattr(candidate, name).get_queryset()
        queryset._result_cache = loaded
        queryset._prefetch_done = True
        prefetched[name] = queryset


EMAIL_FIELDS = ("id", "candidate_id", "email", "order")
PHONE_FIELDS = ("id", "candidate_id", "phone", "order")
TAG_FIELDS = ("id", "name")


# Filter selects list at most this many tags or sources.
CHOICES_LIMIT = 200


def filter_tags(user: User, chosen: str = "") -> list[str]:
    """Tag names for a filter, in order: every tag for those who see everyone (no scan of the
    candidates), the tags of visible candidates otherwise; plus the chosen one if it exists."""
    tags = Tag.objects.order_by("name")
    if not user.sees_everything:
        tags = tags.filter(candidates__in=candidates_visible_to(user)).distinct()
    names = list(tags.values_list("name", flat=True)[:CHOICES_LIMIT])
    if chosen and chosen not in names and tags.filter(name=chosen).exists():
        names.append(chosen)
    return names


# Walks the source index from one distinct value to the next (a "loose index scan"): a few
# index probes per distinct source instead of reading every candidate.
_DISTINCT_SOURCES = """
WITH RECURSIVE sources(source, n) AS (
    SELECT (SELECT source FROM {table} WHERE source > '' ORDER BY source LIMIT 1), 1
    UNION ALL
    SELECT (SELECT source FROM {table} WHERE source > sources.source ORDER BY source LIMIT 1),
        n + 1
    FROM sources WHERE sources.source IS NOT NULL AND n < %s
)
SELECT source FROM sources WHERE source IS NOT NULL ORDER BY source
"""


def candidate_sources(user: User) -> list[str]:
    """The distinct non-empty sources of the candidates this user sees, in order (bounded)."""
    if not user.sees_everything:
        sources = candidates_visible_to(user).exclude(source="").order_by("source")
        return list(sources.values_list("source", flat=True).distinct()[:CHOICES_LIMIT])
    with connection.cursor() as cursor:
        cursor.execute(_DISTINCT_SOURCES.format(table=Candidate._meta.db_table), [CHOICES_LIMIT])
        return [row[0] for row in cursor.fetchall()]


# The candidate list's orders (its column headers), each read from an index in order:
# Meta.indexes for the name and when added, migration 0007 for the last contact. Never
# contacted counts as the longest wait, on both databases.
CANDIDATE_SORTS = {
    "-added": ("-created_at", "-id"),
    "added": ("created_at", "id"),
    "name": (Lower("last_name"), Lower("first_name"), "id"),
    "-name": (Lower("last_name").desc(), Lower("first_name").desc(), "-id"),
    "last_contact": (F("last_contact_at").asc(nulls_first=True), "id"),
    "-last_contact": (F("last_contact_at").desc(nulls_last=True), "-id"),
}


def candidate_list(
    *,
    user: User,
    sort: str = "-added",
    job: str | int | None = None,
    stage: str | int | None = None,
    status: str = "",
    owner: str = "",
    tag: str = "",
    source: str = "",
    linkedin_url: str = "",
) -> QuerySet[Candidate]:
    """The candidate list with its filters; application filters match one application. The
    words typed in its search box are the search app's (`search.quick_find.candidate_find`).
    `linkedin_url` matches the profile whatever form of its address was stored."""
    candidates = candidates_visible_to(user)
    if linkedin_url:
        key = linkedin_key(linkedin_url)
        candidates = candidates.filter(linkedin_key=key) if key else candidates.none()
    app_filter = Q()
    if job:
        app_filter &= Q(job_id=job)
    if stage:
        app_filter &= Q(stage_id=stage)
    if status:
        app_filter &= Q(status=status)
    if app_filter:
        visible_apps = Application.objects.filter(app_filter)
        if not user.sees_everything:
            visible_apps = visible_apps.filter(job__hiring_manager=user)
        if job or stage:
            candidates = candidates.filter(among(visible_apps.order_by().values("candidate_id")))
        else:
            # A status alone matches many: walking candidates newest first finds a page fast.
            candidates = candidates.filter(Exists(visible_apps.filter(candidate_id=OuterRef("pk"))))
    if owner:
        # By id, not through a join: the planner then reads the owner's newest candidates
        # straight from the (owner, created_at, id) index.
        owner_id = User.objects.filter(username=owner).values("pk")
        candidates = candidates.filter(owner_id=Subquery(owner_id))
    if tag:
        candidates = candidates.filter(tags__name=tag.lower())
    if source:
        candidates = candidates.filter(source__iexact=source)
    candidates = candidates.order_by(*CANDIDATE_SORTS.get(sort, CANDIDATE_SORTS["-added"]))
    return candidates.select_related("owner").prefetch_related(
        "emails", "phones", "tags", _applications_prefetch(user)
    )


class _InArray(Func):
    """PostgreSQL's `pk = ANY(ARRAY(subquery))`: the subquery runs first, on its own."""

    arg_joiner = " = ANY(ARRAY"
    template = "%(expressions)s)"
    output_field = BooleanField()


def among(candidate_ids: QuerySet | RawSQL) -> Q:
    """Candidates whose id is in `candidate_ids`, a bounded set such as a job's applicants:
    fetched first through its own index, then looked up by primary key. With a plain IN,
    PostgreSQL may instead walk every candidate newest first, probing each, when it guesses
    that the page fills early (seen: 130 ms instead of 13 ms at a million candidates).
    SQLite already plans IN this way."""
    if connection.vendor == "postgresql":
        ids = candidate_ids if isinstance(candidate_ids, RawSQL) else Subquery(candidate_ids)
        return Q(_InArray(F("pk"), ids))
    return Q(pk__in=candidate_ids)


def _applications_prefetch(user: User) -> Prefetch:
    apps = Application.objects.select_related("job", "stage").order_by("-created_at")
    if not user.sees_everything:
        apps = apps.filter(job__hiring_manager=user)
    return Prefetch("applications", queryset=apps, to_attr="visible_applications")


def candidate_applications(*, user: User, candidate: Candidate) -> QuerySet[Application]:
    apps = candidate.applications.select_related("job", "stage", "rejection_reason")
    if not user.sees_everything:
        apps = apps.filter(job__hiring_manager=user)
    return apps.order_by("-created_at")


def candidate_or_survivor(pk: int) -> Candidate | None:
    """The candidate with this id or, once merged away, the record they live on in: for links
    mailed before the merge (unsubscribe, keep in touch), which must keep working."""
    candidate = Candidate.objects.filter(pk=pk).first()
    if candidate is None:
        merge = (
            CandidateMerge.objects.filter(merged_candidate_id=pk, survivor__isnull=False)
            .select_related("survivor")
            .first()
        )
        candidate = merge.survivor if merge else None
    return candidate


def unowned_candidates(*, user: User) -> QuerySet[Candidate]:
    """Candidates nobody owns, newest first, for the admins' triage: their follow-ups reach
    nobody until someone does."""
    check_admin(user)
    return (
        Candidate.objects.filter(owner__isnull=True)
        .order_by("-created_at", "-id")
        .prefetch_related("emails")
    )


def unowned_count(*, cap: int = 1000) -> int:
    """How many candidates have no owner, counted up to `cap` + 1 ("More than 1,000")."""
    return Candidate.objects.filter(owner__isnull=True).values("pk")[: cap + 1].count()
