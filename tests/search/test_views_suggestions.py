"""The job page's "Suggested from your network" card, adding one as Sourced, and the API."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ghostless.jobs.models import Application
from ghostless.timeline.models import Activity
from tests.api_clients import api_for
from tests.conftest import client_for
from tests.factories import ApplicationFactory, JobFactory
from tests.search.conftest import consent, past_application, person

HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "suggestions"}


def card_url(job) -> str:
    return reverse("suggestions:list", args=[job.pk])


def add_url(job, candidate) -> str:
    return reverse("suggestions:add", args=[job.pk, candidate.pk])


# The card


def test_the_job_page_loads_the_card_after_the_page(recruiter_client, platform_job):
    page = recruiter_client.get(platform_job.get_absolute_url()).content.decode()
    assert "Suggested from your network" in page
    assert f'hx-get="{card_url(platform_job)}" hx-trigger="load"' in page
    assert f'<a href="{card_url(platform_job)}">See the suggestions</a>' in page


def test_the_card_lists_who_fits_and_why(recruiter_client, platform_job):
    fits = person("Fits", skills="Kubernetes, Go", title="Platform Engineer")
    past_application(fits, stage="Interview")
    consent(fits, until=timezone.now() + timedelta(days=400))

    response = recruiter_client.get(card_url(platform_job), **HTMX)
    fragment = response.content.decode()

    assert fragment.lstrip().startswith('<section class="card" id="suggestions"')
    assert "<html" not in fragment
    assert "Fits Example" in fragment and "Platform Engineer at Acme" in fragment
    assert "Matches: kubernetes, go" in fragment
    assert "Reached Interview for Backend Engineer" in fragment
    assert "Consented until" in fragment
    assert "Add as Sourced" in fragment
    assert response["Vary"].count("HX-Target") == 1


def test_without_javascript_the_suggestions_are_a_page(recruiter_client, platform_job):
    person("Fits", skills="Kubernetes")
    response = recruiter_client.get(card_url(platform_job))
    text = response.content.decode()
    assert "<html" in text and "Suggested for Senior Platform Engineer" in text
    assert "Fits Example" in text


def test_candidate_text_is_escaped(recruiter_client, platform_job):
    person("<script>x</script>", skills="Kubernetes")
    text = recruiter_client.get(card_url(platform_job), **HTMX).content.decode()
    assert "<script>x</script>" not in text
    assert "&lt;script&gt;x&lt;/script&gt;" in text


def test_the_empty_card_says_to_add_skills(recruiter_client, recruiter):
    job = JobFactory(title="Zookeeper", description="", recruiters=[recruiter])
    text = recruiter_client.get(card_url(job), **HTMX).content.decode()
    assert "Nobody in your network matches this job yet" in text
    assert "Add skills to the job" in text
    assert reverse("jobs:edit", args=[job.pk]) in text


def test_the_card_costs_the_same_queries_for_5_or_20_suggestions(recruiter_client, platform_job):
    def fill(start, n):
        for i in range(start, start + n):
            candidate = person(f"Cand{i}", skills="Kubernetes, Go")
            past_application(candidate, stage="Screen", job=JobFactory(title=f"Old {i}"))

    fill(0, 5)
    with CaptureQueriesContext(connection) as few:
        recruiter_client.get(card_url(platform_job), **HTMX)
    fill(5, 15)
    with CaptureQueriesContext(connection) as many:
        response = recruiter_client.get(card_url(platform_job), **HTMX)
    assert response.content.decode().count("Add as Sourced") == 10
    assert len(many) == len(few)


# Adding one


def test_adding_a_suggestion_puts_them_at_sourced_and_says_why(
    recruiter_client, recruiter, platform_job
):
    fits = person("Fits", skills="Kubernetes")
    reasons = ["Matches: kubernetes", "Reached Onsite for Backend Engineer"]

    response = recruiter_client.post(add_url(platform_job, fits), {"reason": reasons})

    application = Application.objects.get(candidate=fits, job=platform_job)
    assert response.status_code == 302
    assert response["Location"] == card_url(platform_job)
    assert application.stage.name == "Sourced"
    assert application.source == "Rediscovered"
    why = Activity.objects.get(candidate=fits, payload__event="suggestion_added")
    assert why.application == application and why.actor == recruiter
    assert why.subject == "Suggested from the network for Senior Platform Engineer"
    assert why.body == "Matches: kubernetes\nReached Onsite for Backend Engineer"
    assert why.private  # it names other jobs and consent: recruiters only
    page = recruiter_client.get(card_url(platform_job)).content.decode()
    assert "Added <a href" in page and "at Sourced" in page


def test_adding_with_htmx_answers_in_the_row(recruiter_client, platform_job):
    fits = person("Fits", skills="Kubernetes")
    response = recruiter_client.post(
        add_url(platform_job, fits), {"reason": ["Matches: kubernetes"]}, HTTP_HX_REQUEST="true"
    )
    application = Application.objects.get(candidate=fits, job=platform_job)
    text = response.content.decode()
    assert text.strip().startswith('<p role="status"')
    assert "Added Fits Example at Sourced." in text
    assert application.get_absolute_url() in text


def test_adding_someone_already_on_the_job_links_to_their_application(
    recruiter_client, platform_job
):
    fits = person("Fits", skills="Kubernetes")
    existing = ApplicationFactory(candidate=fits, job=platform_job)
    response = recruiter_client.post(add_url(platform_job, fits), HTTP_HX_REQUEST="true")
    text = response.content.decode()
    assert "is already on Senior Platform Engineer" in text
    assert existing.get_absolute_url() in text
    assert Application.objects.filter(candidate=fits).count() == 1


def test_without_a_sourced_stage_they_land_at_the_first_stage(recruiter_client, platform_job):
    platform_job.stages.filter(name="Sourced").delete()
    fits = person("Fits", skills="Kubernetes")
    text = recruiter_client.get(card_url(platform_job), **HTMX).content.decode()
    assert "Add as Applied" in text
    recruiter_client.post(add_url(platform_job, fits))
    assert Application.objects.get(candidate=fits).stage.name == "Applied"


# Who may


def test_hiring_managers_see_no_card_and_are_refused(manager_client, platform_job, hiring_manager):
    fits = person("Fits", skills="Kubernetes")
    page = manager_client.get(platform_job.get_absolute_url()).content.decode()
    assert "Suggested from your network" not in page
    assert manager_client.get(card_url(platform_job)).status_code == 404
    assert manager_client.post(add_url(platform_job, fits)).status_code == 403
    assert not Application.objects.filter(candidate=fits).exists()


def test_another_teams_manager_gets_404(outsider, platform_job):
    fits = person("Fits", skills="Kubernetes")
    client = client_for(outsider)
    assert client.get(card_url(platform_job)).status_code == 404
    assert client.post(add_url(platform_job, fits)).status_code == 404


def test_an_unknown_candidate_is_404(recruiter_client, platform_job):
    response = recruiter_client.post(reverse("suggestions:add", args=[platform_job.pk, 999999]))
    assert response.status_code == 404


# The API


def test_the_api_lists_suggestions_with_score_and_reasons(recruiter, platform_job):
    fits = person("Fits", skills="Kubernetes, Go")
    past_application(fits, stage="Interview")
    person("Partly", skills="Go")

    response = api_for(recruiter).get(f"/jobs/{platform_job.pk}/suggestions")

    assert response.status_code == 200
    items = response.json()["items"]
    assert [item["candidate"]["first_name"] for item in items] == ["Fits", "Partly"]
    assert items[0]["candidate"]["id"] == fits.pk
    assert items[0]["candidate"]["skills"] == "Kubernetes, Go"
    assert items[0]["reasons"] == [
        "Matches: kubernetes, go",
        "Reached Interview for Backend Engineer",
    ]
    assert isinstance(items[0]["score"], float) and items[0]["score"] > items[1]["score"]


def test_the_api_takes_a_limit(recruiter, platform_job):
    for n in range(3):
        person(f"P{n}", skills="Kubernetes")
    api = api_for(recruiter)
    assert len(api.get(f"/jobs/{platform_job.pk}/suggestions", {"limit": 2}).json()["items"]) == 2
    assert api.get(f"/jobs/{platform_job.pk}/suggestions", {"limit": 0}).status_code == 422
    assert api.get(f"/jobs/{platform_job.pk}/suggestions", {"limit": "x"}).status_code == 422


@pytest.mark.parametrize(("who", "status"), [("hiring_manager", 403), ("outsider", 404)])
def test_the_api_refuses_hiring_managers(request, platform_job, who, status):
    user = request.getfixturevalue(who)
    response = api_for(user).get(f"/jobs/{platform_job.pk}/suggestions")
    assert response.status_code == status
    assert "detail" in response.json()


def test_the_api_answers_404_for_a_missing_job(recruiter):
    assert api_for(recruiter).get("/jobs/999999/suggestions").status_code == 404
