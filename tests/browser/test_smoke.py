import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_recruiter_logs_in_and_opens_the_candidate_list(logged_in_page, recruiter, candidate):
    page = logged_in_page(recruiter)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Candidates").click()

    expect(page).to_have_url(re.compile(r"/candidates/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Candidates")
    expect(page.get_by_role("link", name="Cara Candidate", exact=True)).to_be_visible()


def test_wrong_password_keeps_the_visitor_on_the_login_page(page, recruiter):
    page.goto("/candidates/")
    expect(page).to_have_url(re.compile(r"/login/\?next="))

    page.get_by_label("Username").fill("rita")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Log in").click()

    expect(page.get_by_role("alert")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/login/"))
