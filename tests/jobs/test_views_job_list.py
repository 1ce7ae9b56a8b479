from django.urls import reverse

from ghostless.jobs.models import RejectionReason
from ghostless.jobs.services import application_reject
from tests.factories import ApplicationFactory, JobFactory
from tests.parsed_html import find, texts

URL = reverse("jobs:list")


def test_job_list_shows_active_applicants_per_stage(recruiter_client, job):
    ApplicationFactory.create_batch(2, job=job)
    ApplicationFactory(job=job, stage=job.stages.get(name="Screen"))
    response = recruiter_client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    counts = texts(find(html, "ol", class_="stage-counts"), "li")
    assert {"Sourced 2", "Screen 1", "Offer 0"} <= set(counts)
    assert "3 active on the Backend Engineer board" in html


def test_rejected_applicants_are_not_counted_as_active(recruiter_client, application, recruiter):
    application_reject(
        application=application, actor=recruiter, reason=RejectionReason.objects.first()
    )
    html = recruiter_client.get(URL).content.decode()
    assert "Sourced 0" in texts(find(html, "ol", class_="stage-counts"), "li")
    assert "0 active on the Backend Engineer board" in html


def test_job_list_names_manager_recruiters_and_status(recruiter_client, job):
    html = recruiter_client.get(URL).content.decode()
    assert "Hana Hughes" in html and "Rita Reyes" in html
    assert "Open" in texts(html, "span", class_="status-open")


def test_job_list_filters_by_status_and_title(recruiter_client, job):
    JobFactory(title="Office Manager", status="draft")
    by_status = recruiter_client.get(URL, {"status": "draft"}).content.decode()
    assert "Office Manager" in by_status and "Backend Engineer" not in by_status
    by_title = recruiter_client.get(URL, {"q": "backend"}).content.decode()
    assert "Backend Engineer" in by_title and "Office Manager" not in by_title


def test_job_list_with_htmx_renders_only_the_table(recruiter_client, job):
    response = recruiter_client.get(
        URL, {"q": "backend"}, headers={"HX-Request": "true", "HX-Target": "jobs"}
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="jobs">')
    assert "Backend Engineer" in html and "<html" not in html


def test_job_list_pages(recruiter_client, settings):
    settings.PAGE_SIZE = 2
    for n in range(5):
        JobFactory(title=f"Job {n}")
    html = recruiter_client.get(URL, {"page": 3}).content.decode()
    assert "Page 3 of 3" in html and "Job 0" in html and "Job 4" not in html
    assert recruiter_client.get(URL, {"page": "nonsense"}).status_code == 200


def test_recruiters_get_a_new_job_button_and_managers_do_not(recruiter_client, manager_client, job):
    assert reverse("jobs:create") in recruiter_client.get(URL).content.decode()
    assert reverse("jobs:create") not in manager_client.get(URL).content.decode()


def test_an_empty_job_list_explains_what_to_do(recruiter_client, manager_client):
    assert "Create the first job" in recruiter_client.get(URL).content.decode()
    assert "not the hiring manager of any job" in manager_client.get(URL).content.decode()
    filtered = recruiter_client.get(URL, {"q": "nothing"}).content.decode()
    assert "No job matches these filters" in filtered


def test_bad_filters_do_not_break_the_list(recruiter_client, job):
    response = recruiter_client.get(URL, {"status": "<script>", "q": "'\"%"})
    assert response.status_code == 200
