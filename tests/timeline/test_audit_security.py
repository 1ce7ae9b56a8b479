"""The audit log's reach: logins, failures, logouts, profile views; filters by person, action
and candidate; CSV export; GET /api/v1/audit for admins; entries kept AUDIT_RETENTION_DAYS."""

import csv
import io
from datetime import timedelta

from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from ghostless.timeline.audit import audit_event, audit_prune
from ghostless.timeline.models import AuditEntry

URL = reverse("timeline:audit")


def test_logins_failures_and_logouts_are_recorded(recruiter):
    client = Client()
    client.post(reverse("login"), {"username": "rita", "password": "nope-nope-nope"})
    client.post(reverse("login"), {"username": "nobody", "password": "nope-nope-nope"})
    client.post(reverse("login"), {"username": "rita", "password": "password"})
    client.post(reverse("logout"))
    rows = list(AuditEntry.objects.order_by("id").values_list("event", "subject_id", "label"))
    assert rows == [
        ("login_failed", recruiter.pk, "rita"),
        ("login_failed", 0, "nobody"),
        ("login", recruiter.pk, "Rita Reyes"),
        ("logout", recruiter.pk, "Rita Reyes"),
    ]
    assert AuditEntry.objects.get(event="login").changes["address"] == [None, "127.0.0.1"]
    # Whoever typed a wrong password is unknown: the entry names no actor.
    assert not AuditEntry.objects.filter(event="login_failed", actor__isnull=False).exists()


def test_a_profile_view_is_recorded_once_per_page(recruiter_client, recruiter, candidate):
    recruiter_client.get(reverse("candidates:detail", args=[candidate.pk]))
    entry = AuditEntry.objects.get(event="viewed")
    assert (entry.actor, entry.subject, entry.subject_id) == (recruiter, "candidate", candidate.pk)


def test_admins_filter_by_person_action_and_candidate(admin_client_, recruiter, candidate):
    audit_event(
        actor=recruiter, subject="candidate", subject_id=candidate.pk, label="Cara", event="viewed"
    )
    audit_event(
        actor=None, subject="candidate", subject_id=candidate.pk + 1, label="Other", event="viewed"
    )
    audit_event(
        actor=recruiter, subject="user", subject_id=recruiter.pk, label="Rita", event="login"
    )
    page = admin_client_.get(URL, {"event": "login"}).content.decode()
    assert "Login" in page and "Cara" not in page
    page = admin_client_.get(URL, {"candidate": candidate.pk}).content.decode()
    assert "Cara" in page and "Other" not in page
    page = admin_client_.get(URL, {"actor": recruiter.pk, "event": "viewed"}).content.decode()
    assert "Cara" in page and "Other" not in page


def test_admins_export_the_filtered_log_as_csv(admin_client_, admin, recruiter, recruiter_client):
    audit_event(
        actor=recruiter, subject="candidate", subject_id=7, label="=HYPERLINK(1)", event="viewed"
    )
    audit_event(
        actor=recruiter, subject="user", subject_id=recruiter.pk, label="Rita", event="login"
    )
    response = admin_client_.get(reverse("timeline:audit_export"), {"event": "viewed"})
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:3] == ["at", "actor", "subject"]
    assert len(rows) == 2 and rows[1][1] == "rita"
    assert rows[1][4] == "'=HYPERLINK(1)"  # a spreadsheet shows it, never runs it
    assert AuditEntry.objects.filter(event="exported", actor=admin).exists()
    assert recruiter_client.get(reverse("timeline:audit_export")).status_code == 404


def test_the_api_lists_entries_for_admins_only(admin_api, recruiter_api, recruiter, candidate):
    audit_event(
        actor=recruiter, subject="candidate", subject_id=candidate.pk, label="Cara", event="viewed"
    )
    body = admin_api.get("/audit", {"candidate": candidate.pk}).json()
    assert body["count"] == 1
    row = body["items"][0]
    assert row["actor"] == "rita" and row["event"] == "viewed" and row["subject_id"] == candidate.pk
    assert admin_api.get("/audit", {"event": "nothing-like-it"}).json()["count"] == 0
    since = (timezone.now() + timedelta(hours=1)).isoformat()
    assert admin_api.get("/audit", {"since": since}).json()["count"] == 0
    refused = recruiter_api.get("/audit")
    assert refused.status_code == 403 and "detail" in refused.json()


def test_the_api_pins_its_queries(admin_api, recruiter, django_assert_num_queries):
    for n in range(5):
        audit_event(actor=recruiter, subject="user", subject_id=n, label=f"u{n}", event="login")
    admin_api.get("/audit")  # the token's last use is noted once a minute
    with django_assert_num_queries(3):  # the token, the count, the page with its actors
        assert len(admin_api.get("/audit").json()["items"]) >= 5


@override_settings(AUDIT_RETENTION_DAYS=30)
def test_entries_older_than_the_retention_are_pruned(recruiter):
    old = audit_event(actor=recruiter, subject="user", subject_id=1, label="old", event="login")
    AuditEntry.objects.filter(pk=old.pk).update(at=timezone.now() - timedelta(days=31))
    kept = audit_event(actor=recruiter, subject="user", subject_id=1, label="new", event="login")
    assert audit_prune() == 1
    assert list(AuditEntry.objects.values_list("pk", flat=True)) == [kept.pk]


def test_the_app_offers_no_way_to_edit_an_entry():
    from ghostless.timeline import urls

    names = {pattern.name for pattern in urls.urlpatterns}
    assert names == {"audit", "audit_export"}
