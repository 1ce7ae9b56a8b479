"""Merging two records of one person. Nothing is lost: every row that points at the merged
record is moved to the survivor, rows that would collide are combined, and the merged record's
own fields are kept in the audit row (`CandidateMerge`).

The walk over `Candidate._meta` finds every foreign key, hidden ones and many-to-many tables
included, so a table added later moves without anyone touching this file. Tables where a
candidate may appear only once per something (one application per job, one membership per
pool) are combined by the functions in COMBINE first; tests/merges/test_services.py checks
that every such table has one.
"""

from datetime import UTC, datetime

from django.db import models, transaction
from django.db.models import Count, F, Max, Q
from django.utils import timezone

from ghostless.accounts.models import User
from ghostless.candidates.models import (
    Candidate,
    CandidateEmail,
    CandidateMerge,
    CandidatePhone,
    DuplicateDismissal,
)
from ghostless.candidates.normalize import linkedin_key, normalize_skills
from ghostless.core import hooks
from ghostless.core.errors import Conflict, DomainError
from ghostless.core.permissions import check_recruiter
from ghostless.followups.models import OPEN_STATES, FollowUp, State
from ghostless.followups.rules import clear_for_candidates
from ghostless.jobs.furthest import furthest_refresh
from ghostless.jobs.models import Application, ApplicationStatus
from ghostless.jobs.stays import stays_refresh
from ghostless.merges import events
from ghostless.pools.models import PoolMember
from ghostless.resumes.models import Resume
from ghostless.search.index import candidate_reindex
from ghostless.search.models import SearchDocument
from ghostless.timeline.answers import answers_refresh

# Empty on the survivor: filled from the merged record.
FILLED_FIELDS = (
    "last_name",
    "location",
    "linkedin_url",
    "github_url",
    "website_url",
    "current_title",
    "current_company",
    "source",
)
# The newest of the two wins.
LATEST_FIELDS = ("last_contact_at", "last_inbound_at", "last_outbound_at")
# Rebuilt for the survivor after the merge rather than moved.
REBUILT = {SearchDocument}
# Moved after the survivor's own rows, keeping their order.
ORDERED = {CandidateEmail, CandidatePhone}
# How the counts read on the timeline, in this order; other tables follow under their name.
LABELS = {
    "applications": ("application", "applications"),
    "activities": ("timeline entry", "timeline entries"),
    "messages": ("message", "messages"),
    "inbound_emails": ("received email", "received emails"),
    "resumes": ("resume", "resumes"),
    "followups": ("follow-up", "follow-ups"),
    "pool_memberships": ("talent pool", "talent pools"),
    "tags": ("tag", "tags"),
    "emails": ("email address", "email addresses"),
    "phones": ("phone number", "phone numbers"),
    "merges": ("earlier merge", "earlier merges"),
}
# What happened besides moving, one sentence each: (for one, for {n}).
NOTES = {
    "applications_combined": (
        "Combined 1 application with this record's on the same job.",
        "Combined {n} applications with this record's on the same jobs.",
    ),
    "pool_memberships_combined": (
        "Combined 1 pool membership with this record's in the same pool.",
        "Combined {n} pool memberships with this record's in the same pools.",
    ),
    "followups_cancelled": (
        "Cancelled 1 repeated follow-up waiting on the same thing.",
        "Cancelled {n} repeated follow-ups waiting on the same things.",
    ),
    "dismissals_carried_over": (
        "Kept 1 “not a duplicate” mark.",
        "Kept {n} “not a duplicate” marks.",
    ),
}


def reverse_relations(model: type[models.Model]) -> list[models.ForeignObjectRel]:
    """Every foreign key pointing at `model`, hidden ones and many-to-many tables included."""
    return [
        f
        for f in model._meta.get_fields(include_hidden=True)
        if f.auto_created and not f.concrete and (f.one_to_many or f.one_to_one)
    ]


def relation_key(rel: models.ForeignObjectRel) -> str:
    """A stable name for a relation in counts: the accessor ("applications"), the field of
    a many-to-many table ("tags"), else model and field."""
    through_of = rel.related_model._meta.auto_created
    if through_of:
        field = next(
            f for f in through_of._meta.many_to_many if f.remote_field.through is rel.related_model
        )
        return (
            field.name if through_of is rel.model else f"{through_of._meta.model_name}_{field.name}"
        )
    if not rel.hidden:
        return rel.get_accessor_name()
    return f"{rel.related_model._meta.model_name}_{rel.field.name}"


def _move(rel: models.ForeignObjectRel, to_id: int, from_id: int) -> int:
    """Point the rows of one relation at another record; returns how many moved."""
    model, column = rel.related_model, rel.field.attname
    rows = model._base_manager.filter(**{column: from_id})
    if model._meta.auto_created:
        # A many-to-many table: link what the survivor lacks; the rest goes with the record.
        other_end = next(f for f in model._meta.fields if f.is_relation and f is not rel.field)
        taken = model._base_manager.filter(**{column: to_id}).values(other_end.attname)
        rows = rows.exclude(**{f"{other_end.attname}__in": taken})
    if model in ORDERED:
        last = model._base_manager.filter(**{column: to_id}).aggregate(n=Max("order"))["n"]
        return rows.update(
            **{column: to_id, "order": F("order") + (last + 1 if last is not None else 0)}
        )
    return rows.update(**{column: to_id})


def _progress(application: Application) -> tuple[int, int]:
    rank = {ApplicationStatus.HIRED: 2, ApplicationStatus.ACTIVE: 1}.get(application.status, 0)
    return rank, application.stage.order


def _combine_applications(survivor: Candidate, other: Candidate) -> list[dict]:
    """Both on one job: keep the application further along (hired, then active, then the later
    stage; the survivor's on a tie) and move the other's stage history, timeline entries,
    messages, follow-ups and answers onto it. The dropped row's fields go to the snapshot."""
    both = Application.objects.filter(
        candidate__in=[survivor, other],
        job_id__in=Application.objects.filter(candidate=survivor).values("job_id"),
    ).filter(job_id__in=Application.objects.filter(candidate=other).values("job_id"))
    by_job: dict[int, dict[int, Application]] = {}
    for app in both.select_related("stage", "job", "rejection_reason"):
        by_job.setdefault(app.job_id, {})[app.candidate_id] = app
    combined = []
    for apps in by_job.values():
        ours, theirs = apps[survivor.pk], apps[other.pk]
        keep, drop = (theirs, ours) if _progress(theirs) > _progress(ours) else (ours, theirs)
        moved = {
            relation_key(r): _move(r, keep.pk, drop.pk) for r in reverse_relations(Application)
        }
        # Two stage histories are now one: each stay ends at the next change of the two.
        stays_refresh(application_ids=[keep.pk])
        keep.created_at = min(keep.created_at, drop.created_at)
        keep.source = keep.source or drop.source
        keep.owner_id = keep.owner_id or drop.owner_id
        if keep.told_at is None and drop.told_at and keep.status == drop.status:
            # Same outcome, already told: the loop need not tell them again.
            keep.told_at, keep.told_how = drop.told_at, drop.told_how
        keep.save(update_fields=["created_at", "source", "owner", "told_at", "told_how"])
        furthest_refresh(application_ids=[keep.pk])
        combined.append(
            {
                "job_id": keep.job_id,
                "job": keep.job.title,
                "kept_application_id": keep.pk,
                "dropped_application_id": drop.pk,
                "dropped_from": "survivor" if drop is ours else "merged",
                "stage": drop.stage.name,
                "status": drop.status,
                "rejection_reason": drop.rejection_reason.name if drop.rejection_reason else "",
                "source": drop.source,
                "created_at": drop.created_at,
                "told_at": drop.told_at,
                "moved": moved,
            }
        )
        drop.delete()
    return combined


def _consent_until(member: PoolMember) -> datetime | None:
    if member.consent_given_at is None:
        return None
    return member.consent_expires_at or datetime.max.replace(tzinfo=UTC)


def _combine_pool_memberships(survivor: Candidate, other: Candidate) -> list[dict]:
    """Both in one pool: the survivor's membership stays, with the longer consent of the two
    and the earlier date it was added."""
    theirs = list(PoolMember.objects.filter(candidate=other).select_related("pool"))
    ours = {
        m.pool_id: m
        for m in PoolMember.objects.filter(
            candidate=survivor, pool_id__in=[m.pool_id for m in theirs]
        )
    }
    combined = []
    for member in theirs:
        keep = ours.get(member.pool_id)
        if keep is None:
            continue
        mine, other_until = _consent_until(keep), _consent_until(member)
        if other_until is not None and (mine is None or other_until > mine):
            keep.consent_given_at = member.consent_given_at
            keep.consent_expires_at = member.consent_expires_at
            keep.basis, keep.source = member.basis, member.source
            keep.renewal_asked_at = member.renewal_asked_at
        elif mine is None and member.consent_expires_at is not None:
            # Neither consented: the later legitimate-interest expiry of the two.
            ours_until = keep.consent_expires_at
            if ours_until is None or member.consent_expires_at > ours_until:
                keep.consent_expires_at = member.consent_expires_at
        if member.added_at < keep.added_at:
            keep.added_at, keep.added_by_id = member.added_at, member.added_by_id
        keep.reason = keep.reason or member.reason
        keep.save()
        combined.append(
            {
                "pool_id": member.pool_id,
                "pool": member.pool.name,
                "added_at": member.added_at,
                "reason": member.reason,
                "consent_given_at": member.consent_given_at,
                "consent_expires_at": member.consent_expires_at,
            }
        )
        member.delete()
    return combined


def _combine_dismissals(survivor: Candidate, other: Candidate) -> list[dict]:
    """ "X is not the merged record" still holds for the survivor, which is that record now;
    the pair of the two merged records goes."""
    rows = DuplicateDismissal.objects.filter(Q(candidate_a=other) | Q(candidate_b=other))
    carried = []
    for row in list(rows):
        third = row.candidate_b_id if row.candidate_a_id == other.pk else row.candidate_a_id
        row.delete()
        if third != survivor.pk:
            low, high = sorted([survivor.pk, third])
            DuplicateDismissal.objects.get_or_create(
                candidate_a_id=low,
                candidate_b_id=high,
                defaults={"dismissed_by_id": row.dismissed_by_id, "dismissed_at": row.dismissed_at},
            )
            carried.append({"candidate_id": third, "dismissed_at": row.dismissed_at})
    return carried


# Tables where a candidate may appear once per something (a job, a pool, a pair): combined
# before the move, under a key in the snapshot and the counts.
COMBINE = {
    Application: ("applications_combined", _combine_applications),
    PoolMember: ("pool_memberships_combined", _combine_pool_memberships),
    DuplicateDismissal: ("dismissals_carried_over", _combine_dismissals),
}


def _union_skills(ours: str, theirs: str) -> str:
    """The survivor's skills, then the merged record's as long as they fit the column."""
    merged = ours
    for skill in theirs.split(","):
        try:
            merged = normalize_skills(f"{merged}, {skill}")
        except DomainError:
            break
    return merged


def _merge_profile(survivor: Candidate, other: Candidate) -> None:
    for name in FILLED_FIELDS:
        if not getattr(survivor, name):
            setattr(survivor, name, getattr(other, name))
    survivor.linkedin_key = linkedin_key(survivor.linkedin_url)
    survivor.custom_fields = {**other.custom_fields, **survivor.custom_fields}
    survivor.skills = _union_skills(survivor.skills, other.skills)
    survivor.owner_id = survivor.owner_id or other.owner_id
    for name in LATEST_FIELDS:
        values = [v for v in (getattr(survivor, name), getattr(other, name)) if v is not None]
        setattr(survivor, name, max(values, default=None))
    # Either record's unsubscribe stands: the person said no.
    unsubscribed = [v for v in (survivor.unsubscribed_at, other.unsubscribed_at) if v]
    survivor.unsubscribed_at = min(unsubscribed, default=None)
    survivor.created_at = min(survivor.created_at, other.created_at)
    survivor.updated_at = timezone.now()
    survivor.save()


def _snapshot(other: Candidate) -> dict:
    fields = {f.attname: f.value_from_object(other) for f in Candidate._meta.concrete_fields}
    return {
        "fields": fields,
        "owner": other.owner.username if other.owner else None,
        "emails": [e.email for e in other.emails.all()],
        "phones": [p.phone for p in other.phones.all()],
        "tags": [t.name for t in other.tags.all()],
    }


def _cancel_repeated_followups(survivor: Candidate, actor: User | None) -> int:
    """Two records waiting on one thing made two rule follow-ups; the one waiting longest
    stays open, the others are cancelled (kept, not deleted)."""
    seen, repeated = set(), []
    rule_made = FollowUp.objects.filter(
        candidate=survivor, state__in=OPEN_STATES, rule_key__isnull=False
    ).order_by("waiting_since", "id")
    for followup in rule_made:
        key = (followup.reason, followup.application_id)
        if key in seen:
            repeated.append(followup.pk)
        seen.add(key)
    return FollowUp.objects.filter(pk__in=repeated).update(
        state=State.CANCELLED, closed_at=timezone.now(), closed_by=actor
    )


def _make_newest_resume_current(survivor: Candidate) -> None:
    newest = Resume.objects.filter(candidate=survivor).order_by("-uploaded_at", "-id").first()
    if newest is not None:
        Resume.objects.filter(candidate=survivor).exclude(pk=newest.pk).update(is_current=False)
        Resume.objects.filter(pk=newest.pk).update(is_current=True)


def describe_moved(moved: dict[str, int]) -> str:
    """ "Moved 3 applications, 12 timeline entries and 1 resume. Combined 1 application with
    this record's on the same job." """
    keys = [k for k in LABELS if k in moved] + [k for k in moved if k not in LABELS]
    parts = []
    for key in keys:
        if key in NOTES or not moved[key]:
            continue
        one, many = LABELS.get(key, (key.replace("_", " "), key.replace("_", " ")))
        parts.append(f"{moved[key]} {one if moved[key] == 1 else many}")
    if not parts:
        sentences = ["Nothing to move."]
    elif len(parts) == 1:
        sentences = [f"Moved {parts[0]}."]
    else:
        sentences = [f"Moved {', '.join(parts[:-1])} and {parts[-1]}."]
    for key, (one, many) in NOTES.items():
        if count := moved.get(key):
            sentences.append(one if count == 1 else many.format(n=count))
    return " ".join(sentences)


def candidate_merge(*, survivor: Candidate, other: Candidate, actor: User | None) -> CandidateMerge:
    """Fold `other` into `survivor`, then delete `other`.

    1. Lock both rows (in id order, so two merges of one pair cannot deadlock).
    2. Combine the rows that would collide (COMBINE), then move every relation.
    3. Merge the profile: the survivor's values win; empty ones are filled from `other`.
    4. Write the audit row and the timeline entry, delete `other`, reindex.
    """
    check_recruiter(actor, "can merge candidates")
    if survivor.pk == other.pk:
        raise DomainError("A candidate cannot be merged with itself.", field="other_id")
    with transaction.atomic():
        locked = {
            c.pk: c
            for c in Candidate.objects.select_for_update(of=("self",))
            .select_related("owner")
            .filter(pk__in=[survivor.pk, other.pk])
            .order_by("pk")
        }
        if len(locked) < 2:
            raise Conflict("One of the two records was merged or deleted meanwhile.")
        survivor, other = locked[survivor.pk], locked[other.pk]
        snapshot = _snapshot(other)
        for key, combine in COMBINE.values():
            snapshot[key] = combine(survivor, other)
        moved = {}
        for rel in reverse_relations(Candidate):
            if rel.related_model not in REBUILT:
                moved[relation_key(rel)] = _move(rel, survivor.pk, other.pk)
        for key, _ in COMBINE.values():
            moved[key] = len(snapshot[key])
        if moved.get("activities"):
            # Two timelines became one: a reply of either may be answered by the other's touch.
            answers_refresh(candidate_ids=[survivor.pk])
        moved["followups_cancelled"] = _cancel_repeated_followups(survivor, actor)
        if moved.get("resumes"):
            _make_newest_resume_current(survivor)
        _merge_profile(survivor, other)
        merge = CandidateMerge.objects.create(
            survivor=survivor,
            merged_candidate_id=other.pk,
            merged_name=other.name,
            actor=actor,
            snapshot=snapshot,
            moved={key: count for key, count in moved.items() if count},
        )
        events.candidate_merged(
            survivor=survivor,
            actor=actor,
            merge_id=merge.pk,
            merged_candidate_id=merge.merged_candidate_id,
            merged_name=merge.merged_name,
            moved=merge.moved,
            body=describe_moved(merge.moved),
        )
        # Follow-ups moved from `other` may be settled by the survivor's own history.
        survivor_id = survivor.pk
        transaction.on_commit(lambda: clear_for_candidates(candidate_ids=[survivor_id]))
        other_id = other.pk
        hooks.candidate_merged.send(survivor_id=survivor.pk, merged_id=other_id)
        other.delete()
        candidate_reindex([survivor.pk, other_id])
    return merge


def holdings(candidates: list[Candidate]) -> dict[int, dict[str, int]]:
    """What each record holds, by relation (one grouped count per table): for the compare
    page and its "more history" default."""
    ids = [c.pk for c in candidates]
    counts: dict[int, dict[str, int]] = {pk: {} for pk in ids}
    for rel in reverse_relations(Candidate):
        if rel.related_model in REBUILT or rel.related_model in (
            DuplicateDismissal,
            CandidateMerge,
        ):
            continue
        column = rel.field.attname
        rows = (
            rel.related_model._base_manager.filter(**{f"{column}__in": ids})
            .order_by()
            .values(column)
            .annotate(n=Count("pk"))
        )
        for row in rows:
            counts[row[column]][relation_key(rel)] = row["n"]
    return counts
