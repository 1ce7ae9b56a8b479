"""Whole pages in Jinja2 (core/pages.py): base.jinja writes the same layout as base.html."""

import re

import pytest

from tests.conftest import client_for
from tests.factories import UserFactory
from tests.parsed_html import find_all, texts


def _layout(html: str) -> str:
    """The page minus its content: head, top bar and messages, whitespace between tags
    and the CSRF tokens (masked anew for each use) set aside."""
    html = re.sub(r'(name="csrfmiddlewaretoken" value=|"X-CSRFToken": )"[^"]+"', r'\1""', html)
    html = re.sub(r"<title>.*?</title>|<main .*", "", html, flags=re.S)
    # The page's own stylesheets ({% block head %}).
    own = r'<link rel="stylesheet" href="/static/(?!ghostless/|search/|notifications/)[^"]+">'
    html = re.sub(own, "", html)
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()


@pytest.mark.parametrize("role", ["admin", "recruiter", "hiring_manager"])
def test_the_jinja_layout_is_the_django_layout(role, candidate, job, hiring_manager):
    user = hiring_manager if role == "hiring_manager" else UserFactory(role=role)
    if role == "hiring_manager":
        job.applications.create(candidate=candidate, stage=job.stages.first())
    client = client_for(user)
    django_page = client.get("/candidates/")  # templates/base.html
    jinja_page = client.get(f"/candidates/{candidate.pk}/")  # core/jinja2/base.jinja
    assert django_page.status_code == jinja_page.status_code == 200
    assert jinja_page.templates[0].name == "front/profile.jinja"
    assert _layout(jinja_page.content.decode()) == _layout(django_page.content.decode())


def test_a_jinja_page_shows_the_flash_messages_once(recruiter_client, candidate):
    logged = recruiter_client.post(
        f"/candidates/{candidate.pk}/log/",
        {
            "log-kind": "call",
            "log-direction": "outbound",
            "log-outcome": "connected",
            "log-occurred_at": "2026-11-23T14:30",
            "log-application": "",
            "log-subject": "Called",
            "log-body": "",
        },
        follow=True,
    )
    assert texts(logged.content.decode(), "p", class_="flash-success") == ["Call logged."]
    again = recruiter_client.get(f"/candidates/{candidate.pk}/").content.decode()
    assert not find_all(again, "div", class_="messages")


def test_a_jinja_page_answers_with_its_status(recruiter_client, candidate):
    response = recruiter_client.post(f"/candidates/{candidate.pk}/log/", {"log-kind": "nonsense"})
    assert response.status_code == 422
    assert find_all(response.content.decode(), "div", id="log-form")
