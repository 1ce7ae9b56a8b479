"""The bookmarklet's capture page: find by LinkedIn profile or name, or create; a job, a
pool and a LinkedIn message in one save; never a duplicate."""

from urllib.parse import urlencode

import pytest

from ghostless.candidates import services
from ghostless.candidates.models import Candidate
from ghostless.jobs.models import Application
from ghostless.pools.models import PoolMember, TalentPool
from ghostless.timeline.models import Activity, Kind

PROFILE = "https://www.linkedin.com/in/jane-doe-42/"
READ = {
    "name": "Jane Doe",
    "headline": "Staff Platform Engineer at Acme Robotics",
    "location": "Lisbon, Portugal",
    "linkedin_url": PROFILE,
    "text": "Hi Rita, happy to talk next week.",
}


@pytest.fixture
def pool(recruiter):
    return TalentPool.objects.create(name="Platform people", created_by=recruiter)


def _save(client, **changes):
    form = {
        "who": "new",
        "first_name": "Jane",
        "last_name": "Doe",
        "current_title": "Staff Platform Engineer",
        "current_company": "Acme Robotics",
        "location": "Lisbon, Portugal",
        "linkedin_url": PROFILE,
        "job": "",
        "pool": "",
        "text": READ["text"],
        "direction": "inbound",
    }
    return client.post("/capture/", form | changes)


def test_the_page_is_filled_from_what_the_bookmarklet_read(recruiter_client):
    response = recruiter_client.get("/capture/?" + urlencode(READ))
    assert response.status_code == 200
    form = response.context["form"]
    assert form["first_name"].value() == "Jane"
    assert form["last_name"].value() == "Doe"
    assert form["current_title"].value() == "Staff Platform Engineer"
    assert form["current_company"].value() == "Acme Robotics"
    assert form["text"].value() == READ["text"]
    assert "Not in Ghostless yet" in response.content.decode()


def test_saving_creates_them_on_the_job_in_the_pool_with_the_message(
    recruiter, recruiter_client, job, pool
):
    response = _save(recruiter_client, job=f"{job.title} (#{job.pk})", pool=str(pool.pk))
    jane = Candidate.objects.get(linkedin_key="linkedin.com/in/jane-doe-42")
    assert response.status_code == 302 and response["Location"] == jane.get_absolute_url()
    assert (jane.source, jane.current_company, jane.owner) == (
        "LinkedIn",
        "Acme Robotics",
        recruiter,
    )
    assert Application.objects.filter(candidate=jane, job=job).exists()
    assert PoolMember.objects.filter(candidate=jane, pool=pool).exists()
    message = Activity.objects.get(candidate=jane, kind=Kind.LINKEDIN)
    assert (message.direction, message.body, message.actor) == ("inbound", READ["text"], recruiter)
    profile = recruiter_client.get(response["Location"]).content.decode()
    done = "created, added to Backend Engineer, in the pool Platform people, LinkedIn message"
    assert f"Jane Doe: {done} logged." in profile


def test_the_same_profile_again_is_the_same_candidate(recruiter_client):
    _save(recruiter_client)
    again = recruiter_client.get("/capture/?" + urlencode(READ)).content.decode()
    assert "Already in Ghostless" in again
    # A second save, even one still saying "someone new", goes to the same person.
    response = _save(recruiter_client, text="Second message")
    assert response.status_code == 302
    assert Candidate.objects.filter(last_name="Doe").count() == 1
    assert Activity.objects.filter(kind=Kind.LINKEDIN).count() == 2


def test_a_similar_name_is_offered_and_picking_them_remembers_the_profile(
    recruiter, recruiter_client
):
    known = services.candidate_create(actor=recruiter, first_name="Jane", last_name="Doe")
    page = recruiter_client.get("/capture/?" + urlencode(READ))
    who = page.context["form"]["who"]
    assert [choice[0] for choice in who.field.choices] == [str(known.pk), "new"]
    assert not who.value()  # with a namesake about, nothing is picked for the recruiter
    unsaid = _save(recruiter_client, who="")
    assert "Say who this is: one of the people listed, or someone new." in unsaid.content.decode()
    response = _save(recruiter_client, who=str(known.pk))
    assert response.status_code == 302
    known.refresh_from_db()
    assert known.linkedin_url == PROFILE
    assert Candidate.objects.count() == 1


def test_a_new_person_needs_a_first_name(recruiter_client):
    response = _save(recruiter_client, first_name="", last_name="")
    assert response.status_code == 422
    assert "A first name is required to create them." in response.content.decode()
    assert not Candidate.objects.exists()


def test_a_job_already_applied_to_is_said_not_refused(recruiter, recruiter_client, job):
    _save(recruiter_client, job=f"{job.title} (#{job.pk})")
    response = _save(recruiter_client, job=f"{job.title} (#{job.pk})", text="")
    assert response.status_code == 302
    page = recruiter_client.get(response["Location"]).content.decode()
    assert "Jane Doe: already on Backend Engineer." in page


def test_candidate_text_is_escaped(recruiter_client):
    page = recruiter_client.get("/capture/?" + urlencode(READ | {"name": "<script>x</script> Doe"}))
    body = page.content.decode()
    assert "<script>x</script>" not in body


def test_hiring_managers_do_not_get_the_page(manager_client):
    assert manager_client.get("/capture/?" + urlencode(READ)).status_code == 404
    assert _save(manager_client).status_code in (403, 404)
    assert not Candidate.objects.filter(last_name="Doe").exists()
