from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from ghostless.candidates.models import Candidate
from ghostless.careers.forms import started_token
from ghostless.careers.models import ApplicationAnswer, Submission
from ghostless.careers.services import MAX_PER_EMAIL, MAX_PER_IP
from ghostless.jobs.models import Application
from ghostless.messaging.models import Message
from ghostless.timeline.models import Activity
from tests.careers.conftest import apply, docx
from tests.factories import CandidateFactory, JobFactory

pytestmark = pytest.mark.django_db


def test_applying_puts_a_new_candidate_in_applied_with_resume_and_answers(
    client, public_job, recruiter, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = apply(client, public_job, phone="(415) 555-0100")

    assert response.status_code == 302
    assert response["Location"] == reverse("careers:applied", args=[public_job.slug])
    application = Application.objects.get(job=public_job)
    candidate = application.candidate
    assert (candidate.first_name, candidate.last_name) == ("Pat", "Applicant")
    assert candidate.source == "careers page" and application.source == "careers page"
    assert candidate.owner == recruiter
    assert candidate.linkedin_url == "https://www.linkedin.com/in/pat"
    assert [p.phone for p in candidate.phones.all()] == ["+14155550100"]
    assert (application.stage.name, application.stage.role) == ("Applied", "applied")
    resume = candidate.resumes.get()
    assert resume.is_current and resume.content_type == "application/pdf"
    assert resume.original_filename == "cv.pdf" and not resume.file.name.endswith(".pdf")
    answers = {a.label: a.value for a in ApplicationAnswer.objects.filter(application=application)}
    assert answers == {"May you work in the EU?": "Yes", "How did you hear about us?": "Friend"}
    subjects = list(candidate.activities.values_list("subject", flat=True))
    assert f"Applied for {public_job.title} on the careers page" in subjects


def test_the_acknowledgement_is_the_first_outbound_touch(
    client, public_job, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        apply(client, public_job)

    message = Message.objects.get()
    assert message.template.purpose == "acknowledgement"
    assert message.status == "sent"
    assert message.to_email == "pat@example.net"
    assert public_job.title in message.subject
    assert "Rita Reyes" in message.body_text  # the job's recruiter signs it
    outbound = Activity.objects.filter(kind="email", direction="outbound")
    assert outbound.count() == 1


def test_the_acknowledgement_reaches_the_smtp_server(
    client, public_job, smtp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        apply(client, public_job)

    assert len(smtp.messages) == 1
    mail = smtp.messages[0]
    assert mail["To"] == "pat@example.net"
    assert mail["Subject"] == f"We received your application for {public_job.title}"
    assert "within five working days" in mail.get_body(("plain",)).get_content()


def test_the_same_email_in_other_case_is_the_same_candidate(client, public_job, candidate):
    apply(client, public_job, email="CARA@Example.org", first_name="Someone")

    assert Candidate.objects.count() == 1
    assert Application.objects.get(job=public_job).candidate == candidate
    candidate.refresh_from_db()
    assert candidate.first_name == "Cara"  # what the team knows is not overwritten


def test_the_same_phone_is_the_same_candidate(client, public_job, candidate):
    candidate.phones.create(phone="+14155550100")

    apply(client, public_job, email="cara.new@example.org", phone="415-555-0100")

    assert Candidate.objects.count() == 1
    assert set(candidate.emails.values_list("email", flat=True)) == {
        "cara@example.org",
        "cara.new@example.org",
    }


def test_applying_again_updates_the_application_and_sends_no_second_acknowledgement(
    client, public_job, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        apply(client, public_job)
    question = public_job.questions.get(label="How did you hear about us?")

    with django_capture_on_commit_callbacks(execute=True):
        response = apply(client, public_job, resume=docx(), **{f"q_{question.pk}": "Job board"})

    assert response.status_code == 302
    application = Application.objects.get(job=public_job)
    assert Message.objects.count() == 1
    resumes = application.candidate.resumes.all()
    assert [r.is_current for r in resumes] == [True, False]
    assert resumes[0].original_filename == "cv.docx"
    assert application.answers.get(label="How did you hear about us?").value == "Job board"
    assert application.candidate.activities.filter(subject__startswith="Applied again for").exists()


def test_applying_to_a_second_job_adds_an_application_and_acknowledges_it(
    client, public_job, recruiter, django_capture_on_commit_callbacks
):
    other = JobFactory(title="Data Engineer", recruiters=[recruiter])
    with django_capture_on_commit_callbacks(execute=True):
        apply(client, public_job)
        apply(client, other)

    assert Candidate.objects.count() == 1
    assert Application.objects.count() == 2
    assert Message.objects.count() == 2


def test_invalid_input_reshows_the_form_with_what_was_typed(client, public_job):
    response = apply(client, public_job, email="not-an-email", first_name="Pat <b>")

    assert response.status_code == 422
    html = response.content.decode()
    assert "not a valid email address" in html or "Enter a valid email address" in html
    assert 'value="Pat &lt;b&gt;"' in html
    assert "attach your resume again" in html
    assert 'aria-invalid="true"' in html
    assert not Candidate.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("privacy", "", "privacy notice"),
        ("first_name", "", "This field is required"),
        ("resume", "", "This field is required"),
    ],
)
def test_missing_required_fields_are_refused(client, public_job, field, value, message):
    response = apply(client, public_job, **{field: value})

    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Candidate.objects.exists()


def test_a_required_question_must_be_answered(client, public_job):
    question = public_job.questions.get(label="May you work in the EU?")

    response = apply(client, public_job, **{f"q_{question.pk}": ""})

    assert response.status_code == 422
    assert not Application.objects.exists()


def test_talent_network_consent_is_recorded_on_the_timeline(client, public_job):
    apply(client, public_job, talent_network="on")

    candidate = Candidate.objects.get()
    assert candidate.activities.filter(payload__event="talent_network_consent").exists()


def test_without_consent_nothing_is_recorded(client, public_job):
    apply(client, public_job)

    assert not Activity.objects.filter(payload__event="talent_network_consent").exists()


def test_the_honeypot_refuses_without_creating_a_candidate(client, public_job):
    response = apply(client, public_job, homepage="http://spam.example")

    assert response.status_code == 422
    assert not Candidate.objects.exists() and not Submission.objects.exists()


def test_a_form_sent_faster_than_a_person_can_is_refused(client, public_job):
    with time_machine.travel(timezone.now(), tick=False):
        token = started_token(public_job.pk)
        response = apply(client, public_job, started=token)

    assert response.status_code == 422
    assert "faster than a person" in response.content.decode()
    assert not Candidate.objects.exists()


def test_a_tampered_form_token_is_refused(client, public_job):
    response = apply(client, public_job, started="forged")

    assert response.status_code == 422
    assert not Candidate.objects.exists()


def test_the_rate_limit_per_address_refuses_without_creating_a_candidate(client, public_job):
    for _ in range(MAX_PER_EMAIL):
        Submission.objects.create(email="pat@example.net", ip="10.0.0.9")

    response = apply(client, public_job)

    assert response.status_code == 429
    assert "try again later" in response.content.decode()
    assert not Candidate.objects.exists()


def test_the_rate_limit_per_ip(client, public_job):
    for i in range(MAX_PER_IP):
        Submission.objects.create(email=f"someone{i}@example.net", ip="127.0.0.1")

    response = apply(client, public_job)

    assert response.status_code == 429
    assert not Candidate.objects.exists()


def test_the_rate_limit_forgets_after_an_hour(client, public_job):
    for _ in range(MAX_PER_EMAIL):
        Submission.objects.create(
            email="pat@example.net", created_at=timezone.now() - timedelta(minutes=61)
        )

    assert apply(client, public_job).status_code == 302


def test_a_suppressed_address_still_applies_and_the_refusal_is_on_the_timeline(
    client, public_job, django_capture_on_commit_callbacks
):
    from ghostless.messaging.models import Suppression

    Suppression.objects.create(email="pat@example.net", reason="hard bounce")
    with django_capture_on_commit_callbacks(execute=True):
        apply(client, public_job)

    assert Application.objects.filter(job=public_job).exists()
    assert not Message.objects.exists()
    assert Activity.objects.filter(payload__event="acknowledgement_refused").exists()


def test_a_candidate_typed_cover_note_is_escaped_on_the_profile(
    client, public_job, recruiter_client
):
    apply(client, public_job, cover_note="<script>alert(1)</script>", last_name="<img src=x>")

    candidate = Candidate.objects.get()
    html = recruiter_client.get(candidate.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html and "<img src=x>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_an_existing_candidate_elsewhere_keeps_their_owner(client, public_job, other_recruiter):
    existing = CandidateFactory(owner=other_recruiter, emails=["pat@example.net"])

    apply(client, public_job)

    existing.refresh_from_db()
    assert existing.owner == other_recruiter


def test_the_recruiter_sees_answers_and_resume_on_the_application(
    client, public_job, recruiter_client
):
    apply(client, public_job, **{"resume": docx("Pat <CV>.docx")})
    application = Application.objects.get()

    html = recruiter_client.get(application.get_absolute_url()).content.decode()

    assert "May you work in the EU?" in html and "Answers from the application" in html
    assert "Pat &lt;CV&gt;.docx" in html
    profile = recruiter_client.get(application.candidate.get_absolute_url()).content.decode()
    resume = application.candidate.resumes.get()
    assert f'href="/resumes/{resume.pk}/"' in profile
