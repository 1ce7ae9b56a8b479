import pytest

from ghostless.core.errors import DomainError
from ghostless.messaging import rendering
from ghostless.messaging.services import template_save


def test_a_template_with_known_fields_is_saved(recruiter):
    template = template_save(
        actor=recruiter,
        name="Invite",
        purpose="interview_invite",
        subject="{{ job.title }}",
        body="Hi {{ candidate.first_name }}",
    )
    assert template.pk


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Hi\n{{ candidate.salary }}", "line 2: unknown merge field “candidate.salary”"),
        ("{{ secret_key }}", "line 1: unknown merge field “secret_key”"),
        ("Hi {{ candidate.first_name ", "line 1"),
        ("{% for x in job.title %}{% endfor %}", "unknown merge field “x”"),
        ("{{ candidate.__class__ }}", "unknown merge field"),
        ("{{ job.title.upper() }}", "line 1"),
    ],
)
def test_unknown_fields_and_syntax_errors_are_refused_with_line_and_name(recruiter, body, expected):
    with pytest.raises(DomainError) as exc:
        template_save(actor=recruiter, name="Bad", purpose="other", subject="S", body=body)
    assert expected in exc.value.message
    assert exc.value.field == "body"


def test_an_unknown_purpose_is_refused(recruiter):
    with pytest.raises(DomainError) as exc:
        template_save(actor=recruiter, name="X", purpose="spam", subject="S", body="B")
    assert exc.value.field == "purpose"


def test_rendering_reaches_only_merge_values(candidate, job):
    context = rendering.merge_context(candidate=candidate, job=job, to_email="cara@example.org")
    rendered = rendering.render(
        subject="{{ job.title }}  for\n{{ candidate.name }}",
        body="{{ candidate.email }} / {{ company.name }}",
        context=context,
    )
    assert rendered.subject == "Backend Engineer for Cara Candidate"
    assert rendered.text == "cara@example.org / Ghostless Demo Co"


def test_a_formatted_email_keeps_its_line_breaks_in_html():
    rendered = rendering.render(
        subject="Hi",
        body="We are **delighted**.\n\nBest regards,\n{{ company.name }}",
        context={"company": {"name": "Ghostless Demo Co"}},
    )
    assert "<p>Best regards,<br>\nGhostless Demo Co</p>" in rendered.html
