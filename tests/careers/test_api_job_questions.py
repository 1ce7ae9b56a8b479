"""A job's careers-page questions over the API: set on create and update, read back with the
job, and checked by the same rules as the job form's question editor."""

import pytest

from ghostless.careers.services import job_questions_set
from ghostless.jobs.models import Job

EU = {"label": "May you work in the EU?", "kind": "yes_no", "choices": [], "required": True}
HEARD = {
    "label": "How did you hear about us?",
    "kind": "choice",
    "choices": ["Friend", "Job board"],
    "required": False,
}


def asked(job) -> list[dict]:
    return [
        {"label": q.label, "kind": q.kind, "choices": q.choices, "required": q.required}
        for q in job.questions.all()
    ]


def test_a_job_is_created_with_its_questions_in_order(recruiter_api):
    response = recruiter_api.post("/jobs", {"title": "Data Engineer", "questions": [HEARD, EU]})

    assert response.status_code == 201
    assert response.json()["questions"] == [HEARD, EU]
    assert asked(Job.objects.get(title="Data Engineer")) == [HEARD, EU]


def test_a_question_left_at_its_defaults_is_optional_free_text(recruiter_api):
    body = {
        "title": "Data Engineer",
        "questions": [{"label": "Notice period", "kind": "short_text"}],
    }

    response = recruiter_api.post("/jobs", body)

    assert response.json()["questions"] == [
        {"label": "Notice period", "kind": "short_text", "choices": [], "required": False}
    ]


def test_reading_a_job_and_the_job_list_show_its_questions(recruiter_api, recruiter, job):
    job_questions_set(job=job, actor=recruiter, questions=[EU])

    assert recruiter_api.get(f"/jobs/{job.pk}").json()["questions"] == [EU]
    assert recruiter_api.get("/jobs").json()["items"][0]["questions"] == [EU]


def test_updating_questions_replaces_them_and_a_kept_label_keeps_its_answers(
    recruiter_api, recruiter, job
):
    job_questions_set(job=job, actor=recruiter, questions=[EU, HEARD])
    kept = job.questions.get(label=EU["label"])

    response = recruiter_api.patch(f"/jobs/{job.pk}", {"questions": [{**EU, "required": False}]})

    assert response.status_code == 200
    assert response.json()["questions"] == [{**EU, "required": False}]
    assert list(job.questions.values_list("pk", flat=True)) == [kept.pk]


def test_an_update_without_questions_leaves_them_alone(recruiter_api, recruiter, job):
    job_questions_set(job=job, actor=recruiter, questions=[EU])

    response = recruiter_api.patch(f"/jobs/{job.pk}", {"title": "Backend Engineer II"})

    assert response.json()["questions"] == [EU]


def test_an_empty_list_removes_every_question(recruiter_api, recruiter, job):
    job_questions_set(job=job, actor=recruiter, questions=[EU])

    response = recruiter_api.patch(f"/jobs/{job.pk}", {"questions": []})

    assert response.json()["questions"] == []
    assert not job.questions.exists()


@pytest.mark.parametrize(
    ("questions", "detail"),
    [
        (
            [EU, {"label": "Pick one", "kind": "choice", "choices": ["Only"]}],
            "Question 2: a choice question needs at least two choices.",
        ),
        (
            [{**EU, "choices": ["Yes", "No"]}],
            "Question 1: only choice questions take choices.",
        ),
        ([EU, {**EU, "label": "may you work in the eu?"}], "is asked twice"),
        ([{"label": "  ", "kind": "long_text"}], "Question 1: the question needs a label."),
        (
            [{"label": f"Question {n}", "kind": "short_text"} for n in range(31)],
            "Ask at most 30 questions.",
        ),
    ],
)
def test_bad_questions_are_refused_naming_the_field_and_nothing_changes(
    recruiter_api, recruiter, job, questions, detail
):
    job_questions_set(job=job, actor=recruiter, questions=[HEARD])

    created = recruiter_api.post("/jobs", {"title": "Data Engineer", "questions": questions})
    updated = recruiter_api.patch(f"/jobs/{job.pk}", {"title": "Renamed", "questions": questions})

    for response in (created, updated):
        assert response.status_code == 422
        assert response.json()["field"] == "questions"
        assert detail in response.json()["detail"]
    assert not Job.objects.filter(title="Data Engineer").exists()
    job.refresh_from_db()
    assert job.title == "Backend Engineer"
    assert asked(job) == [HEARD]


def test_an_unknown_kind_is_refused_where_it_stands(recruiter_api):
    body = {"title": "Data Engineer", "questions": [EU, {"label": "Salary", "kind": "number"}]}

    response = recruiter_api.post("/jobs", body)

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "payload", "questions", 1, "kind"]


def test_a_hiring_manager_cannot_change_the_questions(manager_api, recruiter, job):
    job_questions_set(job=job, actor=recruiter, questions=[EU])

    response = manager_api.patch(f"/jobs/{job.pk}", {"questions": []})

    assert response.status_code == 403
    assert asked(job) == [EU]
