"""Every API operation in the schema, for every role, called with ids of objects out of that
role's reach: the answer is a refusal (401, 403, 404), never data and never a 500. A new
operation is called by itself; it fails here until its path parameters and body are known,
and a hiring manager may succeed only where MANAGER_ALLOWED says why."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from ghostless.api.api import api
from ghostless.interviews.models import Interview
from tests.permissions.world import ROLES

PREFIX = "/api/v1"
REFUSED = {401, 403, 404}


def _operations() -> dict[str, dict]:
    schema = api.get_openapi_schema()
    return {
        f"{method.upper()} {path.removeprefix(PREFIX)}": operation
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
    }


OPERATIONS = _operations()

# Which kind of object each path parameter names.
PARAM_KINDS = {
    "candidate_id": "candidate",
    "job_id": "job",
    "application_id": "application",
    "followup_id": "followup",
    "pool_id": "pool",
    "message_id": "message",
    "template_id": "template",
    "resume_id": "resume",
    "user_id": "user",
    "interview_id": "interview",
    "offer_id": "offer",
    "slot_offer_id": "slot_offer",
    "webhook_id": "webhook",
    "delivery_id": "webhook_delivery",
    "import_id": "import",
    "text_id": "text",
}

# A valid body for every operation that takes one, naming out-of-reach objects where it can:
# an invalid body would be refused before the permission check is reached.
BODIES = {
    "POST /candidates": lambda ids: {"first_name": "Mallory"},
    "PATCH /candidates/{candidate_id}": lambda ids: {"first_name": "Mallory"},
    "POST /candidates/{candidate_id}/activities": lambda ids: {"kind": "note", "body": "x"},
    "POST /candidates/{candidate_id}/merge": lambda ids: {"other_id": ids["other_candidate"]},
    "PUT /candidates/{candidate_id}/do-not-contact": lambda ids: {
        "do_not_contact": True,
        "reason": "Mallory says so",
    },
    "POST /jobs": lambda ids: {"title": "Mallory's job"},
    "PATCH /jobs/{job_id}": lambda ids: {"title": "Renamed"},
    "POST /jobs/{job_id}/close-out": lambda ids: {},
    "POST /applications": lambda ids: {"candidate_id": ids["candidate"], "job_id": ids["job"]},
    "POST /applications/{application_id}/move": lambda ids: {"stage_id": ids["stage"]},
    "POST /applications/{application_id}/reject": lambda ids: {"reason": "Not a fit"},
    "POST /followups": lambda ids: {
        "candidate_id": ids["candidate"],
        "due_at": "2030-01-01T09:00:00Z",
    },
    "POST /followups/{followup_id}/snooze": lambda ids: {"until": "2030-01-01T09:00:00Z"},
    "POST /pools": lambda ids: {"name": "Mallory's pool"},
    "POST /pools/{pool_id}/members": lambda ids: {"candidate_id": ids["candidate"]},
    "POST /candidates/{candidate_id}/messages": lambda ids: {"subject": "Hi", "body": "Hi"},
    "POST /templates": lambda ids: {
        "name": "Mallory",
        "purpose": "other",
        "subject": "S",
        "body": "B",
    },
    "PATCH /templates/{template_id}": lambda ids: {"subject": "Changed"},
    "POST /candidates/{candidate_id}/resumes": "multipart",
    "POST /inbound/email": "raw",
    "POST /candidates/{candidate_id}/texts": lambda ids: {"body": "Hi"},
    "POST /inbound/sms": "form",
    "POST /inbound/sms/status": "form",
    "POST /inbound/call": "form",
    "POST /users/invite": lambda ids: {"email": "mallory@example.com", "name": "Mallory"},
    "PATCH /users/{user_id}": lambda ids: {"role": "admin"},
    "PUT /jobs/{job_id}/interview-plan": lambda ids: {
        "stages": [{"stage_id": ids["stage"], "interviews": [{"title": "Mallory's plan"}]}]
    },
    "POST /interviews/{interview_id}/scorecards": lambda ids: {
        "ratings": {"Depth": "strong_yes"},
        "recommendation": "strong_yes",
    },
    "POST /applications/{application_id}/interviews": lambda ids: {
        "starts_at": "2030-01-01T09:00:00Z",
        "duration_minutes": 30,
        "interviewer_ids": [ids["user"]],
    },
    "PATCH /interviews/{interview_id}": lambda ids: {"location": "Elsewhere"},
    "POST /applications/{application_id}/withdraw": lambda ids: {"reason": "Took another job"},
    "POST /applications/{application_id}/offers": lambda ids: {
        "title": "Mallory's offer",
        "salary": "1",
        "currency": "EUR",
        "pay_period": "year",
        "start_date": "2030-01-01",
        "expires_on": "2029-12-01",
    },
    "POST /offers/{offer_id}/approve": lambda ids: {"comment": "ok"},
    "POST /offers/{offer_id}/reject": lambda ids: {"comment": "no"},
    "POST /offers/{offer_id}/withdraw": lambda ids: {"note": "gone"},
    "POST /applications/{application_id}/slot-offers": lambda ids: {
        "starts": ["2030-01-01T09:00:00Z"],
        "duration_minutes": 30,
        "interviewer_ids": [ids["user"]],
        "title": "Mallory's times",
    },
    "POST /candidates/{candidate_id}/anonymise": lambda ids: {"reason": "Asked"},
    "POST /retention-rules": lambda ids: {"outcome": "rejected", "months": 6},
    "POST /retention-rules/dry-run": lambda ids: {},
    "POST /webhooks": lambda ids: {
        "url": "https://mallory.example.com/in",
        "events": ["candidate.created"],
    },
    "PATCH /webhooks/{webhook_id}": lambda ids: {"description": "Mallory's"},
    "POST /imports": "multipart",
    "PATCH /imports/{import_id}": lambda ids: {"mapping": {"First name": "first_name"}},
    "POST /candidates/import-json-resume": lambda ids: {"basics": {"name": "Mallory"}},
}

# What a hiring manager may call successfully even when handed the other manager's ids,
# and why. Whatever they answer must hold nothing out of her reach (checked below).
MANAGER_ALLOWED = {
    "GET /me": "her own account",
    "GET /candidates": "a list filtered to her jobs' candidates",
    "GET /jobs": "a list filtered to her jobs",
    "GET /followups": "a list filtered to her candidates",
    "GET /search": "results filtered to her candidates",
    "GET /pools": "pools are hidden from her: the list is empty",
    "GET /users": "colleagues' names and roles, to pick people; no emails",
    "GET /interviews": "a list filtered to her jobs' interviews and those she is on",
    "GET /reports/ghosting": "figures of her own jobs' applicants only",
    "GET /reports/funnel": "figures of her own jobs' applicants only",
    "GET /reports/sources": "figures of her own jobs' applicants only",
    "GET /reports/time-in-stage": "figures of her own jobs' applicants only",
    "GET /reports/activity": "touches on her own jobs' applications only",
    "GET /reports/time-to-hire": "figures of her own jobs only",
}

# What the interviewer may call successfully although handed ids out of his reach: his own.
INTERVIEWER_ALLOWED = {
    "GET /me": "his own account",
    "GET /followups": "his own follow-ups",
    "GET /pools": "pools are hidden from him: the list is empty",
    "GET /interviews": "a list filtered to the interviews he is on",
}

# The phone provider's webhooks carry no token but the provider's signature: whoever sends
# none (every role here) is refused with 403, as the provider's docs expect.
SIGNED_WEBHOOKS = {
    "POST /inbound/sms": "X-Twilio-Signature",
    "POST /inbound/sms/status": "X-Twilio-Signature",
    "POST /inbound/call": "X-Twilio-Signature",
}

# What a recruiter may not do although she sees everything.
ADMIN_ONLY = {
    "POST /users/invite": "admins run the team",
    "PATCH /users/{user_id}": "admins run the team",
    "GET /retention-rules": "admins set retention",
    "POST /retention-rules": "admins set retention",
    "POST /retention-rules/dry-run": "admins set retention",
    "GET /webhooks": "admins connect other systems",
    "POST /webhooks": "admins connect other systems",
    "PATCH /webhooks/{webhook_id}": "admins connect other systems",
    "DELETE /webhooks/{webhook_id}": "admins connect other systems",
    "POST /webhooks/{webhook_id}/rotate-secret": "admins connect other systems",
    "POST /webhooks/{webhook_id}/ping": "admins connect other systems",
    "GET /webhooks/{webhook_id}/deliveries": "admins connect other systems",
    "POST /webhook-deliveries/{delivery_id}/resend": "admins connect other systems",
}

# A reference in the body that the role may not see is bad input, named by its field.
REFERENCE_FIELDS = {"candidate_id", "job_id", "application_id", "other_id", "template_id"}


def call(world, role: str, key: str, ids: dict):
    method, path = key.split(" ", 1)
    params = {name: ids[kind] for name, kind in PARAM_KINDS.items() if f"{{{name}}}" in path}
    url = PREFIX + path.format(**params)
    headers = {"Authorization": f"Bearer {world.tokens[role]}"} if role in world.tokens else {}
    client = Client(headers=headers, raise_request_exception=False)
    body = BODIES.get(key)
    if body == "multipart":
        upload = SimpleUploadedFile("cv.txt", b"Resume text", content_type="text/plain")
        return client.post(url, {"file": upload})
    if body == "raw":
        return client.generic(method, url, b"Subject: hi\n\nhi", "message/rfc822")
    if body == "form":
        form = f"From=%2B15005559999&Body=hi&MessageSid=SMx&CallSid=CAx&To={ids['candidate']}"
        return client.generic(method, url, form, "application/x-www-form-urlencoded")
    data = json.dumps(body(ids)) if body else None
    return client.generic(method, url, data or "", "application/json")


def test_every_operation_can_be_called():
    """A new operation must name its path parameters' kinds and, if it takes one, a body."""
    for key, operation in OPERATIONS.items():
        path = key.split(" ", 1)[1]
        for param in operation.get("parameters", []):
            if param["in"] == "path":
                assert param["name"] in PARAM_KINDS, f"{key}: add {param['name']} to PARAM_KINDS"
        if "requestBody" in operation:
            assert key in BODIES, f"{key}: add a valid body to BODIES"
        assert path.count("{") == sum(f"{{{p}}}" in path for p in PARAM_KINDS), key
    listed = set(BODIES) | set(MANAGER_ALLOWED) | set(INTERVIEWER_ALLOWED) | set(ADMIN_ONLY)
    listed |= set(SIGNED_WEBHOOKS)
    assert listed <= set(OPERATIONS), f"listed but gone: {listed - set(OPERATIONS)}"


def assert_refused(response, key: str, role: str):
    status = response.status_code
    if status == 422 and "{" not in key:
        # A create naming what the role may not see: a 422 on that field, not a schema error.
        assert response.json().get("field") in REFERENCE_FIELDS, (key, role, response.content)
        return
    assert status in REFUSED, (key, role, status, response.content[:300])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("key", sorted(OPERATIONS))
def test_operation_refuses_what_the_role_may_not_reach(world, db, key, role):
    response = call(world, role, key, world.foreign(role))
    assert response.status_code < 500, (key, role, response.content[:300])
    if key in SIGNED_WEBHOOKS:
        assert response.status_code == 403, (key, role, response.status_code)
    elif role == "anonymous":
        assert response.status_code == 401, (key, response.status_code)
    elif role in ("manager", "outsider", "interviewer"):
        allowed = INTERVIEWER_ALLOWED if role == "interviewer" else MANAGER_ALLOWED
        if key in allowed:
            body = response.content.decode()
            assert not [m for m in world.hidden_markers(role) if m in body], (key, role)
        else:
            assert_refused(response, key, role)
    elif role == "recruiter" and key in ADMIN_ONLY:
        assert response.status_code == 403, (key, response.status_code)


SHARED_READS = sorted(
    key
    for key in OPERATIONS
    if key.startswith("GET ") and key.count("{") == 1 and "{candidate_id}" in key
)


@pytest.mark.parametrize("role", ["manager", "outsider"])
@pytest.mark.parametrize("key", SHARED_READS)
def test_reads_of_a_shared_candidate_hold_nothing_of_the_other_job(world, db, key, role):
    """Bea applied to both managers' jobs: each reads her, never the other's side of her."""
    ids = world.foreign(role) | {"candidate": world.shared_candidate}
    response = call(world, role, key, ids)
    assert response.status_code in {200} | REFUSED, (key, role, response.status_code)
    body = response.content.decode()
    assert not [m for m in world.hidden_markers(role) if m in body], (key, role, body[:500])


def test_the_interviewer_scores_his_own_interview_and_reads_its_feedback(world, db):
    """What the refusals above leave him: his interview's scorecard and its application's
    feedback; Bea's application on the same job stays refused."""
    ids = world.sides["hana"].ids
    interview = Interview.objects.get(pk=ids["interview"])
    client = Client(headers={"Authorization": f"Bearer {world.tokens['interviewer']}"})
    body = json.dumps({"ratings": {"Depth": "yes"}, "recommendation": "yes"})
    url = f"{PREFIX}/interviews/{interview.pk}/scorecards"
    assert client.post(url, body, "application/json").status_code == 201
    cards = client.get(f"{PREFIX}/applications/{interview.application_id}/scorecards")
    assert cards.status_code == 200 and len(cards.json()) == 1
    beas = client.get(f"{PREFIX}/applications/{ids['application']}/scorecards")
    assert beas.status_code == 404
