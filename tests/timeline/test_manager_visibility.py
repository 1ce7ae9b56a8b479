"""What a hiring manager reads on a timeline (API and profile): never talent pools or
marketing consent, which are hidden from her, and an email only when it belongs to an
application on her job, as for the Message itself."""

import pytest

from ghostless.pools.models import TalentPool
from ghostless.pools.services import candidate_unsubscribe, consent_record, pool_add, pool_remove
from ghostless.timeline import events
from ghostless.timeline.models import Direction, Kind
from tests.factories import ApplicationFactory, JobFactory

SECRET = "silver medalists for the Sales team"


def api_subjects(api, candidate) -> list[str]:
    response = api.get(f"/candidates/{candidate.pk}/timeline", {"limit": 100})
    assert response.status_code == 200
    return [entry["subject"] for entry in response.json()["items"]]


@pytest.fixture
def pool_history(application, recruiter):
    """Cara was added to a pool (with a reason), consented, unsubscribed and was removed."""
    cara = application.candidate
    pool = TalentPool.objects.create(name="Sales bench", created_by=recruiter)
    member = pool_add(pool=pool, candidate=cara, actor=recruiter, reason=SECRET)
    consent_record(pool=pool, candidate=cara)
    candidate_unsubscribe(candidate=cara)
    pool_remove(member=member, actor=recruiter)
    events.record(
        candidate=cara,
        application=application,
        actor=None,
        kind=Kind.SYSTEM,
        subject="Agreed on the careers page to be kept in the talent network",
        payload={"event": "talent_network_consent", "source": "careers page"},
    )
    return cara


POOL_SUBJECTS = (
    "Added to the talent pool Sales bench",
    "Removed from the talent pool Sales bench",
    "Unsubscribed from everything but mail about their applications",
    "Agreed on the careers page to be kept in the talent network",
)


def test_hiring_manager_sees_no_pool_or_consent_event_on_the_api_timeline(
    manager_api, recruiter_api, pool_history
):
    subjects = api_subjects(manager_api, pool_history)
    assert not [s for s in subjects if "pool" in s or "talent network" in s]
    assert "Unsubscribed from everything but mail about their applications" not in subjects
    assert set(POOL_SUBJECTS) <= set(api_subjects(recruiter_api, pool_history))


def test_hiring_manager_sees_no_pool_or_its_reason_on_the_profile(
    manager_client, recruiter_client, pool_history
):
    page = manager_client.get(f"/candidates/{pool_history.pk}/").content.decode()
    assert "Sales bench" not in page and SECRET not in page
    assert "talent network" not in page and "Unsubscribed" not in page
    assert "Sales bench" in recruiter_client.get(f"/candidates/{pool_history.pk}/").content.decode()


def email_sent(candidate, application, subject):
    return events.record(
        candidate=candidate,
        application=application,
        actor=None,
        kind=Kind.EMAIL,
        direction=Direction.OUTBOUND,
        subject=subject,
        payload={"event": "email_sent", "message": 0, "to": "cara@example.org"},
    )


def test_hiring_manager_sees_an_email_only_on_an_application_of_her_job(
    manager_api, recruiter_api, application, outsider
):
    cara = application.candidate
    other = ApplicationFactory(candidate=cara, job=JobFactory(hiring_manager=outsider))
    email_sent(cara, application, "About Backend Engineer")
    email_sent(cara, other, "About the other job")
    email_sent(cara, None, "Nurture: new roles")
    subjects = api_subjects(manager_api, cara)
    assert "About Backend Engineer" in subjects
    assert "About the other job" not in subjects
    assert "Nurture: new roles" not in subjects
    assert "Nurture: new roles" in api_subjects(recruiter_api, cara)


def test_hiring_manager_still_sees_notes_without_an_application(manager_api, application):
    cara = application.candidate
    events.record(
        candidate=cara, actor=None, kind=Kind.NOTE, subject="Prefers mornings", payload={}
    )
    assert "Prefers mornings" in api_subjects(manager_api, cara)
