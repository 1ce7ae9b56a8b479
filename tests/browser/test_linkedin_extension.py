"""The unpacked extension in a real Chromium (headless, with extensions: Chromium's new
headless mode loads them): on a saved LinkedIn profile served as www.linkedin.com by the
test's own server, the panel creates the candidate, puts them on a job and in a pool and
logs the selected message; the second click finds the same candidate, no duplicate."""

import os
import shutil

import pytest

from ghostless.accounts.services import api_token_create
from ghostless.candidates.models import Candidate
from ghostless.front.linkedin import EXTENSION_DIR
from ghostless.jobs.models import Application
from ghostless.pools.models import PoolMember, TalentPool
from ghostless.timeline.models import Activity, Kind
from tests.browser_fixtures import CHROMIUM_ARGS, TIMEOUT_MS
from tests.linkedin.fixture_server import PROFILE_PATH, profile_server

pytestmark = pytest.mark.browser

PROFILE_URL = f"https://www.linkedin.com{PROFILE_PATH}"


@pytest.fixture
def chromium_with_extension(tmp_path, live_server, transactional_db):
    executable = shutil.which("chromium")
    if executable is None:
        message = "chromium is not installed (apt-get install chromium); browser tests not run"
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with (
        profile_server(tmp_path) as port,
        pytest.MonkeyPatch.context() as patch,
        sync_playwright() as playwright,
    ):
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"),
            executable_path=executable,
            headless=True,
            args=[
                *CHROMIUM_ARGS,
                "--headless=new",
                f"--disable-extensions-except={EXTENSION_DIR}",
                f"--load-extension={EXTENSION_DIR}",
                f"--host-resolver-rules=MAP www.linkedin.com 127.0.0.1:{port}",
                "--ignore-certificate-errors",
            ],
        )
        context.set_default_timeout(TIMEOUT_MS)
        worker = context.service_workers[0] if context.service_workers else None
        worker = worker or context.wait_for_event("serviceworker")
        _close_the_settings_opened_on_install(context)
        yield context, worker.url.split("/")[2]
        # Let the panels' requests (the pools list) finish before the database is emptied.
        # Only panels: the settings page the extension opens by itself on install may never
        # settle, and the tests wait for every answer a settings page asks for.
        for page in context.pages:
            if "/popup.html" in page.url:
                page.wait_for_load_state("networkidle")
        context.close()


def _close_the_settings_opened_on_install(context):
    """On install the extension opens its settings by itself; a test opening them at the same
    moment would have its navigation interrupted, so wait for that tab (a few seconds at most)
    and close it first."""
    waited = 0
    while waited < 5000 and not any("/options.html" in p.url for p in context.pages):
        context.pages[0].wait_for_timeout(100)
        waited += 100
    for page in context.pages:
        if "/options.html" in page.url:
            page.close()


def _connect(context, extension_id, live_server, recruiter):
    """Enter the address and a personal token in the extension's settings."""
    _, token = api_token_create(user=recruiter, name="LinkedIn extension")
    options = context.new_page()
    options.goto(f"chrome-extension://{extension_id}/options.html")
    options.get_by_label("Ghostless address").fill(live_server.url)
    options.get_by_label("Personal API token").fill(token)
    options.get_by_role("button", name="Save and test").click()
    options.get_by_text("Saved. Connected as Rita Reyes (recruiter).").wait_for()
    return options


def _open_panel(context, extension_id, options):
    """What the toolbar button does, for the profile's tab: the panel reading that tab."""
    tab_id = options.evaluate(
        "chrome.tabs.query({url: 'https://www.linkedin.com/*'}).then((tabs) => tabs[0].id)"
    )
    panel = context.new_page()
    panel.goto(f"chrome-extension://{extension_id}/popup.html?tab={tab_id}")
    return panel


def test_the_panel_creates_the_candidate_once_and_finds_them_the_second_time(
    chromium_with_extension, live_server, recruiter, job
):
    context, extension_id = chromium_with_extension
    pool = TalentPool.objects.create(name="Platform people", created_by=recruiter)
    options = _connect(context, extension_id, live_server, recruiter)

    profile = context.new_page()
    profile.goto(PROFILE_URL)
    profile.evaluate("getSelection().selectAllChildren(document.getElementById('their-message'))")

    panel = _open_panel(context, extension_id, options)
    panel.get_by_text("Not in Ghostless yet.").wait_for()
    assert panel.get_by_label("First name").input_value() == "Jane"
    assert panel.get_by_label("Last name").input_value() == "Doe"
    assert panel.get_by_label("Title").input_value() == "Staff Platform Engineer"
    assert panel.get_by_label("Company").input_value() == "Acme Robotics"
    assert panel.get_by_label("Location").input_value() == "Lisbon, Lisbon, Portugal"
    assert panel.get_by_label("LinkedIn profile").input_value() == PROFILE_URL
    panel.get_by_role("button", name="Create candidate").click()
    panel.get_by_text("Created:").wait_for()

    panel.get_by_label("Add to a job").fill(f"{job.title} (#{job.pk})")
    panel.get_by_label("Add to a talent pool").select_option(label="Platform people")
    assert panel.get_by_label("LinkedIn message").input_value().startswith("Hi Rita, thanks")
    panel.get_by_label("From them").check()
    panel.get_by_role("button", name="Save to Ghostless").click()
    panel.get_by_text("LinkedIn message logged on the timeline.").wait_for()
    results = panel.locator("#results").inner_text()
    assert f"Added to {job.title} (#{job.pk})." in results
    assert "Added to the pool Platform people." in results

    jane = Candidate.objects.get(linkedin_key="linkedin.com/in/jane-doe-42")
    assert (jane.first_name, jane.current_company, jane.source) == (
        "Jane",
        "Acme Robotics",
        "LinkedIn",
    )
    assert Application.objects.filter(candidate=jane, job=job).exists()
    assert PoolMember.objects.filter(candidate=jane, pool=pool).exists()
    logged = Activity.objects.get(candidate=jane, kind=Kind.LINKEDIN)
    assert logged.direction == "inbound" and logged.body.startswith("Hi Rita, thanks")
    link = panel.get_by_role("link", name="Jane Doe")
    assert link.get_attribute("href") == f"{live_server.url}/candidates/{jane.pk}/"

    again = _open_panel(context, extension_id, options)
    again.get_by_text("Already in Ghostless:").wait_for()
    assert (
        again.get_by_role("link", name="Jane Doe")
        .get_attribute("href")
        .endswith(f"/candidates/{jane.pk}/")
    )
    assert not again.get_by_role("button", name="Create candidate").is_visible()
    assert Candidate.objects.filter(last_name="Doe").count() == 1


def test_a_refused_token_is_said_in_the_settings(chromium_with_extension, live_server, recruiter):
    context, extension_id = chromium_with_extension
    options = context.new_page()
    options.goto(f"chrome-extension://{extension_id}/options.html")
    options.get_by_label("Ghostless address").fill(live_server.url)
    options.get_by_label("Personal API token").fill("gl_not-a-token")
    options.get_by_role("button", name="Save and test").click()
    options.get_by_text("Ghostless refused that token.").wait_for()
