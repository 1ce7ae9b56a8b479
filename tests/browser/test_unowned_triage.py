"""An admin gives unowned candidates an owner in a real browser: tick, choose, confirm."""

import os
from pathlib import Path

import pytest

from ghostless.candidates.models import Candidate
from tests.factories import CandidateFactory

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1366, 390])
def test_an_admin_assigns_two_unowned_candidates_after_confirming(
    logged_in_page, admin, other_recruiter, tmp_path, width
):
    shots = Path(os.environ.get("SCREENSHOTS_DIR") or tmp_path)
    loose = [CandidateFactory(first_name=n, last_name="Loose", owner=None) for n in ("Ann", "Bo")]
    page = logged_in_page(admin)
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("/followups/")
    page.get_by_role("link", name="Without an owner").click()
    page.wait_for_url("**/candidates/unowned/")
    page.get_by_label("Select Ann Loose").check()
    page.get_by_label("Select Bo Loose").check()
    page.get_by_label("Owner:", exact=True).select_option(label="Ray Romano")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=shots / f"unowned-{width}.png", full_page=True)
    page.get_by_role("button", name="Assign owner").click()

    heading = page.get_by_role("heading", level=1)
    assert heading.inner_text() == "Make Ray Romano the owner of 2 candidates?"
    assert Candidate.objects.filter(owner__isnull=True).count() == 2  # nothing yet
    page.screenshot(path=shots / f"unowned-confirm-{width}.png", full_page=True)
    page.get_by_role("button", name="Assign 2 candidates to Ray Romano").click()
    page.get_by_text("Ray Romano now owns 2 candidates.").wait_for()
    assert {c.owner for c in Candidate.objects.filter(pk__in=[c.pk for c in loose])} == {
        other_recruiter
    }
