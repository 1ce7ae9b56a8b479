"""generate_data: the same seed gives the same data, a filled database is refused, and the
denormalized fields agree with the rows they summarize."""

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, Max, OuterRef, Q, Subquery

from ghostless.candidates.models import Candidate, CandidateEmail, CandidatePhone
from ghostless.demo.datagen.build import generate
from ghostless.jobs.furthest import furthest_expression
from ghostless.jobs.models import Application, Job, StageChange
from ghostless.reports.stays import stay_seconds_refresh
from ghostless.resumes.models import Resume
from ghostless.search.models import SearchDocument
from ghostless.search.query import match_any
from ghostless.timeline.answers import answers_refresh
from ghostless.timeline.models import CONTACT_KINDS, Activity
from tests.factories import CandidateFactory

pytestmark = pytest.mark.slow
N = 200


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def snapshot() -> tuple[dict, list[str]]:
    world_counts = {
        "candidates": Candidate.objects.count(),
        "applications": Application.objects.count(),
        "activities": Activity.objects.count(),
        "resumes": Resume.objects.count(),
        "jobs": Job.objects.count(),
    }
    return world_counts, list(Candidate.objects.order_by("pk").values_list("first_name", flat=True))


@pytest.mark.django_db
def test_the_same_seed_builds_the_same_people():
    generate(candidates=N, seed=7, progress=False)
    first = snapshot()
    Candidate.objects.all().delete()
    Job.objects.all().delete()

    generate(candidates=N, seed=7, progress=False)

    assert snapshot() == first
    counts, names = first
    assert counts["candidates"] == N
    assert len(set(names)) > 50


@pytest.mark.django_db
def test_another_seed_builds_other_people():
    generate(candidates=N, seed=7, progress=False)
    _, first = snapshot()
    Candidate.objects.all().delete()
    Job.objects.all().delete()

    generate(candidates=N, seed=8, progress=False)

    assert snapshot()[1] != first


@pytest.mark.django_db
def test_refuses_a_database_that_has_candidates():
    CandidateFactory()
    with pytest.raises(CommandError, match="already has 1 candidates.*--append"):
        call_command("generate_data", candidates=10, no_progress=True)
    assert Candidate.objects.count() == 1


@pytest.mark.django_db
def test_append_adds_people_with_unique_addresses_and_numbers():
    CandidateFactory()
    call_command("generate_data", candidates=50, append=True, no_progress=True)
    call_command("generate_data", candidates=50, append=True, no_progress=True)

    assert Candidate.objects.count() == 101
    emails = CandidateEmail.objects.values_list("email", flat=True)
    assert len(set(emails)) == len(emails)
    phones = CandidatePhone.objects.values_list("phone", flat=True)
    assert len(set(phones)) == len(phones)


@pytest.mark.django_db
def test_denormalized_fields_match_the_timeline():
    generate(candidates=N, seed=3, progress=False)
    contact = Q(activities__kind__in=CONTACT_KINDS)
    people = Candidate.objects.annotate(
        inbound=Max("activities__occurred_at", filter=contact & Q(activities__direction="inbound")),
        outbound=Max(
            "activities__occurred_at", filter=contact & Q(activities__direction="outbound")
        ),
        contacted=Max(
            "activities__occurred_at", filter=contact & ~Q(activities__direction="internal")
        ),
    )
    for person in people:
        assert person.last_inbound_at == person.inbound
        assert person.last_outbound_at == person.outbound
        assert person.last_contact_at == person.contacted
    waiting = [p for p in people if p.inbound and (p.outbound is None or p.outbound < p.inbound)]
    assert 0 < len(waiting) < N // 5  # some replies are left unanswered, most are not


@pytest.mark.django_db
def test_told_applications_have_the_message_that_told_them():
    generate(candidates=N, seed=3, progress=False)
    told = Application.objects.filter(told_at__isnull=False)
    assert told.exists()
    for application in told:
        assert Activity.objects.filter(
            application=application, direction="outbound", occurred_at=application.told_at
        ).exists()


@pytest.mark.django_db
def test_builds_the_jobs_the_benchmark_measures_and_the_search_index():
    generate(candidates=N, seed=3, progress=False)

    per_open_job = (
        Application.objects.filter(job__status="open").values("job").annotate(n=Count("id"))
    )
    assert max(row["n"] for row in per_open_job) == N // 10
    untold_per_filled_job = (
        Application.objects.filter(job__status="filled", status="active", told_at=None)
        .values("job")
        .annotate(n=Count("id"))
    )
    assert max(row["n"] for row in untold_per_filled_job) == N // 10 - 1  # one was hired
    assert Resume.objects.filter(parse_status="parsed").exclude(text="").count() > N // 5
    assert SearchDocument.objects.count() == N
    engineers = Candidate.objects.filter(current_title__icontains="engineer").count()
    assert len(match_any(["engineer"], limit=N)) == engineers


@pytest.mark.django_db
def test_each_stay_ends_at_the_next_stage_change():
    generate(candidates=N, seed=3, progress=False)
    following = StageChange.objects.filter(
        application_id=OuterRef("application_id"), changed_at__gt=OuterRef("changed_at")
    ).order_by("changed_at", "id")
    changes = StageChange.objects.annotate(next_at=Subquery(following.values("changed_at")[:1]))
    assert changes.filter(left_at__isnull=False).exists()
    assert [(c.left_at, c.next_at) for c in changes if c.left_at != c.next_at] == []


@pytest.mark.django_db
def test_each_application_stores_the_furthest_rank_its_history_reached():
    generate(candidates=N, seed=3, progress=False)
    rows = Application.objects.annotate(computed=furthest_expression())
    assert rows.filter(furthest_rank__gte=3).exists()
    assert [
        (a.pk, a.furthest_rank, a.computed) for a in rows if a.furthest_rank != a.computed
    ] == []


@pytest.mark.django_db
def test_each_ended_stay_stores_its_length_as_the_writers_keep_it():
    generate(candidates=N, seed=3, progress=False)
    stored = dict(StageChange.objects.values_list("pk", "stay_seconds"))
    assert any(v for v in stored.values())
    stay_seconds_refresh(application_ids=Application.objects.values_list("pk", flat=True))
    assert dict(StageChange.objects.values_list("pk", "stay_seconds")) == pytest.approx(stored)


@pytest.mark.django_db
def test_each_reply_is_answered_at_our_next_outbound_touch():
    generate(candidates=N, seed=3, progress=False)
    replies = Activity.objects.filter(direction="inbound", kind__in=CONTACT_KINDS)
    assert replies.filter(answered_at__isnull=False).exists()
    assert replies.filter(answered_at__isnull=True).exists()
    stored = dict(replies.values_list("pk", "answered_at"))
    answers_refresh(candidate_ids=Candidate.objects.values_list("pk", flat=True))
    assert dict(replies.values_list("pk", "answered_at")) == stored
