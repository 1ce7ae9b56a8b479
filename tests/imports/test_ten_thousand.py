"""A generated 10,000-row file with known matches, in-file duplicates and broken rows: the run
does exactly what its dry run said, row for row, and running it again creates nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ghostless.candidates.models import Candidate
from ghostless.imports import services
from ghostless.imports.models import ImportIssue, Phase
from tests.factories import CandidateFactory
from tests.imports.sheets import csv_bytes, people_rows

pytestmark = [pytest.mark.django_db, pytest.mark.slow]
ROWS = 10_000


def _file() -> bytes:
    rows = people_rows(ROWS - 300)
    # 100 rows repeating an earlier row's email (refused as in-file duplicates) ...
    rows += [[f"Again{n}", "Twice", f"person{n}@example.org", "", "", "", ""] for n in range(100)]
    # ... 100 with a broken email, 50 with no first name, 50 with a broken LinkedIn address.
    rows += [
        [f"Broken{n}", "Mail", f"broken{n}-at-example.org", "", "", "", ""] for n in range(100)
    ]
    rows += [["", f"Nameless{n}", f"nameless{n}@example.org", "", "", "", ""] for n in range(50)]
    rows += [
        [f"Link{n}", "Bad", f"link{n}@example.org", "", "", "", "linkedin dot com"]
        for n in range(50)
    ]
    return csv_bytes(rows)


def _phase(job, start):
    start(job=job, actor=job.created_by)
    job.refresh_from_db()
    return services.import_process(job=job)


def _rejected(job, phase) -> list[tuple[int, str]]:
    issues = ImportIssue.objects.filter(import_job=job, phase=phase, kind="rejected")
    return list(issues.order_by("row_number").values_list("row_number", "message"))


def test_ten_thousand_rows_import_as_their_dry_run_said(recruiter, monkeypatch):
    # Queued tasks are left out: each phase runs here, in the test's transaction.
    monkeypatch.setattr("ghostless.imports.tasks.import_process", lambda *a: None)
    for n in range(0, 500, 5):  # 100 people already here, matched by email
        CandidateFactory(first_name=f"Earlier{n}", emails=[f"person{n}@example.org"])
    upload = SimpleUploadedFile("ten-thousand.csv", _file())
    job = services.import_upload(actor=recruiter, upload=upload)
    assert job.total_rows == ROWS
    job = _phase(job, services.import_dry_run)
    assert job.dry_run_counts == {
        "create": ROWS - 300 - 100,
        "update": 100,
        "unchanged": 0,
        "reject": 300,
        "duplicates": 0,
    }
    job = _phase(job, services.import_run)
    assert job.state == "done"
    assert job.run_counts == job.dry_run_counts
    assert _rejected(job, Phase.RUN) == _rejected(job, Phase.DRY_RUN)
    assert Candidate.objects.count() == ROWS - 300

    again = services.import_upload(actor=recruiter, upload=SimpleUploadedFile("again.csv", _file()))
    again = _phase(again, services.import_dry_run)
    again = _phase(again, services.import_run)
    assert again.run_counts["create"] == 0 and again.run_counts["update"] == 0
    assert again.run_counts["unchanged"] == ROWS - 300
    assert Candidate.objects.count() == ROWS - 300
