"""In a real browser: opening a profile fetches nothing from a sender's servers; "Show
images" fetches that message's images, once asked."""

import pytest

from ghostless.messaging import inbound
from tests.messaging.conftest import _media  # noqa: F401 (received mail under a throwaway folder)
from tests.messaging.test_views_inbound_display import HTML
from tests.messaging.test_views_inbound_timeline import raw_email

pytestmark = pytest.mark.browser


def test_remote_images_load_only_after_show_images(logged_in_page, recruiter, candidate):
    received = inbound.receive(raw_email(body="Happy to chat.", html=HTML), source="webhook")
    page = logged_in_page(recruiter)
    fetched = []
    page.route(
        lambda url: "track.example" in url or "cdn.example" in url,
        lambda route: (fetched.append(route.request.url), route.abort()),
    )
    page.goto(f"/candidates/{candidate.pk}/")
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("Unverified sender").is_visible()
    assert fetched == []

    page.get_by_role("link", name="Show images").click()
    page.wait_for_url(f"**/candidates/{candidate.pk}/?images={received.pk}#email-{received.pk}")
    page.wait_for_load_state("networkidle")
    assert sorted(fetched) == [
        "http://cdn.example/logo.png",
        "https://track.example/open.gif?id=cara",
    ]
    assert page.get_by_role("link", name="Show images").count() == 0
