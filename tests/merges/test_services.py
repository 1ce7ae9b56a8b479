"""The merge service: everything the merged record held ends up on the survivor."""

from datetime import timedelta

import pytest
from django.db import models
from django.utils import timezone

from ghostless.candidates.models import Candidate, CandidateMerge, DuplicateDismissal
from ghostless.candidates.selectors import candidate_or_survivor
from ghostless.candidates.services import candidate_create
from ghostless.core.errors import DomainError, PermissionDenied
from ghostless.followups.models import FollowUp, State
from ghostless.jobs.models import Application, StageChange
from ghostless.jobs.services import application_reject
from ghostless.merges.services import COMBINE, REBUILT, candidate_merge, reverse_relations
from ghostless.messaging.links import unsubscribe_url
from ghostless.messaging.models import InboundEmail, Message
from ghostless.pools.models import PoolMember
from ghostless.resumes.models import Resume
from ghostless.search.models import SearchDocument
from ghostless.timeline.models import Activity
from tests.factories import RejectionReasonFactory

pytestmark = pytest.mark.django_db


def _holding(candidate) -> dict[str, int]:
    return {
        "applications": Application.objects.filter(candidate=candidate).count(),
        "activities": Activity.objects.filter(candidate=candidate).count(),
        "messages": Message.objects.filter(candidate=candidate).count(),
        "inbound": InboundEmail.objects.filter(candidate=candidate).count(),
        "resumes": Resume.objects.filter(candidate=candidate).count(),
        "followups": FollowUp.objects.filter(candidate=candidate).count(),
        "pools": PoolMember.objects.filter(candidate=candidate).count(),
        "emails": candidate.emails.count(),
        "phones": candidate.phones.count(),
    }


def test_merge_keeps_every_related_row(survivor, other, recruiter):
    ours, theirs = _holding(survivor), _holding(other)
    assert theirs == {
        "applications": 2,
        "activities": theirs["activities"],
        "messages": 2,
        "inbound": 1,
        "resumes": 2,
        "followups": 2,
        "pools": 2,
        "emails": 2,
        "phones": 1,
    }
    merge = candidate_merge(survivor=survivor, other=other, actor=recruiter)

    after = _holding(survivor)
    # One application per job and one membership per pool: the shared ones are combined.
    assert after["applications"] == ours["applications"] + theirs["applications"] - 1
    assert after["pools"] == ours["pools"] + theirs["pools"] - 1
    # The merge itself is one more entry on the timeline.
    assert after["activities"] == ours["activities"] + theirs["activities"] + 1
    for key in ("messages", "inbound", "resumes", "followups", "emails", "phones"):
        assert after[key] == ours[key] + theirs[key], key
    assert not Candidate.objects.filter(pk=other.pk).exists()
    # Carla's application to the shared job was further along: it moved, Cara's was folded in.
    assert merge.moved["applications"] == 2
    assert merge.moved["applications_combined"] == 1
    assert merge.moved["messages"] == 2


def test_no_row_points_at_the_merged_record_afterwards(survivor, other, recruiter):
    """Walks every foreign key to candidates, hidden ones and many-to-many tables included."""
    gone = other.pk
    dropped = list(Application.objects.filter(candidate=survivor).values_list("pk", flat=True))
    candidate_merge(survivor=survivor, other=other, actor=recruiter)
    for rel in reverse_relations(Candidate):
        rows = rel.related_model._base_manager.filter(**{rel.field.attname: gone})
        assert not rows.exists(), rel.related_model
    # The survivor's own application on the shared job was the one folded away.
    for rel in reverse_relations(Application):
        rows = rel.related_model._base_manager.filter(**{f"{rel.field.attname}__in": dropped})
        assert not rows.exists(), rel.related_model


def _unique_on(rel) -> bool:
    """Whether the foreign key of `rel` is part of a uniqueness rule of its table."""
    meta, name = rel.related_model._meta, rel.field.name
    if rel.field.unique:
        return True
    together = [set(fields) for fields in meta.unique_together]
    together += [set(c.fields) for c in meta.constraints if isinstance(c, models.UniqueConstraint)]
    return any(name in fields for fields in together)


def test_every_table_unique_per_candidate_is_combined_or_rebuilt():
    """A new table where a candidate appears once per something needs a COMBINE function
    (or to be rebuilt), else moving its rows could collide."""
    for rel in reverse_relations(Candidate):
        model = rel.related_model
        if _unique_on(rel) and not model._meta.auto_created:
            assert model in COMBINE or model in REBUILT, model


def test_the_same_job_keeps_the_application_further_along(survivor, other, recruiter, job):
    ours = Application.objects.get(candidate=survivor, job=job)
    theirs = Application.objects.get(candidate=other, job=job)
    history = StageChange.objects.filter(application__in=[ours, theirs]).count()
    activities = Activity.objects.filter(application__in=[ours, theirs]).count()
    ours_created = ours.created_at
    merge = candidate_merge(survivor=survivor, other=other, actor=recruiter)

    kept = Application.objects.get(candidate=survivor, job=job)
    assert kept.pk == theirs.pk
    assert kept.stage.name == theirs.stage.name
    assert not Application.objects.filter(pk=ours.pk).exists()
    assert kept.stage_changes.count() == history
    assert Activity.objects.filter(application=kept).count() == activities
    assert Message.objects.filter(application=kept).count() == 2
    assert kept.answers.count() == 1
    assert kept.followups.count() == 1
    assert kept.created_at == min(ours_created, theirs.created_at)
    [combined] = merge.snapshot["applications_combined"]
    assert combined["dropped_application_id"] == ours.pk
    assert combined["dropped_from"] == "survivor"
    assert combined["stage"] == ours.stage.name


def test_an_active_application_beats_a_rejected_one_further_along(survivor, other, recruiter, job):
    theirs = Application.objects.get(candidate=other, job=job)
    application_reject(application=theirs, actor=recruiter, reason=RejectionReasonFactory())
    ours = Application.objects.get(candidate=survivor, job=job)
    candidate_merge(survivor=survivor, other=other, actor=recruiter)
    assert Application.objects.get(candidate=survivor, job=job).pk == ours.pk


def test_profile_survivor_wins_and_gaps_are_filled(survivor, other, recruiter, other_recruiter):
    survivor.location = ""
    survivor.unsubscribed_at = None
    survivor.save()
    other.unsubscribed_at = timezone.now() - timedelta(days=3)
    other.save()
    candidate_merge(survivor=survivor, other=other, actor=recruiter)
    survivor.refresh_from_db()
    assert survivor.first_name == "Cara"
    assert survivor.location == "Berlin"
    assert survivor.linkedin_url == "https://www.linkedin.com/in/carla"
    assert survivor.linkedin_key == "linkedin.com/in/carla"
    assert survivor.owner == recruiter
    assert survivor.skills == "Python, Django, Kubernetes"
    assert survivor.custom_fields == {"notice": "1 month", "visa": "yes"}
    assert survivor.last_contact_at == other.last_contact_at
    assert survivor.unsubscribed_at == other.unsubscribed_at
    assert [t.name for t in survivor.tags.all()] == ["berlin", "python"]


def test_emails_and_phones_follow_the_survivors_own(survivor, other, recruiter):
    candidate_merge(survivor=survivor, other=other, actor=recruiter)
    assert [e.email for e in survivor.emails.all()] == [
        "cara@example.org",
        "carla@example.org",
        "carla.c@example.net",
    ]
    assert [p.phone for p in survivor.phones.all()] == ["+12125550101", "+12125550102"]


def test_the_newest_resume_is_current_and_none_is_lost(survivor, other, recruiter):
    candidate_merge(survivor=survivor, other=other, actor=recruiter)
    resumes = list(Resume.objects.filter(candidate=survivor).order_by("-uploaded_at"))
    assert [r.original_filename for r in resumes] == ["carla-2.pdf", "carla-1.pdf", "cara-old.pdf"]
    assert [r.is_current for r in resumes] == [True, False, False]


def test_a_shared_pool_keeps_the_longer_consent(survivor, other, recruiter, pool):
    theirs = PoolMember.objects.get(candidate=other, pool=pool)
    candidate_merge(survivor=survivor, other=other, actor=recruiter)
    member = PoolMember.objects.get(candidate=survivor, pool=pool)
    assert member.consent_given_at == theirs.consent_given_at
    assert member.consent_expires_at == theirs.consent_expires_at
    assert member.consent_state == "granted"


def test_repeated_rule_follow_ups_leave_one_open(survivor, other, recruiter):
    candidate_merge(survivor=survivor, other=other, actor=recruiter)
    waiting = FollowUp.objects.filter(candidate=survivor, reason="awaiting_reply")
    assert waiting.count() == 2
    [open_one] = waiting.filter(state=State.OPEN)
    # The one waiting longest stays: the queue ranks by it.
    assert open_one.rule_key == f"awaiting_reply:{other.pk}:1"
    assert waiting.get(state=State.CANCELLED).closed_by == recruiter


def test_not_a_duplicate_marks_carry_over(survivor, other, recruiter):
    [mark] = DuplicateDismissal.objects.all()
    stranger = mark.candidate_a_id if mark.candidate_b_id == other.pk else mark.candidate_b_id
    candidate_merge(survivor=survivor, other=other, actor=recruiter)
    [mark] = DuplicateDismissal.objects.all()
    assert {mark.candidate_a_id, mark.candidate_b_id} == {survivor.pk, stranger}


def test_merge_writes_an_audit_row_and_a_timeline_entry(survivor, other, recruiter):
    other_id, other_name = other.pk, other.name
    merge = candidate_merge(survivor=survivor, other=other, actor=recruiter)

    merge = CandidateMerge.objects.get(pk=merge.pk)
    assert merge.survivor == survivor
    assert merge.actor == recruiter
    assert (merge.merged_candidate_id, merge.merged_name) == (other_id, other_name)
    assert merge.snapshot["fields"]["first_name"] == "Carla"
    assert merge.snapshot["fields"]["location"] == "Berlin"
    assert merge.snapshot["emails"] == ["carla@example.org", "carla.c@example.net"]
    assert merge.snapshot["phones"] == ["+12125550102"]
    assert merge.moved["resumes"] == 2
    entry = Activity.objects.filter(candidate=survivor, payload__event="candidate_merged").get()
    assert entry.subject == f"Merged Carla Candidate (#{other_id}) into this record"
    assert entry.body.startswith("Moved 2 applications, ")
    assert "2 resumes" in entry.body
    assert entry.actor == recruiter
    assert entry.private


def test_merging_a_record_with_itself_is_refused(survivor, recruiter):
    with pytest.raises(DomainError) as refused:
        candidate_merge(survivor=survivor, other=survivor, actor=recruiter)
    assert refused.value.status == 422


def test_hiring_managers_may_not_merge(survivor, other, hiring_manager):
    with pytest.raises(PermissionDenied):
        candidate_merge(survivor=survivor, other=other, actor=hiring_manager)
    assert Candidate.objects.filter(pk=other.pk).exists()


def test_the_survivor_is_reindexed_and_the_merged_document_goes(recruiter):
    cara = candidate_create(actor=recruiter, first_name="Cara", skills="Python")
    carla = candidate_create(actor=recruiter, first_name="Carla", skills="Terraform")
    candidate_merge(survivor=cara, other=carla, actor=recruiter)
    assert not SearchDocument.objects.filter(candidate_id=carla.pk).exists()
    assert "terraform" in SearchDocument.objects.get(candidate=cara).b.lower()


def test_a_later_merge_carries_the_earlier_audit_rows(recruiter):
    first = candidate_create(actor=recruiter, first_name="A")
    second = candidate_create(actor=recruiter, first_name="B")
    third = candidate_create(actor=recruiter, first_name="C")
    candidate_merge(survivor=second, other=first, actor=recruiter)
    candidate_merge(survivor=third, other=second, actor=recruiter)
    assert CandidateMerge.objects.filter(survivor=third).count() == 2
    # Links mailed to either merged record still find the person.
    assert candidate_or_survivor(first.pk) == third
    assert candidate_or_survivor(second.pk) == third
    assert candidate_or_survivor(999_999) is None


def test_an_unsubscribe_link_of_a_merged_record_still_works(survivor, other, recruiter, client):
    url = unsubscribe_url(candidate_id=other.pk)
    candidate_merge(survivor=survivor, other=other, actor=recruiter)
    path = url.split("://", 1)[-1].split("/", 1)[1]
    assert client.post(f"/{path}").status_code == 200
    survivor.refresh_from_db()
    assert survivor.unsubscribed_at is not None


def test_the_combined_history_ends_each_stay_at_the_next_change_of_the_two(
    survivor, other, recruiter, job
):
    candidate_merge(survivor=survivor, other=other, actor=recruiter)
    kept = Application.objects.get(candidate=survivor, job=job)
    changes = list(StageChange.objects.filter(application=kept).order_by("changed_at", "id"))
    assert len(changes) > 2
    assert [c.left_at for c in changes] == [
        min((o.changed_at for o in changes if o.changed_at > c.changed_at), default=None)
        for c in changes
    ]
