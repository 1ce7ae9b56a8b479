"""A job's skills: typed on the form and the API, tidied by the service, shown on the job."""

import pytest
from django.urls import reverse

from ghostless.core.errors import DomainError
from ghostless.jobs import services
from ghostless.jobs.models import Job
from tests.api_clients import api_for
from tests.factories import JobFactory
from tests.parsed_html import definitions


def test_the_service_tidies_skills(recruiter):
    skills = " Kubernetes,terraform ,, Go, kubernetes "
    job = services.job_create(actor=recruiter, title="Platform Engineer", skills=skills)
    assert job.skills == "Kubernetes, terraform, Go"
    services.job_update(job=job, actor=recruiter, skills="Go,  Rust")
    job.refresh_from_db()
    assert job.skills == "Go, Rust"


def test_repeats_collapse_before_the_length_is_checked(recruiter, job):
    services.job_update(job=job, actor=recruiter, skills=", ".join(["Kubernetes"] * 60))
    job.refresh_from_db()
    assert job.skills == "Kubernetes"


def test_too_many_skills_are_refused_on_the_field(recruiter, job):
    many = ", ".join(f"skill{n:03d}" for n in range(60))
    with pytest.raises(DomainError, match="500 characters or fewer") as refused:
        services.job_update(job=job, actor=recruiter, skills=many)
    assert refused.value.field == "skills"
    job.refresh_from_db()
    assert job.skills == ""


def test_the_job_form_edits_skills_and_the_job_page_shows_them(recruiter_client, job):
    form = recruiter_client.get(reverse("jobs:edit", args=[job.pk])).content.decode()
    assert '<label for="id_skills">Skills</label>' in form
    data = {
        "title": job.title,
        "employment_type": "full_time",
        "status": "open",
        "openings": 1,
        "skills": "Kubernetes, Terraform, Go",
        "recruiters": [r.pk for r in job.recruiters.all()],
    }
    response = recruiter_client.post(reverse("jobs:edit", args=[job.pk]), data)
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.skills == "Kubernetes, Terraform, Go"
    page = recruiter_client.get(job.get_absolute_url()).content.decode()
    assert definitions(page)["Skills"] == "Kubernetes, Terraform, Go"


def test_a_new_job_takes_skills_from_the_form(recruiter_client):
    response = recruiter_client.post(
        reverse("jobs:create"),
        {
            "title": "Senior Platform Engineer",
            "employment_type": "full_time",
            "status": "open",
            "openings": 1,
            "skills": "Kubernetes,Go",
        },
    )
    assert response.status_code == 302
    assert Job.objects.get(title="Senior Platform Engineer").skills == "Kubernetes, Go"


def test_the_api_reads_and_writes_skills(recruiter, hiring_manager):
    api = api_for(recruiter)
    created = api.post("/jobs", {"title": "SRE", "skills": "Kubernetes, Go"})
    assert created.status_code == 201
    assert created.json()["skills"] == "Kubernetes, Go"
    job_id = created.json()["id"]
    patched = api.patch(f"/jobs/{job_id}", {"skills": "go, Terraform,go"})
    assert patched.json()["skills"] == "go, Terraform"
    assert api.get(f"/jobs/{job_id}").json()["skills"] == "go, Terraform"


def test_the_api_refuses_skills_that_do_not_fit(recruiter):
    job = JobFactory(title="SRE")
    response = api_for(recruiter).patch(f"/jobs/{job.pk}", {"skills": "x" * 501})
    assert response.status_code == 422
    assert Job.objects.get(pk=job.pk).skills == ""
