"""Templates are rendered in a bounded sandbox: what could break a send is refused on save, and
a broken template that reached the database fails only its own message."""

import threading

import pytest
from django.utils import timezone

from ghostless.core.errors import Conflict, DomainError
from ghostless.messaging import rendering
from ghostless.messaging.models import EmailTemplate, Message
from ghostless.messaging.services import message_queue, message_retry, template_save
from tests.messaging.payloads import BODY_PAYLOADS


def save(actor, **fields):
    data = {"name": "Risky", "purpose": "other", "subject": "Hello", "body": "Hi"} | fields
    return template_save(actor=actor, **data)


def force(template: EmailTemplate, **fields) -> EmailTemplate:
    """Write text past the save check, as an older release or a database edit could."""
    EmailTemplate.objects.filter(pk=template.pk).update(**fields)
    template.refresh_from_db()
    return template


@pytest.mark.parametrize("body", BODY_PAYLOADS)
def test_a_body_that_cannot_render_is_refused_on_save_naming_the_body(recruiter, body):
    with pytest.raises(DomainError) as exc:
        save(recruiter, body=body)
    assert exc.value.field == "body"
    assert exc.value.message.startswith("Body")
    assert not EmailTemplate.objects.filter(name="Risky").exists()


def test_a_subject_that_renders_past_300_characters_is_refused_naming_the_subject(recruiter):
    with pytest.raises(DomainError) as exc:
        save(recruiter, subject="{{ candidate.name * 100 }}")
    assert exc.value.field == "subject"
    assert "300" in exc.value.message


def test_a_body_longer_than_the_limit_is_refused(recruiter):
    with pytest.raises(DomainError) as exc:
        save(recruiter, body="x" * (rendering.MAX_BODY + 1))
    assert exc.value.field == "body"


@pytest.mark.parametrize(
    ("tag", "source"),
    [
        ("include", "{% include 'a' %}"),
        ("import", "{% import 'a' as b %}"),
        ("from", "{% from 'a' import b %}"),
        ("extends", "{% extends 'a' %}"),
    ],
)
def test_template_loading_tags_are_refused_by_name_with_their_line(recruiter, tag, source):
    with pytest.raises(DomainError) as exc:
        save(recruiter, body=f"Hi\n{source}")
    assert f"line 2: {{% {tag} %}}" in exc.value.message


def test_a_filter_outside_the_list_is_refused_by_name(recruiter):
    with pytest.raises(DomainError) as exc:
        save(recruiter, body="{{ candidate.first_name|attr('__doc__') }}")
    assert "line 1: the filter “attr” cannot be used" in exc.value.message
    assert "upper" in exc.value.message


def test_everyday_templates_still_save_and_render(recruiter, candidate, job):
    template = save(
        recruiter,
        subject="{{ job.title|upper }} at {{ company.name }}",
        body=(
            "Hi {{ candidate.first_name|default('there') }},\n"
            "{% if job.location %}Based in {{ job.location|title }}.{% endif %}\n"
            "{{ 6 * 7 }} {{ 2 ** 10 }} {{ 10 % 3 }} {{ 'ab' * 3 }}"
        ),
    )
    context = rendering.merge_context(candidate=candidate, job=job, to_email="cara@example.org")
    rendered = rendering.render(subject=template.subject, body=template.body, context=context)
    assert rendered.subject.startswith("BACKEND ENGINEER at ")
    assert rendered.text.startswith("Hi Cara,\n")
    assert rendered.text.endswith("42 1024 1 ababab")


def test_rendering_past_the_time_limit_is_refused(monkeypatch, candidate):
    monkeypatch.setattr(rendering, "RENDER_SECONDS", 0)
    context = rendering.merge_context(candidate=candidate, to_email="cara@example.org")
    with pytest.raises(rendering.RenderError) as exc:
        rendering.render(subject="S", body="Hi {{ candidate.first_name }}", context=context)
    assert "took longer than" in exc.value.message


@pytest.mark.parametrize("body", BODY_PAYLOADS)
def test_a_broken_template_in_the_database_fails_only_its_message(recruiter, application, body):
    template = force(EmailTemplate.objects.get(purpose="rejection"), body=body)

    message = message_queue(
        candidate=application.candidate,
        actor=recruiter,
        template=template,
        application=application,
        idempotency_key="k1",
    )

    assert message.status == "failed" and message.attempts == 0
    assert message.last_error.startswith(f"The template “{template.name}” could not be rendered")
    assert message.body_text == ""
    template.refresh_from_db()
    assert template.broken_reason.startswith("Body")
    assert template.broken_at is not None


def test_the_same_request_again_answers_with_the_failed_message(recruiter, application):
    template = force(EmailTemplate.objects.get(purpose="rejection"), body="{{ 10**5000 }}")
    kwargs = {"candidate": application.candidate, "actor": recruiter, "template": template}
    first = message_queue(idempotency_key="k1", **kwargs)
    assert message_queue(idempotency_key="k1", **kwargs) == first
    assert Message.objects.count() == 1


def test_a_person_waiting_on_a_form_is_refused_and_the_template_marked(recruiter, candidate):
    template = force(EmailTemplate.objects.get(purpose="rejection"), subject="{% include 'x' %}")
    with pytest.raises(rendering.RenderError) as exc:
        message_queue(
            candidate=candidate, actor=recruiter, template=template, refuse_unrenderable=True
        )
    assert exc.value.field == "template"
    assert f"The template “{template.name}” could not be rendered" in exc.value.message
    assert not Message.objects.exists()
    template.refresh_from_db()
    assert template.broken_reason.startswith("Subject")


def test_text_written_for_one_email_is_refused_not_queued(recruiter, candidate):
    with pytest.raises(DomainError) as exc:
        message_queue(candidate=candidate, actor=recruiter, subject="S", body="{{ 10**5000 }}")
    assert exc.value.field == "body"
    assert not Message.objects.exists()


def test_a_good_save_clears_the_broken_mark(recruiter):
    template = force(
        EmailTemplate.objects.get(purpose="rejection"),
        broken_reason="Body could not be rendered",
        broken_at=timezone.now(),
    )
    template_save(
        actor=recruiter,
        template=template,
        name=template.name,
        purpose=template.purpose,
        subject=template.subject,
        body="Fixed, {{ candidate.first_name }}",
    )
    template.refresh_from_db()
    assert (template.broken_reason, template.broken_at) == ("", None)


def test_a_message_that_never_rendered_is_not_retried(recruiter, candidate):
    template = force(EmailTemplate.objects.get(purpose="rejection"), body="{{ 10**5000 }}")
    message = message_queue(candidate=candidate, actor=recruiter, template=template)
    with pytest.raises(Conflict) as exc:
        message_retry(message=message, actor=recruiter)
    assert "fix the template" in exc.value.message.lower()
    message.refresh_from_db()
    assert message.status == "failed"


def test_limits_hold_in_worker_threads_without_signals(candidate):
    """Workers and gunicorn threads render too: the bounds must not need the main thread."""
    context = rendering.merge_context(candidate=candidate, to_email="cara@example.org")
    results = []

    def render(body):
        try:
            results.append(rendering.render(subject="S", body=body, context=context).text)
        except rendering.RenderError as error:
            results.append(error.message)

    threads = [
        threading.Thread(target=render, args=(body,))
        for body in ("{{ 'x' * 50000000 }}", "Hi {{ candidate.first_name }}")
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [
        "Body could not be rendered: repeated text would be longer than 100,000 characters.",
        "Hi Cara",
    ]
