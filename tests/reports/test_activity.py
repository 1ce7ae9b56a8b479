import pytest

from tests.reports.conftest import RANGE

pytestmark = pytest.mark.django_db


def _touch(world, name, kind, direction, when, actor, private=False):
    from ghostless.timeline.models import Activity

    application = world.apps[name]
    Activity.objects.create(
        candidate_id=application.candidate_id,
        application=application,
        kind=kind,
        direction=direction,
        occurred_at=when,
        actor=actor,
        private=private,
    )


@pytest.fixture
def touches(world, recruiter, other_recruiter):
    from tests.reports.conftest import at

    _touch(world, "a1", "call", "outbound", at(2, 11), recruiter)
    _touch(world, "a1", "email", "outbound", at(3, 11), recruiter)
    _touch(world, "a2", "note", "internal", at(10, 11), recruiter)
    _touch(world, "a2", "note", "internal", at(10, 12), recruiter, private=True)
    _touch(world, "a5", "sms", "outbound", at(10, 11), other_recruiter)
    return world


def test_touches_per_person_week_kind_and_direction(touches, recruiter_api, recruiter):
    data = recruiter_api.get("/reports/activity", RANGE).json()
    # The world's own touches have no actor (the system or the candidate): not counted.
    assert data["total"]["total"] == 4  # the private note is not
    rita = data["by_person"][0]
    assert (rita["user_id"], rita["total"], rita["call"], rita["email"], rita["note"]) == (
        recruiter.pk,
        3,
        1,
        1,
        1,
    )
    assert (rita["user"], rita["outbound"], rita["internal"]) == ("rita", 2, 1)
    weeks = {w["week"]: w["total"] for w in data["weeks"]}
    assert (weeks["2026-03-02"], weeks["2026-03-09"]) == (2, 2)


def test_recruiter_filter_is_who_touched_and_manager_sees_her_jobs(
    touches, recruiter_api, manager_api, other_recruiter
):
    data = recruiter_api.get("/reports/activity", {**RANGE, "owner_id": other_recruiter.pk})
    assert data.json()["total"]["total"] == 1
    assert manager_api.get("/reports/activity", RANGE).json()["total"]["total"] == 3


def test_activity_page_and_csv(touches, recruiter_client):
    body = recruiter_client.get("/reports/activity/", RANGE).content.decode()
    assert 'canvas data-chart="activity-chart"' in body
    response = recruiter_client.get("/reports/activity/", {**RANGE, "format": "csv"})
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0].startswith("group,id,name,total,call,voicemail,sms,linkedin,email")
    assert lines[1].startswith("total,,Everyone,4,")
