import re

import pytest
from django.urls import reverse

from ghostless.jobs.models import Job

pytestmark = pytest.mark.django_db


def form_data(job, **overrides):
    data = {
        "title": job.title,
        "department": job.department,
        "location": job.location,
        "employment_type": job.employment_type,
        "status": job.status,
        "openings": job.openings,
        "recruiters": [u.pk for u in job.recruiters.all()],
        "description": "",
        "published": "on",
        "valid_through": "",
        "questions": "",
    }
    data.update(overrides)
    return data


def test_the_edit_form_sets_publishing_remote_deadline_and_questions(recruiter_client, job):
    questions = "yes_no | May you work in the EU? *\nchoice | Start date | Now, Later\n"

    response = recruiter_client.post(
        reverse("jobs:edit", args=[job.pk]),
        form_data(job, published="", remote="on", valid_through="2031-01-31", questions=questions),
    )

    assert response.status_code == 302
    job = Job.objects.get(pk=job.pk)
    assert (job.published, job.remote, str(job.valid_through)) == (False, True, "2031-01-31")
    asked = [(q.kind, q.label, q.required, q.choices) for q in job.questions.all()]
    assert asked == [
        ("yes_no", "May you work in the EU?", True, []),
        ("choice", "Start date", False, ["Now", "Later"]),
    ]
    page = recruiter_client.get(reverse("jobs:edit", args=[job.pk])).content.decode()
    assert "yes_no | May you work in the EU? *" in page


def test_a_bad_question_line_is_refused_with_its_line(recruiter_client, job):
    response = recruiter_client.post(
        reverse("jobs:edit", args=[job.pk]),
        form_data(job, questions="short_text | Name\nchoice | Pick one"),
    )

    assert response.status_code == 200
    assert "Questions, line 2: a choice question needs at least two choices." in (
        response.content.decode()
    )
    assert not job.questions.exists()


def test_questions_kept_by_label_keep_their_answers(recruiter_client, job):
    url = reverse("jobs:edit", args=[job.pk])
    recruiter_client.post(url, form_data(job, questions="short_text | Notice period"))
    first = job.questions.get()

    recruiter_client.post(url, form_data(job, questions="long_text | Notice period *"))

    kept = job.questions.get()
    assert kept.pk == first.pk and kept.kind == "long_text" and kept.required


def test_a_new_job_is_published_by_default(recruiter_client):
    page = recruiter_client.get(reverse("jobs:create")).content.decode()

    assert re.search(r"<input type=\"checkbox\" name=\"published\"[^>]*checked", page)


def test_hiring_managers_cannot_edit(manager_client, job):
    response = manager_client.post(reverse("jobs:edit", args=[job.pk]), form_data(job))

    assert response.status_code == 403
