"""On the web: template text that cannot render is refused next to its field, and a template a
send found broken is flagged for admins on the list and on its own page."""

import re

import pytest
from django.utils import timezone

from ghostless.messaging.models import EmailTemplate, Message
from ghostless.messaging.services import message_queue
from tests.messaging.conftest import compose_data
from tests.messaging.payloads import BODY_PAYLOADS
from tests.messaging.test_views_templates import template_data

REASON = "Body could not be rendered: a number is larger than 1,000,000,000,000."


def broken(**fields) -> EmailTemplate:
    template = EmailTemplate.objects.get(purpose="rejection")
    fields = {"broken_reason": REASON, "broken_at": timezone.now()} | fields
    EmailTemplate.objects.filter(pk=template.pk).update(**fields)
    template.refresh_from_db()
    return template


@pytest.mark.parametrize("body", BODY_PAYLOADS)
def test_a_body_that_cannot_render_is_refused_next_to_the_body(recruiter_client, db, body):
    response = recruiter_client.post("/email/templates/new/", template_data(body=body))
    assert response.status_code == 422
    [textarea] = re.findall(r"<textarea[^>]*>", response.content.decode())
    assert 'aria-invalid="true"' in textarea
    assert not EmailTemplate.objects.filter(name="Screen invite").exists()


def test_a_subject_that_cannot_render_is_refused_next_to_the_subject(recruiter_client, db):
    template = EmailTemplate.objects.get(purpose="rejection")
    data = template_data(name=template.name, subject="{{ 10**5000 }}")
    response = recruiter_client.post(f"/email/templates/{template.pk}/", data)
    assert response.status_code == 422
    html = response.content.decode()
    assert "Subject could not be rendered: a number is larger than 1,000,000,000,000." in html
    [subject] = re.findall(r'<input[^>]*name="subject"[^>]*>', html)
    assert 'aria-invalid="true"' in subject


def test_the_list_flags_a_broken_template_with_its_reason(recruiter_client, db):
    template = broken()
    html = recruiter_client.get("/email/templates/").content.decode()
    link = f'<td><a href="/email/templates/{template.pk}/"'
    row = re.search(rf"<tr[^>]*>\s*{link}.*?</tr>", html, re.S)
    assert '<span class="badge status-failed">Broken</span>' in row.group()
    assert REASON in row.group()
    assert html.count("Broken</span>") == 1


def test_the_template_page_shows_why_it_is_broken(recruiter_client, db):
    template = broken()
    html = recruiter_client.get(f"/email/templates/{template.pk}/").content.decode()
    assert 'role="alert"' in html and REASON in html
    assert "Saving a version that renders clears this." in html


def test_a_good_save_on_the_page_clears_the_flag(recruiter_client, db):
    template = broken()
    recruiter_client.post(f"/email/templates/{template.pk}/", template_data(name=template.name))
    html = recruiter_client.get("/email/templates/").content.decode()
    assert "Broken</span>" not in html


def test_sending_a_broken_template_from_compose_is_refused_on_the_form(recruiter_client, candidate):
    template = broken(broken_reason="", broken_at=None, body="{% include 'x' %}")
    data = compose_data(template=template.pk, subject=template.subject, body=template.body)
    response = recruiter_client.post(f"/email/compose/{candidate.pk}/", data)
    assert response.status_code == 422
    html = response.content.decode()
    assert f"The template “{template.name}” could not be rendered" in html
    assert not Message.objects.exists()
    template.refresh_from_db()
    assert template.broken_at is not None


def test_a_message_that_never_rendered_links_to_its_template_not_retry(
    recruiter_client, recruiter, candidate
):
    template = broken(body="{{ 10**5000 }}")
    message = message_queue(candidate=candidate, actor=recruiter, template=template)
    html = recruiter_client.get("/email/failed/").content.decode()
    assert "could not be rendered" in html
    assert f'href="/email/templates/{template.pk}/">Fix the template' in html
    assert f"/email/messages/{message.pk}/retry/" not in html
