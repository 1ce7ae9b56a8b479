"""Browser fixtures for every suite, registered in tests/conftest.py: Debian's chromium driven
through Playwright's sync API against pytest-django's live server.

Playwright never downloads a browser here (`playwright install` is not used): the chromium
package from apt is launched by path. Without it these tests skip, except in CI, where a
missing browser means the suite did not run and must fail.
"""

import os
import shutil

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 10_000
FACTORY_PASSWORD = "password"  # what tests/factories.py gives every user


# Module scope: a sync Playwright must be stopped before any other test module starts its own.
@pytest.fixture(scope="module")
def browser():
    executable = shutil.which("chromium")
    if executable is None:
        message = "chromium is not installed (apt-get install chromium); browser tests not run"
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        # The sync API keeps an event loop running in the test thread; the ORM calls tests
        # make there (fixtures, assertions) are still plain synchronous code. Set only while
        # the browser is open, so nothing else (a `check --deploy` subprocess) inherits it.
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server, transactional_db):
    """Open a fresh browser context (its own cookies) on the live server; closed afterwards."""
    contexts = []

    def open_page():
        context = browser.new_context(base_url=live_server.url, locale="en-US")
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        # Let requests a page makes by itself (htmx cards loaded after the page) finish
        # before the database is emptied under the live server.
        for each in context.pages:
            each.wait_for_load_state("networkidle")
        context.close()


@pytest.fixture
def page(new_page):
    """An anonymous visitor's page."""
    return new_page()


@pytest.fixture
def logged_in_page(new_page):
    """`logged_in_page(user)` logs in through the real /login/ form and returns the page.

    Pass the password of users not made by the factories.
    """

    def log_in(user, password: str = FACTORY_PASSWORD):
        page = new_page()
        page.goto("/login/")
        page.fill("#id_username", user.username)
        page.fill("#id_password", password)
        page.press("#id_password", "Enter")
        page.wait_for_url(lambda url: "/login/" not in url)
        return page

    return log_in
