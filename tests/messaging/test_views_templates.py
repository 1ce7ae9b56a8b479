import re

import pytest

from ghostless.messaging.models import EmailTemplate
from tests.conftest import HTMX


def template_data(**overrides) -> dict:
    data = {
        "name": "Screen invite",
        "purpose": "interview_invite",
        "subject": "Let's talk, {{ candidate.first_name }}",
        "body": (
            "Hi {{ candidate.first_name }},\n\nAbout **{{ job.title }}**.\n{{ recruiter.name }}"
        ),
        "action": "save",
    }
    return data | overrides


def test_template_list_shows_name_purpose_subject_and_update_time(recruiter_client, db):
    html = recruiter_client.get("/email/templates/").content.decode()
    template = EmailTemplate.objects.filter(purpose="rejection").first()
    assert template.name in html
    assert '<span class="badge purpose-rejection">Rejection</span>' in html
    assert f'href="/email/templates/{template.pk}/"' in html
    assert 'aria-current="page">Email templates</a>' in html


def test_a_recruiter_creates_a_template(recruiter_client, recruiter):
    response = recruiter_client.post("/email/templates/new/", template_data())
    assert response.status_code == 302 and response["Location"] == "/email/templates/"
    template = EmailTemplate.objects.get(name="Screen invite")
    assert (template.purpose, template.created_by) == ("interview_invite", recruiter)
    assert template.body.startswith("Hi {{ candidate.first_name }},\n\n")


def test_the_form_lists_the_merge_fields(recruiter_client, db):
    html = recruiter_client.get("/email/templates/new/").content.decode()
    assert "<code>{{ candidate.first_name }}</code>" in html
    assert "<code>{{ company.site_url }}</code>" in html


def test_an_unknown_field_is_refused_next_to_the_body_with_its_line_and_name(recruiter_client, db):
    body = "Hi {{ candidate.first_name }},\nYour salary: {{ candidate.salary }}"
    response = recruiter_client.post("/email/templates/new/", template_data(body=body))
    assert response.status_code == 422
    html = response.content.decode()
    assert "Body, line 2: unknown merge field “candidate.salary”" in html
    [textarea] = re.findall(r"<textarea[^>]*>", html)
    assert 'aria-invalid="true"' in textarea
    assert not EmailTemplate.objects.filter(name="Screen invite").exists()


def test_editing_refuses_a_syntax_error_in_the_subject(recruiter_client, db):
    template = EmailTemplate.objects.first()
    response = recruiter_client.post(
        f"/email/templates/{template.pk}/",
        template_data(name=template.name, subject="Hello {{ candidate.first_name"),
    )
    assert response.status_code == 422
    assert "Subject, line 1:" in response.content.decode()
    template.refresh_from_db()
    assert template.subject != "Hello {{ candidate.first_name"


def test_editing_saves_the_new_text(recruiter_client, db):
    template = EmailTemplate.objects.first()
    response = recruiter_client.post(
        f"/email/templates/{template.pk}/", template_data(name="Renamed", body="New body")
    )
    assert response.status_code == 302
    template.refresh_from_db()
    assert (template.name, template.body) == ("Renamed", "New body")


def test_preview_merges_a_real_candidate_and_escapes_their_text(recruiter_client, application):
    candidate = application.candidate
    candidate.first_name = "<script>alert(1)</script>"
    candidate.save()
    data = template_data(
        action="preview", preview_candidate=candidate.pk, preview_job=application.job_id
    )
    response = recruiter_client.post("/email/templates/new/", data, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith('<section class="card preview" id="preview"')
    assert "<script>alert" not in html
    assert "Let&#x27;s talk, &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<strong>Backend Engineer</strong>" in html  # the formatted part
    assert '<pre class="preview-text">Hi &lt;script&gt;' in html
    assert not EmailTemplate.objects.filter(name="Screen invite").exists()


def test_preview_works_without_javascript(recruiter_client, application):
    data = template_data(
        action="preview", preview_candidate=application.candidate_id, preview_job=""
    )
    response = recruiter_client.post("/email/templates/new/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>New email template</h1>" in html
    assert "Let&#x27;s talk, Cara" in html


def test_preview_shows_a_refused_field_instead_of_the_email(recruiter_client, application):
    data = template_data(
        action="preview", body="{{ recruiter.salary }}", preview_candidate=application.candidate_id
    )
    html = recruiter_client.post("/email/templates/new/", data, **HTMX).content.decode()
    assert "Body, line 1: unknown merge field “recruiter.salary”" in html


def test_preview_defaults_to_the_most_recent_application(recruiter_client, application):
    html = recruiter_client.get("/email/templates/new/").content.decode()
    assert f'<option value="{application.candidate_id}" selected>Cara Candidate</option>' in html
    assert f'<option value="{application.job_id}" selected>Backend Engineer</option>' in html


@pytest.mark.parametrize("path", ["/email/templates/", "/email/templates/new/"])
def test_hiring_managers_do_not_get_template_pages(manager_client, path):
    assert manager_client.get(path).status_code == 404
    assert manager_client.post(path, template_data()).status_code in (403, 405)


def test_hiring_manager_cannot_save_a_template(manager_client, db):
    template = EmailTemplate.objects.first()
    assert manager_client.get(f"/email/templates/{template.pk}/").status_code == 404
    response = manager_client.post(f"/email/templates/{template.pk}/", template_data())
    assert response.status_code == 403
    assert not EmailTemplate.objects.filter(name="Screen invite").exists()
