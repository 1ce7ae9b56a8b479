"""Do not contact: set with a reason and cleared from the profile (with a second look) or the
API; the timeline and the audit log say who; the profile shows a banner."""

import json

import pytest
from django.urls import reverse

from ghostless.candidates.services import candidate_do_not_contact
from ghostless.core.errors import DomainError, PermissionDenied
from ghostless.timeline.models import Activity, AuditEntry, EventKind
from tests.parsed_html import find, text


def put(api, candidate, body):
    return api.client.put(
        f"/api/v1/candidates/{candidate.pk}/do-not-contact", json.dumps(body), "application/json"
    )


def test_setting_needs_a_reason_and_writes_timeline_and_audit(candidate, recruiter):
    with pytest.raises(DomainError) as refused:
        candidate_do_not_contact(candidate=candidate, actor=recruiter, do_not_contact=True)
    assert refused.value.field == "reason"
    candidate_do_not_contact(
        candidate=candidate, actor=recruiter, do_not_contact=True, reason="  Asked by  email "
    )
    candidate.refresh_from_db()
    assert candidate.do_not_contact_at is not None
    assert candidate.do_not_contact_reason == "Asked by email"
    entry = Activity.objects.get(payload__event=EventKind.DO_NOT_CONTACT_SET)
    assert entry.actor == recruiter and entry.body == "Asked by email"
    audit = AuditEntry.objects.get(event="do_not_contact_set")
    assert audit.actor == recruiter and audit.subject_id == candidate.pk
    assert audit.changes["do_not_contact"] == [False, True]


def test_clearing_is_on_the_timeline_and_setting_twice_changes_nothing(candidate, admin):
    candidate_do_not_contact(candidate=candidate, actor=admin, do_not_contact=True, reason="A")
    candidate_do_not_contact(candidate=candidate, actor=admin, do_not_contact=True, reason="B")
    candidate_do_not_contact(candidate=candidate, actor=admin, do_not_contact=False)
    candidate.refresh_from_db()
    assert candidate.do_not_contact_at is None and candidate.do_not_contact_reason == ""
    events = list(
        Activity.objects.filter(candidate=candidate)
        .filter(payload__event__startswith="do_not_contact")
        .order_by("pk")
        .values_list("payload__event", flat=True)
    )
    assert events == ["do_not_contact_set", "do_not_contact_cleared"]
    assert AuditEntry.objects.filter(event="do_not_contact_cleared", actor=admin).count() == 1


def test_hiring_managers_may_not_change_it(candidate, hiring_manager):
    with pytest.raises(PermissionDenied):
        candidate_do_not_contact(
            candidate=candidate, actor=hiring_manager, do_not_contact=True, reason="x"
        )


def test_the_profile_asks_then_marks_and_shows_the_banner(recruiter_client, candidate):
    url = reverse("candidates:do_not_contact", args=[candidate.pk])
    profile = recruiter_client.get(candidate.get_absolute_url())
    assert find(profile, "a", href=url) is not None
    page = recruiter_client.get(url)
    assert find(page, "label", **{"for": "id_reason"}) is not None
    missing = recruiter_client.post(url, {"reason": ""})
    assert missing.status_code == 422 and "Say why" in missing.content.decode()
    asked = recruiter_client.post(url, {"reason": "GDPR request"})
    assert "No email or text can be sent" in asked.content.decode()
    candidate.refresh_from_db()
    assert candidate.do_not_contact_at is None  # nothing until confirmed
    done = recruiter_client.post(url, {"reason": "GDPR request", "confirm": "yes"})
    assert done.status_code == 302
    banner = find(recruiter_client.get(candidate.get_absolute_url()), "div", id="do-not-contact")
    assert "Do not contact." in text(banner) and "GDPR request" in text(banner)
    cleared = recruiter_client.post(url, {"reason": "", "confirm": "yes"})
    assert cleared.status_code == 302
    candidate.refresh_from_db()
    assert candidate.do_not_contact_at is None


def test_hiring_managers_get_no_page(manager_client, application):
    url = reverse("candidates:do_not_contact", args=[application.candidate_id])
    assert manager_client.get(url).status_code == 403


def test_the_api_sets_and_clears_it_and_the_detail_shows_it(recruiter_api, candidate):
    response = put(recruiter_api, candidate, {"do_not_contact": True, "reason": "Asked"})
    assert response.status_code == 200
    body = response.json()
    assert body["do_not_contact"] is True and body["do_not_contact_reason"] == "Asked"
    assert body["do_not_contact_at"] is not None
    detail = recruiter_api.get(f"/candidates/{candidate.pk}").json()
    assert detail["do_not_contact"] is True
    cleared = put(recruiter_api, candidate, {"do_not_contact": False})
    assert cleared.json()["do_not_contact"] is False


def test_the_api_refuses_bad_input_and_the_wrong_people(
    recruiter_api, manager_api, outsider_api, application
):
    candidate = application.candidate
    missing = put(recruiter_api, candidate, {"do_not_contact": True})
    assert missing.status_code == 422 and "reason" in str(missing.json())
    assert put(recruiter_api, candidate, {"reason": "x"}).status_code == 422
    assert put(manager_api, candidate, {"do_not_contact": True, "reason": "x"}).status_code == 403
    assert put(outsider_api, candidate, {"do_not_contact": True, "reason": "x"}).status_code == 404
