"""The history of changes at /settings/audit/: for admins, with filters."""

import pytest
from django.urls import reverse

from ghostless.jobs import services as job_services
from ghostless.messaging.services import template_save

URL = reverse("timeline:audit")


@pytest.fixture
def history(job, recruiter, admin):
    job_services.job_update(job=job, actor=recruiter, status="on_hold")
    template_save(
        actor=admin, name="Thanks", purpose="acknowledgement", subject="Thanks", body="<b>Hi</b>"
    )


def test_admin_sees_who_changed_what_from_what_to_what(admin_client_, history):
    page = admin_client_.get(URL).content.decode()
    assert "Rita Reyes" in page and "Job status changed" in page
    assert "<del>open</del> → <ins>on_hold</ins>" in page
    assert "Email template: <a" in page and "Alice Admin" in page
    assert "&lt;b&gt;Hi&lt;/b&gt;" in page  # template text is shown, never run as HTML


def test_filtering_by_record_and_person_narrows_the_list(admin_client_, history, recruiter):
    page = admin_client_.get(URL, {"subject": "email_template"}).content.decode()
    assert "Thanks" in page and "Job status changed" not in page
    page = admin_client_.get(URL, {"actor": recruiter.pk}).content.decode()
    assert "Job status changed" in page and "Email template created" not in page


def test_one_records_history_from_its_link(admin_client_, history, job):
    other = job_services.job_create(actor=None, title="Designer")
    job_services.job_update(job=other, actor=None, openings=3)
    page = admin_client_.get(URL, {"subject": "job", "subject_id": job.pk}).content.decode()
    assert "Backend Engineer" in page and "Designer" not in page


def test_no_match_says_how_to_see_everything(admin_client_, history):
    page = admin_client_.get(URL, {"subject": "candidate"}).content.decode()
    assert "No changes match these filters" in page


def test_empty_history_explains_what_will_appear(admin_client_):
    page = admin_client_.get(URL).content.decode()
    assert "No changes recorded yet" in page


@pytest.mark.parametrize("client_name", ["recruiter_client", "manager_client"])
def test_the_page_does_not_exist_for_anyone_but_admins(request, client_name, history):
    assert request.getfixturevalue(client_name).get(URL).status_code == 404


def test_settings_page_links_admins_to_the_history(admin_client_, recruiter_client):
    assert URL in admin_client_.get(reverse("accounts:settings")).content.decode()
    assert URL not in recruiter_client.get(reverse("accounts:settings")).content.decode()


def test_unknown_person_matches_nothing_and_says_so(admin_client_, history):
    response = admin_client_.get(URL, {"actor": "999999"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Select a valid choice" in page and "No changes match these filters" in page


def test_a_hostile_record_filter_is_shown_escaped(admin_client_, history):
    page = admin_client_.get(URL, {"subject": "<script>x</script>"}).content.decode()
    assert "<script>x" not in page and "&lt;script&gt;x" in page


def test_pages_admins_edit_link_to_their_history(admin_client_, recruiter_client, job):
    pages = {
        reverse("jobs:settings"): URL,
        reverse("messaging:templates"): f"{URL}?subject=email_template",
        reverse("jobs:edit", args=[job.pk]): f"{URL}?subject=job&amp;subject_id={job.pk}",
    }
    for page, link in pages.items():
        assert link in admin_client_.get(page).content.decode(), page
    for page in (reverse("messaging:templates"), reverse("jobs:edit", args=[job.pk])):
        assert URL not in recruiter_client.get(page).content.decode(), page
