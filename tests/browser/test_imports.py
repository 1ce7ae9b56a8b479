"""A recruiter imports a spreadsheet in a real browser: upload, map the columns, watch the dry
run's and then the import's progress bar (htmx polling) reach the end."""

import os
from pathlib import Path

import pytest

from ghostless.candidates.models import Candidate
from ghostless.imports import services
from ghostless.imports.models import ImportJob
from tests.imports.sheets import csv_bytes, people_rows

pytestmark = pytest.mark.browser


def _finish_in_the_background(job_id: int) -> None:
    """What the worker does, done from the test once the page is watching."""
    services.import_process(job=ImportJob.objects.get(pk=job_id))


@pytest.mark.parametrize("width", [1366, 390])
def test_upload_map_and_watch_the_progress_bar(
    logged_in_page, recruiter, tmp_path, monkeypatch, width
):
    shots = Path(os.environ.get("SCREENSHOTS_DIR") or tmp_path)
    # The queue holds the phase until the test runs it, so the page shows it under way.
    monkeypatch.setattr("ghostless.imports.tasks.import_process", lambda *args: None)
    sheet = tmp_path / "team.csv"
    sheet.write_bytes(csv_bytes(people_rows(40)))
    page = logged_in_page(recruiter)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/candidates/")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=shots / f"import-candidate-list-{width}.png")
    page.get_by_role("link", name="Import", exact=True).click()
    page.screenshot(path=shots / f"import-list-{width}.png", full_page=True)
    page.get_by_label("Spreadsheet (.csv or .xlsx)").set_input_files(str(sheet))
    page.get_by_role("button", name="Upload and choose columns").click()
    page.get_by_role("heading", name="Choose what each column is").wait_for()
    page.get_by_label("Phone").select_option("")  # not imported
    page.get_by_label("Company").select_option(label="Location")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=shots / f"import-mapping-{width}.png", full_page=True)
    page.get_by_role("button", name="Run the dry run").click()

    page.get_by_text("0 of 40 rows checked (0%)").wait_for()
    job = ImportJob.objects.get()
    assert job.mapping["Company"] == "location" and "Phone" not in job.mapping
    page.screenshot(path=shots / f"import-checking-{width}.png", full_page=True)
    _finish_in_the_background(job.pk)
    page.get_by_role("heading", name="Dry run done: nothing has been written yet").wait_for()
    assert Candidate.objects.count() == 0
    page.screenshot(path=shots / f"import-checked-{width}.png", full_page=True)

    page.get_by_role("button", name="Import 40 rows").click()
    page.get_by_text("0 of 40 rows imported (0%)").wait_for()
    _finish_in_the_background(job.pk)
    page.get_by_role("heading", name="Import done").wait_for()
    assert page.locator("#progress progress").get_attribute("value") == "100"
    assert Candidate.objects.count() == 40
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=shots / f"import-done-{width}.png", full_page=True)
