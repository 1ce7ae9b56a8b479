"""The bell in the header, in a real browser: its count, its menu, following an item (which
reads it) and marking read, at a laptop's and a phone's width."""

import os
from pathlib import Path

import pytest

from ghostless.notifications.models import Notification
from ghostless.timeline.services import activity_log

pytestmark = pytest.mark.browser


@pytest.fixture
def shots(tmp_path) -> Path:
    """Where screenshots go: $SCREENSHOTS_DIR to keep and look at them, else a temp dir."""
    return Path(os.environ.get("SCREENSHOTS_DIR") or tmp_path)


def said(locator) -> str:
    """What a screen reader says of it, more or less: its text, spaced as words."""
    return " ".join(locator.text_content().split())


@pytest.mark.parametrize("width", [1366, 390])
def test_open_the_bell_follow_an_item_and_mark_one_read(
    logged_in_page, candidate, recruiter, other_recruiter, shots, width
):
    for body in ("@rita can you call Cara back tomorrow?", "@rita she prefers email"):
        activity_log(candidate=candidate, actor=other_recruiter, kind="note", body=body)
    first, second = Notification.objects.filter(user=recruiter).order_by("id")
    page = logged_in_page(recruiter)
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("/candidates/")
    bell = page.locator("details.bell > summary")
    assert said(bell) == "Notifications 2 unread"

    bell.focus()
    page.keyboard.press("Enter")  # the bell opens from the keyboard
    menu = page.locator("#bell-menu li")
    menu.first.wait_for()
    assert menu.count() == 2
    assert menu.first.inner_text().startswith("Ray Romano mentioned you on Cara Candidate")
    panel = page.locator(".bell-panel").bounding_box()
    assert panel["x"] >= 0 and panel["x"] + panel["width"] <= width
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=shots / f"notifications-bell-{width}.png")

    # Mark the older one read in place: the count drops without leaving the page.
    page.locator("#bell-menu li").nth(1).get_by_role("button", name="Mark read").click()
    page.locator("#bell-menu li.unread").nth(1).wait_for(state="detached")
    assert said(page.locator("#bell-count")) == "1 unread"
    first.refresh_from_db()
    assert first.read_at is not None

    # Follow the newer one: it is read, and the profile shows the entry, the mention marked.
    page.locator("#bell-menu li").first.get_by_role("link").click()
    page.wait_for_url(f"**/candidates/{candidate.pk}/#activity-{second.activity_id}")
    entry = page.locator(f"#activity-{second.activity_id}")
    assert entry.locator(".mention").inner_text() == "@rita"
    assert said(page.locator("#bell-count")) == ""
    page.screenshot(path=shots / f"notifications-followed-{width}.png")
    second.refresh_from_db()
    assert second.read_at is not None

    page.goto("/notifications/")
    assert page.locator("#notification-list li.unread").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=shots / f"notifications-page-{width}.png", full_page=True)


@pytest.mark.parametrize("width", [1366, 390])
def test_typing_at_offers_teammates_and_the_note_notifies_the_one_chosen(
    logged_in_page, candidate, recruiter, other_recruiter, admin, shots, width
):
    page = logged_in_page(recruiter)
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"/candidates/{candidate.pk}/")
    page.select_option("#id_log-kind", "note")
    notes = page.locator("#id_log-body")
    notes.press_sequentially("Please @ra")
    option = page.get_by_role("option", name="Ray Romano (@ray)")
    option.wait_for()
    assert page.locator(".mention-options li").count() == 1  # not Alice: no "ra" in her name
    assert option.get_attribute("aria-selected") == "true"
    notes.scroll_into_view_if_needed()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=shots / f"mention-typeahead-{width}.png")
    notes.press("Enter")
    assert notes.input_value() == "Please @ray "
    notes.press_sequentially("call her back")
    page.get_by_role("button", name="Log it").click()
    page.locator("#timeline .mention").first.wait_for()
    assert page.locator("#timeline .mention").first.inner_text() == "@ray"
    told = Notification.objects.get()
    assert (told.user, told.kind) == (other_recruiter, "mention")
