import csv
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from ghostless.candidates.models import Candidate
from ghostless.imports.jsonresume import resume_errors
from tests.factories import CandidateFactory
from tests.imports.sheets import csv_bytes, people_rows, xlsx_bytes

pytestmark = pytest.mark.django_db


def _upload(api, data: bytes, name="people.csv"):
    return api.client.post("/api/v1/imports", {"file": SimpleUploadedFile(name, data)})


def test_upload_map_dry_run_run_and_rerun(recruiter_api, django_capture_on_commit_callbacks):
    CandidateFactory(first_name="Old", emails=["person2@example.org"])
    rows = people_rows(6)
    rows.append(["", "Nofirst", "nofirst@example.org", "", "", "", ""])  # no first name
    rows.append(["Bad", "Mail", "not-an-email", "", "", "", ""])
    rows.append(["Twice", "Again", "person1@example.org", "", "", "", ""])  # same as row 3
    created = _upload(recruiter_api, csv_bytes(rows))
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["state"] == "mapping" and body["columns"][0] == "First name"
    assert body["mapping"]["E-mail"] == "email"
    mapping = dict(body["mapping"])
    mapping.pop("Phone")
    patched = recruiter_api.patch(f"/imports/{body['id']}", {"mapping": mapping})
    assert patched.status_code == 200 and "Phone" not in patched.json()["mapping"]
    with django_capture_on_commit_callbacks(execute=True):
        dry = recruiter_api.post(f"/imports/{body['id']}/dry-run")
    assert dry.status_code == 202
    checked = recruiter_api.get(f"/imports/{body['id']}").json()
    assert checked["state"] == "checked" and checked["progress"] == 100
    assert checked["dry_run"] == {
        "create": 5,
        "update": 1,
        "unchanged": 0,
        "reject": 3,
        "duplicates": 0,
    }
    reasons = {e["row"]: e["message"] for e in checked["errors"]}
    assert reasons[8] == "No first name."
    assert "not a valid email" in reasons[9]
    assert reasons[10] == "The same email (person1@example.org) as row 3."
    with django_capture_on_commit_callbacks(execute=True):
        recruiter_api.post(f"/imports/{body['id']}/run")
    done = recruiter_api.get(f"/imports/{body['id']}").json()
    assert done["state"] == "done"
    assert done["counts"] == done["dry_run"]
    assert Candidate.objects.count() == 6
    assert Candidate.objects.get(emails__email="person2@example.org").first_name == "Person2"

    again = _upload(recruiter_api, csv_bytes(rows)).json()
    with django_capture_on_commit_callbacks(execute=True):
        recruiter_api.post(f"/imports/{again['id']}/dry-run")
    with django_capture_on_commit_callbacks(execute=True):
        recruiter_api.post(f"/imports/{again['id']}/run")
    rerun = recruiter_api.get(f"/imports/{again['id']}").json()
    assert rerun["counts"]["create"] == 0 and rerun["counts"]["update"] == 0
    assert Candidate.objects.count() == 6


def test_run_before_dry_run_is_refused(recruiter_api):
    body = _upload(recruiter_api, csv_bytes(people_rows(2))).json()
    answer = recruiter_api.post(f"/imports/{body['id']}/run")
    assert answer.status_code == 422 and "dry run first" in answer.json()["detail"]


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "empty.csv", "empty"),
        (b"First name,Email\n", "head.csv", "no rows"),
        ("Name\nJos\xe9\n".encode("utf-16"), "u16.csv", "not text"),
        (b"Name\n\x81\x8d\x8f\n", "bad.csv", "encoding"),
        (b"hello", "notes.pdf", ".csv or .xlsx"),
        (b"not a zip", "sheet.xlsx", "not an Excel workbook"),
    ],
)
def test_bad_files_get_a_clear_error(recruiter_api, data, name, message):
    answer = _upload(recruiter_api, data, name)
    assert answer.status_code == 422, answer.content
    assert message in answer.json()["detail"]


def test_a_file_over_the_size_limit_is_refused(recruiter_api, settings):
    settings.IMPORT_MAX_BYTES = 100
    answer = _upload(recruiter_api, csv_bytes(people_rows(10)))
    assert answer.status_code == 422 and "larger than" in answer.json()["detail"]


def test_windows_1252_csv_is_read(recruiter_api):
    data = "First name,Last name\nJosé,Müller\n".encode("cp1252")
    body = _upload(recruiter_api, data).json()
    assert body["mapping"] == {"First name": "first_name", "Last name": "last_name"}


def test_hiring_manager_cannot_import(manager_api):
    assert _upload(manager_api, csv_bytes(people_rows(1))).status_code == 403


def test_xlsx_round_trip(recruiter_api, django_capture_on_commit_callbacks):
    rows = [["Ada", "Lovelace", "ada@example.org", "", "Analytical", "", ""]]
    body = _upload(recruiter_api, xlsx_bytes(rows), "people.xlsx").json()
    with django_capture_on_commit_callbacks(execute=True):
        recruiter_api.post(f"/imports/{body['id']}/dry-run")
    with django_capture_on_commit_callbacks(execute=True):
        recruiter_api.post(f"/imports/{body['id']}/run")
    exported = recruiter_api.get("/candidates", {"format": "xlsx"})
    assert exported.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(exported.streaming_content))).active
    header, first = list(sheet.iter_rows(values_only=True))[:2]
    row = dict(zip(header, first, strict=True))
    assert row["first_name"] == "Ada" and row["emails"] == "ada@example.org"
    assert row["current_company"] == "Analytical"


def test_formula_cells_are_stored_as_text_and_escaped_on_export(recruiter_api):
    CandidateFactory(first_name='=HYPERLINK("http://evil")', current_company="+1+2")
    exported = recruiter_api.get("/candidates", {"format": "csv"})
    text = b"".join(exported.streaming_content).decode("utf-8-sig")
    row = next(r for r in csv.DictReader(io.StringIO(text)))
    assert row["first_name"] == '\'=HYPERLINK("http://evil")'
    assert row["current_company"] == "'+1+2"


def test_a_managers_applicants_export_holds_only_her_job(manager_api, application, stranger):
    text = b"".join(
        manager_api.get(
            f"/jobs/{application.job_id}/applications", {"format": "csv"}
        ).streaming_content
    ).decode("utf-8-sig")
    assert application.candidate.first_name in text
    assert stranger.first_name not in text
    other = manager_api.get(
        f"/jobs/{stranger.applications.first().job_id}/applications", {"format": "csv"}
    )
    assert other.status_code == 404


def test_bad_export_format_is_refused(recruiter_api):
    answer = recruiter_api.get("/candidates", {"format": "pdf"})
    assert answer.status_code == 422 and answer.json()["field"] == "format"


def test_timeline_export_leaves_out_private_notes(recruiter_api, candidate, recruiter):
    from ghostless.timeline.events import record

    record(candidate=candidate, actor=recruiter, kind="note", body="SECRET-NOTE", private=True)
    record(candidate=candidate, actor=recruiter, kind="note", body="Open note")
    text = b"".join(
        recruiter_api.get(
            f"/candidates/{candidate.pk}/timeline", {"format": "csv"}
        ).streaming_content
    ).decode()
    assert "Open note" in text and "SECRET-NOTE" not in text


RESUME = {
    "basics": {
        "name": "Grace Hopper",
        "label": "Rear Admiral",
        "email": "grace@example.org",
        "phone": "+1 212 555 0199",
        "url": "https://grace.example.org",
        "summary": "Compilers.",
        "location": {"city": "Arlington", "countryCode": "US"},
        "profiles": [
            {"network": "LinkedIn", "url": "https://www.linkedin.com/in/grace"},
            {"network": "GitHub", "username": "grace"},
        ],
    },
    "work": [{"name": "US Navy", "position": "Programmer", "startDate": "1943"}],
    "education": [{"institution": "Yale", "studyType": "PhD", "area": "Mathematics"}],
    "skills": [{"name": "COBOL"}, {"name": "FLOW-MATIC"}],
    "languages": [{"language": "English", "fluency": "Native"}],
}


def test_json_resume_import_and_export_validate(recruiter_api):
    answer = recruiter_api.post("/candidates/import-json-resume", RESUME)
    assert answer.status_code == 201, answer.content
    grace = Candidate.objects.get(pk=answer.json()["id"])
    assert (grace.first_name, grace.last_name) == ("Grace", "Hopper")
    assert grace.github_url == "https://github.com/grace"
    assert grace.linkedin_key == "linkedin.com/in/grace"
    assert grace.skills == "COBOL, FLOW-MATIC"
    exported = recruiter_api.get(f"/candidates/{grace.pk}/resume.json").json()
    assert resume_errors(exported) == []
    assert exported["basics"]["email"] == "grace@example.org"
    assert exported["education"] == RESUME["education"]
    assert exported["languages"] == RESUME["languages"]


def test_json_resume_onto_an_existing_candidate(recruiter_api, candidate):
    answer = recruiter_api.client.post(
        f"/api/v1/candidates/import-json-resume?candidate_id={candidate.pk}",
        json.dumps(RESUME),
        "application/json",
    )
    assert answer.status_code == 200, answer.content
    candidate.refresh_from_db()
    assert candidate.current_title == "Rear Admiral"
    assert "grace@example.org" in candidate.emails.values_list("email", flat=True)


def test_an_invalid_json_resume_is_refused_with_where(recruiter_api):
    answer = recruiter_api.post("/candidates/import-json-resume", {"basics": {"name": 5}})
    assert answer.status_code == 422
    assert "basics.name" in answer.json()["detail"]


def test_a_json_resume_with_a_nul_or_an_overlong_name_is_refused(recruiter_api):
    nul = recruiter_api.post("/candidates/import-json-resume", {"basics": {"name": "A\u0000b"}})
    assert nul.status_code == 422
    long = recruiter_api.post("/candidates/import-json-resume", {"basics": {"name": "A" * 150}})
    assert long.status_code == 422 and "longer than 100" in long.json()["detail"]


def test_the_uploaded_file_is_deleted_once_the_import_is_done(
    recruiter_api, settings, tmp_path, django_capture_on_commit_callbacks
):
    from ghostless.imports.models import ImportJob

    settings.MEDIA_ROOT = tmp_path / "media"
    body = _upload(recruiter_api, csv_bytes(people_rows(2))).json()
    stored = tmp_path / "media" / ImportJob.objects.get(pk=body["id"]).file.name
    with django_capture_on_commit_callbacks(execute=True):
        recruiter_api.post(f"/imports/{body['id']}/dry-run")
    assert stored.exists(), "kept while the import is still to run"
    with django_capture_on_commit_callbacks(execute=True):
        recruiter_api.post(f"/imports/{body['id']}/run")
    assert recruiter_api.get(f"/imports/{body['id']}").json()["state"] == "done"
    assert not stored.exists()
    assert not ImportJob.objects.get(pk=body["id"]).file
