"""The subject access export, erasure on request, and the privacy API."""

import io
import json
import re
import zipfile
from datetime import timedelta

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client
from django.utils import timezone

from ghostless.candidates.status_links import status_url
from ghostless.messaging.models import Message
from ghostless.privacy.exports import download_url, export_request, exports_purge_expired
from ghostless.privacy.models import SubjectExport
from ghostless.resumes.models import Resume
from ghostless.timeline.models import AuditEntry
from ghostless.timeline.services import activity_log

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _zip(response) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_recruiter_exports_a_zip_with_profile_timeline_and_files(
    recruiter_client, recruiter, candidate, application, django_capture_on_commit_callbacks
):
    activity_log(candidate=candidate, actor=recruiter, kind="note", body="Met at the meetup")
    Resume.objects.create(
        candidate=candidate,
        file=default_storage.save("resumes/cara", ContentFile(b"Cara's resume")),
        original_filename="../cara cv.txt",
        content_type="text/plain",
        size=13,
        sha256="0" * 64,
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = recruiter_client.post(f"/candidates/{candidate.pk}/export/")
    assert response.status_code == 302
    page = recruiter_client.get(f"/candidates/{candidate.pk}/exports/")
    link = re.search(r'href="https?://[^/"]+(/privacy/exports/[^"]+)"', page.content.decode())
    download = Client().get(link.group(1))  # the signed link is the key
    assert download["Content-Type"] == "application/zip"
    archive = _zip(download)
    data = json.loads(archive.read("data.json"))
    [resume_name] = [n for n in archive.namelist() if n.startswith("resumes/")]
    assert resume_name.endswith("-cara cv.txt") and archive.read(resume_name) == b"Cara's resume"
    assert data["profile"]["emails"] == ["cara@example.org"]
    assert data["applications"][0]["job"] == "Backend Engineer"
    assert "Met at the meetup" in [entry["body"] for entry in data["timeline"]]
    assert set(data) >= {"messages", "scorecards", "consents", "interviews", "offers"}
    events = set(AuditEntry.objects.filter(subject_id=candidate.pk).values_list("event", flat=True))
    assert {"export_requested", "export_downloaded"} <= events


def test_expired_export_link_is_refused_and_its_zip_deleted(
    client, recruiter, candidate, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        export = export_request(candidate=candidate, actor=recruiter)
    export.refresh_from_db()
    url = download_url(export)
    name = export.file.name
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        assert client.get(url[url.index("/privacy/") :]).status_code == 404
        assert exports_purge_expired() == 1
    assert not default_storage.exists(name)


def test_export_link_is_refused_when_forged(client):
    assert client.get("/privacy/exports/forged-token/").status_code == 404


def test_api_export_job_reports_its_download_url(
    recruiter_api, candidate, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        started = recruiter_api.post(f"/candidates/{candidate.pk}/export")
    assert started.status_code == 202 and started.json()["state"] == "pending"
    polled = recruiter_api.get(f"/candidates/{candidate.pk}/export").json()
    assert polled["id"] == started.json()["id"] and polled["state"] == "ready"
    assert "/privacy/exports/" in polled["download_url"]


def test_api_anonymise_and_manager_is_refused(recruiter_api, manager_api, candidate, application):
    refused = manager_api.post(f"/candidates/{candidate.pk}/anonymise", {"reason": "x"})
    assert refused.status_code in (403, 404)
    done = recruiter_api.post(f"/candidates/{candidate.pk}/anonymise", {"reason": "Asked by phone"})
    assert done.status_code == 200
    assert done.json()["name"] == f"Anonymised candidate #{candidate.pk}"
    empty = recruiter_api.post(f"/candidates/{candidate.pk}/anonymise", {"reason": " "})
    assert empty.status_code == 422 and empty.json()["field"] == "reason"


def test_api_retention_rules_and_dry_run(admin_api, recruiter_api):
    created = admin_api.post("/retention-rules", {"outcome": "rejected", "months": 6})
    assert created.status_code == 201 and created.json()["months"] == 6
    bad = admin_api.post("/retention-rules", {"outcome": "maybe", "months": 6})
    assert bad.status_code == 422 and bad.json()["field"] == "outcome"
    assert [r["id"] for r in admin_api.get("/retention-rules").json()] == [created.json()["id"]]
    assert admin_api.post("/retention-rules/dry-run", {}).json() == []
    assert recruiter_api.get("/retention-rules").status_code == 403


def test_candidate_erases_their_data_from_the_status_page(
    client, candidate, application, eml_outbox, django_capture_on_commit_callbacks
):
    token = status_url(candidate.pk).rsplit("/status/", 1)[1].strip("/")
    with django_capture_on_commit_callbacks(execute=True):
        asked = client.post(f"/privacy/ask/{token}/", {"what": "erase"})
    assert asked.status_code == 302
    sent = Message.objects.filter(candidate=candidate, subject__startswith="Confirm: erase").get()
    path = re.search(r"(/privacy/confirm/[^\s]+/)", sent.body_text).group(1)
    page = client.get(path)
    assert page.status_code == 200 and b"Erase my personal data" in page.content
    candidate.refresh_from_db()
    assert candidate.anonymised_at is None  # opening the link changes nothing
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(path)
    assert done.status_code == 200
    candidate.refresh_from_db()
    assert candidate.anonymised_at is not None
    assert not candidate.emails.exists()
    assert not SubjectExport.objects.filter(candidate=candidate).exists()


def test_recruiter_anonymise_page_needs_a_reason_and_warns_of_untold(
    recruiter_client, candidate, application
):
    page = recruiter_client.get(f"/candidates/{candidate.pk}/anonymise/")
    assert page.status_code == 200 and b"What stays" in page.content
    refused = recruiter_client.post(f"/candidates/{candidate.pk}/anonymise/", {})
    assert refused.status_code == 422
    candidate.refresh_from_db()
    assert candidate.anonymised_at is None
    done = recruiter_client.post(f"/candidates/{candidate.pk}/anonymise/", {"reason": "Asked"})
    assert done.status_code == 302
    candidate.refresh_from_db()
    assert candidate.name == f"Anonymised candidate #{candidate.pk}"


def test_profile_says_when_a_candidate_was_anonymised(recruiter_client, recruiter, candidate):
    from ghostless.privacy.anonymise import candidate_anonymise

    assert b"Anonymise" in recruiter_client.get(f"/candidates/{candidate.pk}/").content
    candidate_anonymise(candidate, actor=recruiter, reason="Asked")
    page = recruiter_client.get(f"/candidates/{candidate.pk}/").content.decode()
    assert "Personal data anonymised on" in page and "Cara" not in page
