import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ghostless.candidates.models import Candidate
from ghostless.imports.models import ImportJob
from tests.imports.sheets import csv_bytes, people_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def rita(client, recruiter):
    client.force_login(recruiter)
    return client


def test_upload_page_maps_checks_and_imports(rita, django_capture_on_commit_callbacks):
    page = rita.get("/imports/")
    assert page.status_code == 200 and "No imports yet" in page.content.decode()
    upload = SimpleUploadedFile("team.csv", csv_bytes(people_rows(3)))
    answer = rita.post("/imports/", {"file": upload})
    job = ImportJob.objects.get()
    assert answer.status_code == 302 and answer["Location"] == f"/imports/{job.pk}/"
    detail = rita.get(f"/imports/{job.pk}/").content.decode()
    assert "Choose what each column is" in detail
    assert '<label for="id_col-0">First name' in detail
    fields = {f"col-{i}": v for i, v in enumerate(["first_name", "last_name", "email"])}
    with django_capture_on_commit_callbacks(execute=True):
        rita.post(f"/imports/{job.pk}/check/", fields)
    checked = rita.get(f"/imports/{job.pk}/").content.decode()
    assert "Dry run done: nothing has been written yet" in checked
    assert "Import 3 rows" in checked
    with django_capture_on_commit_callbacks(execute=True):
        rita.post(f"/imports/{job.pk}/run/")
    done = rita.get(f"/imports/{job.pk}/").content.decode()
    assert "Import done" in done
    assert Candidate.objects.count() == 3


def test_a_bad_upload_is_explained_next_to_the_field(rita):
    answer = rita.post("/imports/", {"file": SimpleUploadedFile("x.csv", b"")})
    assert answer.status_code == 422
    assert "empty" in answer.content.decode()


def test_mapping_without_a_name_column_is_refused(rita, recruiter):
    rita.post("/imports/", {"file": SimpleUploadedFile("t.csv", csv_bytes(people_rows(2)))})
    job = ImportJob.objects.get()
    answer = rita.post(f"/imports/{job.pk}/check/", {"col-2": "email"})
    assert answer.status_code == 422
    assert "first name" in answer.content.decode()


def test_rejected_rows_download_says_why(rita, django_capture_on_commit_callbacks):
    rows = [["", "Nofirst", "n@example.org", "", "", "", ""], ["=cmd", "X", "bad", "", "", "", ""]]
    rita.post("/imports/", {"file": SimpleUploadedFile("t.csv", csv_bytes(rows))})
    job = ImportJob.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        rita.post(f"/imports/{job.pk}/check/", {"col-0": "first_name", "col-2": "email"})
    text = b"".join(rita.get(f"/imports/{job.pk}/rejected/?format=csv").streaming_content)
    lines = text.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("row,reason,First name")
    assert lines[1].startswith("2,No first name.")
    assert "'=cmd" in lines[2]


def test_candidate_list_export_follows_its_filters(rita, recruiter):
    from tests.factories import CandidateFactory

    CandidateFactory(first_name="Tagged", owner=recruiter)
    CandidateFactory(first_name="Other", owner=None)
    text = b"".join(
        rita.get(
            "/imports/export/candidates/", {"format": "csv", "owner": "rita"}
        ).streaming_content
    ).decode("utf-8-sig")
    assert "Tagged" in text and "Other" not in text


def test_profile_offers_resume_json_and_timeline_export(rita, candidate):
    page = rita.get(f"/candidates/{candidate.pk}/").content.decode()
    assert f"/imports/candidates/{candidate.pk}/resume.json" in page
    assert f"/imports/export/candidates/{candidate.pk}/timeline/?format=csv" in page
    resume = rita.get(f"/imports/candidates/{candidate.pk}/resume.json").json()
    assert resume["basics"]["name"] == candidate.name


def test_json_resume_upload_page_makes_a_candidate(rita):
    data = b'{"basics": {"name": "Alan Turing", "email": "alan@example.org"}}'
    answer = rita.post("/imports/json-resume/", {"file": SimpleUploadedFile("resume.json", data)})
    alan = Candidate.objects.get(first_name="Alan")
    assert answer.status_code == 302 and answer["Location"] == f"/candidates/{alan.pk}/"
    bad = rita.post("/imports/json-resume/", {"file": SimpleUploadedFile("r.json", b"[1]")})
    assert bad.status_code == 422
