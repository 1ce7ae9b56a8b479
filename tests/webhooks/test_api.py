"""The webhooks API: admins manage endpoints and read the delivery log; nobody else may."""

from ghostless.webhooks.models import Delivery, Endpoint

EVENTS = ["candidate.created", "application.hired"]


def test_an_admin_registers_an_endpoint_and_sees_its_secret_once(admin_api, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    response = admin_api.post(
        "/webhooks",
        {"url": "https://hr.example.com/in", "events": EVENTS, "description": "HR system"},
    )
    assert response.status_code == 201, response.content
    made = response.json()
    assert made["secret"].startswith("whsec_") and len(made["secret"]) >= 6 + 32
    assert made["events"] == EVENTS and made["active"] is True
    listed = admin_api.get("/webhooks").json()
    assert [e["url"] for e in listed["items"]] == ["https://hr.example.com/in"]
    assert "secret" not in listed["items"][0]


def test_bad_input_is_a_clear_422(admin_api, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    plain = admin_api.post("/webhooks", {"url": "http://hr.example.com/in", "events": EVENTS})
    assert plain.status_code == 422 and plain.json()["field"] == "url"
    unknown = admin_api.post("/webhooks", {"url": "https://x.example.com", "events": ["nope"]})
    assert unknown.status_code == 422 and unknown.json()["field"] == "events"
    none = admin_api.post("/webhooks", {"url": "https://x.example.com", "events": []})
    assert none.status_code == 422 and "at least one" in none.json()["detail"]
    assert not Endpoint.objects.exists()


def test_patch_rotate_ping_deliveries_resend_delete(
    admin_api, endpoint, receiver, django_capture_on_commit_callbacks
):
    base = f"/webhooks/{endpoint.pk}"
    patched = admin_api.patch(base, {"description": "Payroll", "events": ["offer.accepted"]})
    assert patched.status_code == 200 and patched.json()["events"] == ["offer.accepted"]

    rotated = admin_api.post(f"{base}/rotate-secret").json()
    assert rotated["secret"] != endpoint.secret and rotated["previous_secret_until"]

    with django_capture_on_commit_callbacks(execute=True):
        ping = admin_api.post(f"{base}/ping")
    assert ping.status_code == 202 and ping.json()["type"] == "webhook.ping"
    [got] = receiver.received
    assert got.verified_with(rotated["secret"]) and got.verified_with(endpoint.secret)

    log = admin_api.get(f"{base}/deliveries").json()["items"]
    assert [(d["type"], d["status"], d["response_code"]) for d in log] == [
        ("webhook.ping", "delivered", 200)
    ]
    with django_capture_on_commit_callbacks(execute=True):
        again = admin_api.post(f"/webhook-deliveries/{log[0]['id']}/resend")
    assert again.status_code == 202 and len(receiver.received) == 2

    assert admin_api.client.delete(f"/api/v1{base}").status_code == 204
    assert not Endpoint.objects.exists() and not Delivery.objects.exists()
    assert admin_api.get(f"{base}/deliveries").status_code == 404


def test_the_delivery_log_costs_the_same_for_one_row_or_many(
    admin_api, endpoint, django_assert_num_queries
):
    from ghostless.webhooks.models import Event

    for n in range(30):
        event = Event.objects.create(msg_id=f"msg_{n}", type="candidate.created", body="{}")
        Delivery.objects.create(endpoint=endpoint, event=event)
    # The token (read, and its last use written in a savepoint), the endpoint, the count, one
    # page of deliveries with their events.
    with django_assert_num_queries(7):
        page = admin_api.get(f"/webhooks/{endpoint.pk}/deliveries", {"limit": 25})
    assert len(page.json()["items"]) == 25


def test_recruiters_are_refused(recruiter_api, endpoint):
    assert recruiter_api.get("/webhooks").status_code == 403
    assert recruiter_api.post(f"/webhooks/{endpoint.pk}/ping").status_code == 403
    assert recruiter_api.get(f"/webhooks/{endpoint.pk}/deliveries").status_code == 403
