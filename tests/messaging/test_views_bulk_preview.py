"""'Email selected' shows the count, who is skipped and why, and the first message as its
recipient will get it; nothing is written or sent until the preview's button is pressed."""

from django.urls import reverse

from ghostless.candidates.models import CandidateEmail
from ghostless.messaging.models import BulkSend, Message, Suppression
from tests.factories import ApplicationFactory, CandidateFactory
from tests.messaging.test_views_bulk import applicants
from tests.parsed_html import definitions, find, find_all, text, texts


def post(client, job, template, applications, **extra):
    data = {"job": job.pk, "template": template.pk, "applications": [a.pk for a in applications]}
    return client.post(reverse("messaging:bulk_start"), data | extra)


def test_unconfirmed_send_shows_the_count_the_skipped_and_the_first_message(
    recruiter_client, job, hello_template
):
    reachable = applicants(job, 2)
    Suppression.objects.create(email="person0001@example.org", reason="Bounced")
    silent = ApplicationFactory(candidate=CandidateFactory(first_name="Nomail"), job=job)
    CandidateEmail.objects.filter(candidate=silent.candidate).delete()

    response = post(recruiter_client, job, hello_template, [*reachable, silent])

    assert response.status_code == 200
    assert not BulkSend.objects.exists() and not Message.objects.exists()
    assert text(find(response, "p", class_="confirm-count")).startswith("1 of the 3 selected")
    skipped = texts(response, "ul", class_="confirm-skipped")[0]
    assert "1: no email address" in skipped and "1: their address is on the suppression" in skipped
    preview = find(response, "section", class_="confirm-preview")
    assert "as Person0000 Applicant will get it" in text(preview)
    shown = definitions(preview)
    assert shown["To"] == "person0000@example.org" and shown["Subject"] == "Hello Person0000"
    body = text(find(preview, "pre"))
    assert body.startswith("About Backend Engineer. Rita Reyes") and "Unsubscribe: http" in body
    form = find(response, "form", data_confirm_form=True)
    carried = {(i.get("name"), i.get("value")) for i in find_all(form, "input")}
    assert ("confirm", "yes") in carried and ("template", str(hello_template.pk)) in carried
    assert {("applications", str(a.pk)) for a in [*reachable, silent]} <= carried
    assert text(find(form, "button")) == "Send 1 email"


def test_the_preview_is_the_dialog_body_when_the_script_asks(recruiter_client, job, hello_template):
    headers = {"HX-Request": "true", "HX-Target": "confirm-dialog"}
    response = recruiter_client.post(
        reverse("messaging:bulk_start"),
        {"job": job.pk, "template": hello_template.pk, "applications": [applicants(job, 1)[0].pk]},
        headers=headers,
    )
    html = response.content.decode()
    assert "<html" not in html and "data-confirm-body" in html
    assert not BulkSend.objects.exists()


def test_confirming_starts_the_batch(recruiter_client, job, hello_template):
    response = post(recruiter_client, job, hello_template, applicants(job, 2), confirm="yes")
    bulk = BulkSend.objects.get()
    assert response["Location"] == reverse("messaging:bulk", args=[bulk.key])
    assert bulk.total == 2
