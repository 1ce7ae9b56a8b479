"""The offers API: shapes, the steps in order, and its 403/404/409/422 answers."""

import pytest

from ghostless.messaging.models import EmailTemplate, Purpose
from ghostless.offers import services
from tests.api_clients import api_for

BODY = {
    "title": "Senior Backend Engineer",
    "salary": "85000",
    "currency": "EUR",
    "pay_period": "year",
    "start_date": "2027-03-01",
    "expires_on": "2027-01-22",
}


def test_the_whole_path_through_the_api(
    recruiter_api, manager_api, admin_api, application, chain, django_capture_on_commit_callbacks
):
    made = recruiter_api.post(f"/applications/{application.pk}/offers", BODY)
    assert made.status_code == 201, made.content
    offer = made.json()
    assert offer["state"] == "draft"
    assert offer["salary"] == "85000.00" and offer["currency"] == "EUR"
    assert offer["approvals"] == []
    assert offer["template_id"] == EmailTemplate.objects.get(purpose=Purpose.OFFER).pk
    assert "EUR 85,000 per year" in offer["letter"]
    base = f"/offers/{offer['id']}"

    submitted = recruiter_api.post(f"{base}/submit").json()
    assert submitted["state"] == "pending_approval"
    assert [(a["approver_name"], a["decision"]) for a in submitted["approvals"]] == [
        ("Hana Hughes", "pending"),
        ("Alice Admin", "pending"),
    ]

    out_of_turn = admin_api.post(f"{base}/approve", {"comment": "ok"})
    assert out_of_turn.status_code == 409
    assert out_of_turn.json()["detail"] == "Approvals go in order: it is Hana Hughes’s turn first."

    first = manager_api.post(f"{base}/approve", {"comment": "Fair"}).json()
    assert first["approvals"][0]["decision"] == "approved"
    assert first["approvals"][0]["comment"] == "Fair" and first["approvals"][0]["at"]
    assert admin_api.post(f"{base}/approve").json()["state"] == "approved"

    assert manager_api.post(f"{base}/send").status_code == 403
    with django_capture_on_commit_callbacks(execute=False):
        sent = recruiter_api.post(f"{base}/send")
    assert sent.json()["state"] == "sent" and sent.json()["sent_at"]
    assert recruiter_api.post(f"{base}/withdraw", {"note": "frozen"}).json()["state"] == "withdrawn"
    assert recruiter_api.post(f"{base}/submit").status_code == 409


def test_reject_sends_back_to_draft_with_the_comment(recruiter_api, manager_api, draft, recruiter):
    services.offer_submit(offer=draft, actor=recruiter)
    rejected = manager_api.post(f"/offers/{draft.pk}/reject", {"comment": "Too high"})
    body = rejected.json()
    assert body["state"] == "draft" and body["rejection_comment"] == "Too high"
    assert body["approvals"][0]["decision"] == "rejected"


def test_the_hiring_manager_reads_no_salary(manager_api, draft):
    body = manager_api.get(f"/offers/{draft.pk}").json()
    assert body["salary"] is None and body["letter"] is None
    assert body["state"] == "draft"


def test_outsiders_and_interviewers_get_404(outsider_api, interviewer, draft, application):
    for client in (outsider_api, api_for(interviewer)):
        assert client.get(f"/offers/{draft.pk}").status_code == 404
        assert client.post(f"/offers/{draft.pk}/approve").status_code == 404
        made = client.post(f"/applications/{application.pk}/offers", BODY)
        assert made.status_code == 404


def test_a_hiring_manager_cannot_draft(manager_api, application):
    made = manager_api.post(f"/applications/{application.pk}/offers", BODY)
    assert made.status_code == 403


@pytest.mark.parametrize(
    ("field", "value"),
    [("currency", "ZZZ"), ("pay_period", "decade"), ("expires_on", "2026-01-01"), ("salary", "-1")],
)
def test_bad_terms_are_422_naming_the_field(recruiter_api, application, field, value):
    made = recruiter_api.post(f"/applications/{application.pk}/offers", BODY | {field: value})
    assert made.status_code == 422
    assert field in str(made.json())


def test_a_second_live_offer_is_409(recruiter_api, draft):
    made = recruiter_api.post(f"/applications/{draft.application_id}/offers", BODY)
    assert made.status_code == 409


def test_a_template_of_another_purpose_is_refused(recruiter_api, application):
    other = EmailTemplate.objects.exclude(purpose=Purpose.OFFER).first()
    made = recruiter_api.post(
        f"/applications/{application.pk}/offers", BODY | {"template_id": other.pk}
    )
    assert made.status_code == 422 and made.json()["field"] == "template_id"
