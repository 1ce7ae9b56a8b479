"""The bookmarklet in a real browser: taken from the settings page, run on a saved LinkedIn
profile (from the test's own server), it opens the capture page filled with what it read;
saving creates the candidate, and running it again finds them."""

from urllib.parse import unquote

import pytest

from ghostless.candidates.models import Candidate
from ghostless.timeline.models import Activity, Kind
from tests.linkedin.fixture_server import PROFILE_PATH, profile_server

pytestmark = pytest.mark.browser


def _bookmarklet(page) -> str:
    page.goto("/settings/")
    href = page.get_by_role("link", name="Add to Ghostless").get_attribute("href")
    assert href.startswith("javascript:")
    return unquote(href.removeprefix("javascript:"))


def _click_it(page, script: str):
    """What clicking the bookmark does: run its script in the page (a new tab opens)."""
    with page.context.expect_page() as opened:
        page.evaluate(script)
    capture = opened.value
    capture.wait_for_load_state()
    return capture


def test_the_bookmarklet_captures_a_profile_once(logged_in_page, recruiter, job, tmp_path):
    page = logged_in_page(recruiter)
    script = _bookmarklet(page)
    with profile_server(tmp_path, tls=False) as port:
        page.goto(f"http://127.0.0.1:{port}{PROFILE_PATH}")
        page.evaluate("getSelection().selectAllChildren(document.getElementById('their-message'))")
        capture = _click_it(page, script)
        assert "/capture/?" in capture.url
        assert capture.get_by_label("First name").input_value() == "Jane"
        assert capture.get_by_label("Company").input_value() == "Acme Robotics"
        # The canonical address, not the page's own.
        assert capture.get_by_label("LinkedIn profile").input_value() == (
            "https://www.linkedin.com/in/jane-doe-42/"
        )
        assert capture.get_by_label("LinkedIn message").input_value().startswith("Hi Rita")
        capture.get_by_label("Someone new: create them").check()
        capture.get_by_role("button", name="Save to Ghostless").click()
        capture.get_by_text("Jane Doe: created, LinkedIn message logged.").wait_for()

        second = _click_it(page, script)
        second.get_by_text("Already in Ghostless:").wait_for()
        second.get_by_role("button", name="Save to Ghostless").click()
        second.get_by_text("Jane Doe: LinkedIn message logged.").wait_for()

    assert Candidate.objects.filter(last_name="Doe").count() == 1
    assert Activity.objects.filter(kind=Kind.LINKEDIN, direction="inbound").count() == 2
