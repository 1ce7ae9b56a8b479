"""An admin invites a colleague from the Team page by keyboard and mouse; the invitation
arrives at a real SMTP server; the colleague sets a password from the link and is in. Both
pages fit a laptop and a phone."""

import pytest

from ghostless.accounts.models import User
from tests.team.conftest import link_in

pytestmark = pytest.mark.browser

WIDTHS = [1366, 390]


@pytest.fixture
def smtp(settings):
    from tests.messaging.conftest import SmtpServer

    server = SmtpServer()
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
    settings.EMAIL_USE_TLS, settings.EMAIL_TIMEOUT = False, 5
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield server
    server.stop()


def fits(page, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{page.url} is {scroll_width}px wide at {width}px"


def test_invite_a_colleague_who_joins_from_the_mail(
    logged_in_page, new_page, admin, recruiter, smtp, live_server, settings
):
    settings.SITE_URL = live_server.url
    page = logged_in_page(admin)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Team").click()
    page.wait_for_url("**/settings/team/")
    for width in WIDTHS:
        fits(page, width)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.get_by_label("Name").fill("Nina Newcomer")
    page.get_by_label("Email").fill("nina@example.com")
    page.get_by_label("Role").select_option("hiring_manager")
    page.get_by_label("Role").press("Tab")
    page.keyboard.press("Enter")  # the focused "Send invitation" button
    page.wait_for_selector("text=Invitation sent to nina@example.com")
    row = page.locator("tr", has_text="Nina Newcomer")
    assert "Invited" in row.inner_text() and "Hiring manager" in row.inner_text()

    [mail] = smtp.messages
    assert mail["To"] == "nina@example.com"
    nina = new_page()
    nina.goto(link_in(mail))
    for width in WIDTHS:
        fits(nina, width)
    assert "Your username is nina" in nina.inner_text("main")
    nina.get_by_label("New password:", exact=True).fill("a-long-fresh-passphrase")
    nina.get_by_label("New password confirmation").fill("a-long-fresh-passphrase")
    nina.get_by_role("button", name="Set password and log in").click()
    nina.wait_for_selector("text=Welcome to Ghostless, Nina Newcomer.")
    assert "Nina Newcomer" in nina.inner_text("header")
    assert User.objects.get(username="nina").is_active

    page.reload()
    assert "Active" in page.locator("tr", has_text="Nina Newcomer").inner_text()
