from datetime import UTC, datetime

import time_machine
from django.contrib.messages import get_messages

from ghostless.messaging.models import EmailTemplate, Message, Suppression
from ghostless.timeline.models import Activity
from tests.conftest import HTMX, client_for
from tests.factories import CandidateFactory
from tests.messaging.conftest import compose_data
from tests.parsed_html import texts


def flashes(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_compose_page_has_a_fresh_token_and_the_candidates_addresses(recruiter_client, candidate):
    first = recruiter_client.get(f"/email/compose/{candidate.pk}/").content.decode()
    second = recruiter_client.get(f"/email/compose/{candidate.pk}/").content.decode()
    token = 'type="hidden" name="idempotency_key" value="'
    assert token in first
    assert first.split(token)[1][:20] != second.split(token)[1][:20]
    assert '<option value="cara@example.org">cara@example.org</option>' in first
    assert '<label for="id_subject">Subject</label>' in first


def test_a_composed_email_reaches_the_server_and_the_timeline(
    smtp, recruiter_client, application, django_capture_on_commit_callbacks
):
    candidate = application.candidate
    with django_capture_on_commit_callbacks(execute=True):
        response = recruiter_client.post(
            f"/email/compose/{candidate.pk}/", compose_data(application=application.pk)
        )
    assert response.status_code == 302 and response["Location"] == f"/candidates/{candidate.pk}/"
    assert flashes(response) == ["Email queued."]
    [received] = smtp.messages
    assert (received["To"], received["Subject"]) == ("cara@example.org", "Hello Cara")
    assert "About Backend Engineer, Rita Reyes" in received.get_body(("plain",)).get_content()
    activity = Activity.objects.get(kind="email", direction="outbound")
    assert activity.application == application
    html = recruiter_client.get(f"/candidates/{candidate.pk}/").content.decode()
    assert "Sent" in texts(html, "span", class_="status-sent")
    assert "Hello Cara" in texts(html, "p", class_="subject")


def test_submitting_twice_with_one_token_sends_once(
    smtp, recruiter_client, candidate, django_capture_on_commit_callbacks
):
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            response = recruiter_client.post(f"/email/compose/{candidate.pk}/", compose_data())
        assert response.status_code == 302
    assert Message.objects.count() == 1
    assert len(smtp.messages) == 1


def test_choosing_a_template_fills_subject_and_body(recruiter_client, candidate):
    template = EmailTemplate.objects.filter(purpose="acknowledgement").first()
    data = compose_data(action="use_template", template=template.pk, subject="", body="")
    response = recruiter_client.post(f"/email/compose/{candidate.pk}/", data, **HTMX)
    html = response.content.decode()
    assert html.strip().startswith('<div id="compose-text">')
    assert f'value="{template.subject}"'.replace("'", "&#x27;") in html
    assert "errorlist" not in html


def test_choosing_a_template_works_without_javascript(recruiter_client, candidate):
    template = EmailTemplate.objects.filter(purpose="acknowledgement").first()
    data = compose_data(action="use_template", template=template.pk, idempotency_key="keep-me")
    html = recruiter_client.post(f"/email/compose/{candidate.pk}/", data).content.decode()
    assert "<h1>Email Cara Candidate</h1>" in html
    assert 'name="idempotency_key" value="keep-me"' in html
    assert "Hello {{" not in html


def test_an_unchanged_template_is_sent_as_that_template(
    eml_outbox, recruiter_client, candidate, django_capture_on_commit_callbacks
):
    template = EmailTemplate.objects.filter(purpose="acknowledgement").first()
    data = compose_data(
        template=template.pk, subject=template.subject, body=template.body.replace("\n", "\r\n")
    )
    with django_capture_on_commit_callbacks(execute=True):
        recruiter_client.post(f"/email/compose/{candidate.pk}/", data)
    assert Message.objects.get().template == template


def test_an_edited_template_is_sent_as_written(
    eml_outbox, recruiter_client, candidate, django_capture_on_commit_callbacks
):
    template = EmailTemplate.objects.filter(purpose="acknowledgement").first()
    data = compose_data(template=template.pk, subject="My own words", body="Edited")
    with django_capture_on_commit_callbacks(execute=True):
        recruiter_client.post(f"/email/compose/{candidate.pk}/", data)
    message = Message.objects.get()
    assert (message.subject, message.body_text.split("\n")[0], message.template) == (
        "My own words",
        "Edited",
        None,
    )


def test_preview_shows_the_merged_email_escaped(recruiter_client, application):
    candidate = application.candidate
    candidate.first_name = "<i>Cara</i>"
    candidate.save()
    data = compose_data(action="preview", application=application.pk)
    html = recruiter_client.post(f"/email/compose/{candidate.pk}/", data, **HTMX).content.decode()
    assert html.startswith('<section class="card preview"')
    assert "Hello &lt;i&gt;Cara&lt;/i&gt;" in html
    assert "About Backend Engineer, Rita Reyes" in html
    assert not Message.objects.exists()


def test_preview_shows_the_unsubscribe_footer_the_email_will_carry(recruiter_client, candidate):
    data = compose_data(action="preview")
    html = recruiter_client.post(f"/email/compose/{candidate.pk}/", data, **HTMX).content.decode()
    assert "Rather not hear from us about new roles? Unsubscribe:" in html
    assert "/c/unsubscribe/" in html


@time_machine.travel(datetime(2030, 6, 1, 12, 0, tzinfo=UTC), tick=False)
def test_scheduling_stores_the_time_in_utc_from_the_users_zone(
    recruiter, candidate, django_capture_on_commit_callbacks
):
    recruiter.time_zone = "Europe/Berlin"
    recruiter.save()
    data = compose_data(when="later", send_at="2030-07-01T09:00")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(recruiter).post(f"/email/compose/{candidate.pk}/", data)
    assert response.status_code == 302
    message = Message.objects.get()
    assert message.send_at == datetime(2030, 7, 1, 7, 0, tzinfo=UTC)
    assert message.status == "queued"
    assert flashes(response) == ["Scheduled for Mon 1 Jul 2030, 09:00 CEST."]


@time_machine.travel(datetime(2030, 6, 1, 12, 0, tzinfo=UTC), tick=False)
def test_scheduling_in_the_past_is_refused(recruiter, candidate):
    data = compose_data(when="later", send_at="2030-05-01T09:00")
    response = client_for(recruiter).post(f"/email/compose/{candidate.pk}/", data)
    assert response.status_code == 422
    assert "Pick a time in the future, or send it now." in response.content.decode()
    assert not Message.objects.exists()


def test_a_suppressed_address_is_refused_next_to_to_until_cleared(
    smtp, recruiter_client, candidate, django_capture_on_commit_callbacks
):
    suppression = Suppression.objects.create(email="cara@example.org", reason="Bounced: no user")
    page = recruiter_client.get(f"/email/compose/{candidate.pk}/").content.decode()
    assert "cara@example.org (suppressed)" in page
    response = recruiter_client.post(f"/email/compose/{candidate.pk}/", compose_data())
    assert response.status_code == 422
    html = response.content.decode()
    to_field = html.split('<label for="id_to_email">')[1].split('<label for="id_application">')[0]
    assert "is on the suppression list (Bounced: no user)" in to_field
    assert not Message.objects.exists()

    profile = recruiter_client.get(f"/candidates/{candidate.pk}/").content.decode()
    assert "Bounced: no user" in profile
    clear = f"/email/candidates/{candidate.pk}/suppressions/{suppression.pk}/clear/"
    assert f'action="{clear}"' in profile
    response = recruiter_client.post(clear)
    assert response.status_code == 302
    suppression.refresh_from_db()
    assert suppression.cleared_at is not None

    with django_capture_on_commit_callbacks(execute=True):
        response = recruiter_client.post(f"/email/compose/{candidate.pk}/", compose_data())
    assert response.status_code == 302
    assert len(smtp.messages) == 1


def test_clearing_needs_the_suppression_to_be_the_candidates(recruiter_client, candidate):
    other = Suppression.objects.create(email="someone@else.example", reason="Bounced")
    clear = f"/email/candidates/{candidate.pk}/suppressions/{other.pk}/clear/"
    assert recruiter_client.post(clear).status_code == 404


def test_the_application_page_preselects_its_application(recruiter_client, application):
    html = recruiter_client.get(f"/jobs/applications/{application.pk}/").content.decode()
    link = f"/email/compose/{application.candidate_id}/?application={application.pk}"
    assert link in html
    compose = recruiter_client.get(link).content.decode()
    assert f'<option value="{application.pk}" selected>Backend Engineer</option>' in compose


def test_a_candidate_without_email_gets_a_next_step(recruiter_client, db):
    person = CandidateFactory(first_name="Nora", emails=[])
    person.emails.all().delete()
    html = recruiter_client.get(f"/email/compose/{person.pk}/").content.decode()
    assert "Nora has no email address yet." in html


def test_hiring_manager_may_not_compose(manager_client, application):
    path = f"/email/compose/{application.candidate_id}/"
    assert manager_client.get(path).status_code == 403
    assert manager_client.post(path, compose_data()).status_code == 403
    assert not Message.objects.exists()


def test_outsider_does_not_find_the_candidate(outsider_client, application):
    path = f"/email/compose/{application.candidate_id}/"
    assert outsider_client.get(path).status_code == 404
    assert outsider_client.post(path, compose_data()).status_code == 404


def test_choosing_blank_email_keeps_what_was_written(recruiter_client, candidate):
    data = compose_data(action="use_template", template="", subject="Mine", body="My words")
    html = recruiter_client.post(f"/email/compose/{candidate.pk}/", data, **HTMX).content.decode()
    assert 'value="Mine"' in html and "My words</textarea>" in html
