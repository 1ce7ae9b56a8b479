from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ghostless.candidates.models import CandidateEmail
from ghostless.jobs.models import RejectionReason
from ghostless.loop import services
from ghostless.messaging.models import EmailTemplate, Message
from tests.factories import ApplicationFactory, CandidateFactory
from tests.loop.conftest import fill_job
from tests.parsed_html import definitions, find, find_all, text


def close_url(job):
    return reverse("loop:close", args=[job.pk])


def test_the_closing_screen_groups_untold_applicants_by_furthest_stage(recruiter_client, job):
    fill_job(job, 5, screened=2)
    html = recruiter_client.get(close_url(job)).content.decode()
    assert "Told 0 of 4" in html
    assert "Reached Sourced" in html and "Reached Screen" in html
    assert "Ann000" not in html  # hired
    filled = EmailTemplate.objects.filter(purpose="position_filled").first()
    sourced = html.split("Reached Sourced", 1)[1].split("</select>", 1)[0]
    assert f'value="{filled.pk}" selected' in sourced
    assert "Position filled or closed</option>" in html.split('id="reason"', 1)[1]


def test_tell_them_all_returns_at_once_and_shows_the_progress(
    recruiter_client, job, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.EMAIL_BACKEND = "ghostless.messaging.backends.EmlFileBackend"
    settings.EMAIL_FILE_PATH = tmp_path
    fill_job(job, 3)
    page = recruiter_client.get(close_url(job)).content.decode()
    key = page.split('name="key" value="', 1)[1].split('"', 1)[0]
    with django_capture_on_commit_callbacks(execute=True):
        response = recruiter_client.post(close_url(job), {"key": key, "confirm": "yes"})
        recruiter_client.post(close_url(job), {"key": key, "confirm": "yes"})  # the double click
    assert response.status_code == 302
    assert Message.objects.filter(status="sent").count() == 2
    html = recruiter_client.get(close_url(job)).content.decode()
    assert "2 of 2 sent" in html and "Everyone has been told" in html
    fragment = recruiter_client.get(
        close_url(job), headers={"HX-Request": "true", "HX-Target": "progress"}
    )
    assert b'id="progress"' in fragment.content and b"<html" not in fragment.content


def test_hiring_managers_may_not_use_the_closing_screen(manager_client, job):
    fill_job(job, 2)
    assert manager_client.get(close_url(job)).status_code == 403
    assert manager_client.post(close_url(job)).status_code == 403


def test_outsiders_get_404(outsider_client, job):
    assert outsider_client.get(close_url(job)).status_code == 404


def test_skipping_one_applicant_takes_them_off_the_screen(recruiter_client, job):
    applications = fill_job(job, 3)
    response = recruiter_client.post(
        reverse("loop:skip", args=[applications[1].pk]), {"skip_reason": "phone"}
    )
    assert response.status_code == 302
    applications[1].refresh_from_db()
    assert applications[1].told_how == "call"
    assert applications[1].candidate.activities.filter(kind="call").exists()
    assert "Told 1 of 2" in recruiter_client.get(close_url(job)).content.decode()


def test_skip_with_other_needs_a_note(recruiter_client, job):
    applications = fill_job(job, 2)
    recruiter_client.post(reverse("loop:skip", args=[applications[1].pk]), {"skip_reason": "other"})
    applications[1].refresh_from_db()
    assert applications[1].loop_skip_reason == ""


def test_setting_a_job_to_filled_opens_the_closing_screen(recruiter_client, job):
    fill_job(job, 2)
    job.status = "open"
    job.save()
    form = recruiter_client.get(reverse("jobs:edit", args=[job.pk])).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data |= {"status": "filled", "recruiters": [r.pk for r in job.recruiters.all()]}
    data.pop("hiring_manager", None)
    response = recruiter_client.post(reverse("jobs:edit", args=[job.pk]), data)
    assert response.status_code == 302 and response.url == close_url(job)


def test_a_refused_close_names_who_is_left_and_links_the_closing_screen(recruiter_client, job):
    fill_job(job, 2)
    form = recruiter_client.get(reverse("jobs:edit", args=[job.pk])).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data |= {"status": "closed", "recruiters": [r.pk for r in job.recruiters.all()]}
    data.pop("hiring_manager", None)
    html = recruiter_client.post(reverse("jobs:edit", args=[job.pk]), data).content.decode()
    assert "Ann001 Applicant" in html and close_url(job) in html
    job.refresh_from_db()
    assert job.status == "filled"


def test_the_job_page_shows_told_n_of_m_with_the_names_left(recruiter_client, job, recruiter):
    applications = fill_job(job, 3)
    services.application_skip(application=applications[1], actor=recruiter, reason="spam")
    html = recruiter_client.get(job.get_absolute_url()).content.decode()
    assert "told 1 of 2" in html
    assert "Still waiting for an answer: <a" in html and "Ann002 Applicant" in html
    assert close_url(job) in html


def reject(client, application, **data):
    reason = RejectionReason.objects.get(name="Skills do not match")
    return client.post(reverse("jobs:reject", args=[application.pk]), {"reason": reason.pk} | data)


def test_the_reject_form_sends_the_template_now(
    recruiter_client, application, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.EMAIL_BACKEND = "ghostless.messaging.backends.EmlFileBackend"
    settings.EMAIL_FILE_PATH = tmp_path
    template = EmailTemplate.objects.filter(purpose="rejection").first()
    with django_capture_on_commit_callbacks(execute=True):
        reject(recruiter_client, application, template=template.pk, tell="now")
    application.refresh_from_db()
    assert (application.status, application.told_how) == ("rejected", "email")


def test_the_reject_form_schedules_in_the_recruiters_zone(recruiter_client, recruiter, application):
    recruiter.time_zone = "Europe/Berlin"
    recruiter.save()
    template = EmailTemplate.objects.filter(purpose="rejection").first()
    reject(
        recruiter_client,
        application,
        template=template.pk,
        tell="schedule",
        send_at="2031-01-01T09:00",
    )
    assert Message.objects.get().send_at.isoformat() == "2031-01-01T08:00:00+00:00"


def test_the_reject_form_skips_with_a_reason(recruiter_client, application):
    reject(recruiter_client, application, tell="skip", skip_reason="withdrew")
    application.refresh_from_db()
    assert (application.status, application.loop_skip_reason) == ("rejected", "Candidate withdrew")
    assert not Message.objects.exists()


def test_the_reject_form_offers_the_rejection_templates(recruiter_client, application):
    html = recruiter_client.get(application.get_absolute_url()).content.decode()
    first = html.split(f'id="template-{application.pk}"', 1)[1].split("</option>", 1)[0]
    assert EmailTemplate.objects.filter(purpose="rejection").first().name in first


def test_the_closing_screen_query_count_is_the_same_for_5_and_50_applicants(recruiter_client, job):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert recruiter_client.get(close_url(job)).status_code == 200
        return len(queries)

    fill_job(job, 5, screened=1)
    recruiter_client.get(close_url(job))
    five = count()
    for i in range(45):
        ApplicationFactory(
            job=job, candidate=CandidateFactory(first_name=f"Bo{i:02}", emails=[f"bo{i}@ex.org"])
        )
    assert count() == five


def test_an_unconfirmed_tell_them_all_previews_and_rejects_nobody(recruiter_client, job):
    applications = fill_job(job, 4, screened=1)
    CandidateEmail.objects.filter(candidate=applications[3].candidate).delete()
    page = recruiter_client.get(close_url(job)).content.decode()
    key = page.split('name="key" value="', 1)[1].split('"', 1)[0]

    mine = EmailTemplate.objects.create(
        name="Filled, warmly",
        purpose="position_filled",
        subject="{{ job.title }}: an update",
        body="Hi {{ candidate.first_name }}, we filled the role. Thank you.",
    )
    sourced = f"template_{job.stages.get(name='Sourced').order}"

    response = recruiter_client.post(close_url(job), {"key": key, sourced: mine.pk})

    assert response.status_code == 200
    assert not Message.objects.exists() and not job.close_outs.exists()
    assert set(job.applications.values_list("status", flat=True)) == {"hired", "active"}
    dialog = find(response, "div", data_confirm_body=True)
    assert text(find(dialog, "p", class_="confirm-count")).startswith("2 of the 3 untold")
    assert "1: no email address" in text(find(dialog, "ul", class_="confirm-skipped"))
    preview = find(dialog, "section", class_="confirm-preview")
    # The first in the run's order: the earliest group (Sourced), then by application.
    assert "as Ann002 Applicant will get it" in text(preview)
    assert definitions(preview)["Subject"] == "Backend Engineer: an update"
    assert text(find(preview, "pre")).startswith("Hi Ann002, we filled the role.")
    assert text(find(dialog, "button")) == "Reject and tell 2 applicants"

    assert "2 get “Filled, warmly”." in text(dialog)
    with_confirm = recruiter_client.post(close_url(job), {"key": key, "confirm": "yes"})
    assert with_confirm.status_code == 302 and job.close_outs.count() == 1


def test_the_progress_poll_answers_with_the_whole_screen_once_the_run_is_done(
    recruiter_client, job, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "ghostless.messaging.backends.EmlFileBackend"
    settings.EMAIL_FILE_PATH = tmp_path
    fill_job(job, 3)
    with django_capture_on_commit_callbacks(execute=True):
        services.close_out_start(job=job, actor=job.recruiters.first())
    poll = {"HX-Request": "true", "HX-Target": "progress"}
    response = recruiter_client.get(close_url(job), headers=poll)
    assert (response["HX-Retarget"], response["HX-Reswap"]) == ("#closing", "outerHTML")
    screen = find(response, "div", id="closing")
    assert text(find(screen, "p", id="loop-count")).startswith("Told 2 of 2.")
    assert "Everyone has been told" in text(screen)
    assert not find_all(screen, "form", id="close-out")
    assert not find(screen, "section", id="progress").get("hx-trigger")  # polling stops
