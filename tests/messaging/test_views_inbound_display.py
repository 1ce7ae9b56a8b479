"""Received HTML mail loads nothing from the sender's servers until a recruiter asks (a remote
image is a read receipt for the sender), and mail the receiving server could not
authenticate says so on the timeline."""

import re

import pytest

from ghostless.messaging import inbound
from ghostless.messaging.templatetags.email_display import strip_images
from tests.messaging.test_views_inbound_timeline import raw_email

PIXEL = "https://track.example/open.gif?id=cara"
HTML = (
    f'<p>Happy to chat.</p><img src="{PIXEL}" alt="" width="1" height="1">'
    '<p><img src="//cdn.example/logo.png" alt="Acme logo"></p>'
)


def remote_img_srcs(html: str) -> list[str]:
    srcs = re.findall(r"<img\b[^>]*\bsrc=\"([^\"]*)\"", html)
    return [s for s in srcs if s.startswith(("http:", "https:", "//"))]


@pytest.fixture
def received(candidate):
    return inbound.receive(raw_email(body="Happy to chat.", html=HTML), source="webhook")


def test_remote_images_do_not_load_on_the_profile(received, recruiter_client, candidate):
    html = recruiter_client.get(f"/candidates/{candidate.pk}/").content.decode()
    assert "Happy to chat." in html
    assert remote_img_srcs(html) == []
    assert "track.example" not in html
    assert "2 remote images blocked" in html
    assert f'href="?images={received.pk}#email-{received.pk}"' in html


def test_show_images_loads_them_for_that_message_only(received, recruiter_client, candidate):
    other = inbound.receive(
        raw_email(body="Also.", html=HTML, message_id="<r2@mail.example>"), source="webhook"
    )
    html = recruiter_client.get(f"/candidates/{candidate.pk}/?images={received.pk}").content
    srcs = remote_img_srcs(html.decode())
    assert srcs == [PIXEL, "//cdn.example/logo.png"]
    assert f'href="?images={other.pk}#email-{other.pk}"' in html.decode()


def test_triage_blocks_remote_images_too(db, recruiter_client):
    received = inbound.receive(
        raw_email(body="Hi", html=HTML, sender="new@else.example"), source="imap"
    )
    page = recruiter_client.get(f"/inbox/{received.pk}/").content.decode()
    assert remote_img_srcs(page) == []
    shown = recruiter_client.get(f"/inbox/{received.pk}/?images={received.pk}").content.decode()
    assert PIXEL in remote_img_srcs(shown)


def test_an_unauthenticated_sender_is_marked_on_the_timeline(candidate, recruiter_client):
    inbound.receive(raw_email(), source="webhook")
    html = recruiter_client.get(f"/candidates/{candidate.pk}/").content.decode()
    assert "Unverified sender" in html
    assert "could not confirm this came from example.org" in html


def test_an_authenticated_sender_carries_no_mark(candidate, recruiter_client):
    raw = b"Authentication-Results: mx.example; dmarc=pass header.from=example.org\r\n"
    inbound.receive(raw + raw_email(), source="imap")
    html = recruiter_client.get(f"/candidates/{candidate.pk}/").content.decode()
    assert "Unverified sender" not in html


def test_no_other_way_to_load_a_remote_image_survives(candidate):
    sneaky = (
        '<img srcset="https://a.example/1x.png 1x" src="/candidates/1/">'
        '<p style="background:url(https://b.example/bg.png)">Hi</p>'
        '<table background="https://c.example/t.png"><tr><td>x</td></tr></table>'
        '<video poster="https://d.example/p.png"></video><link rel="stylesheet" href="https://e.example/s.css">'
        "<style>body{background:url(https://f.example/s.png)}</style>"
    )
    stored = inbound.receive(raw_email(body="Hi", html=sneaky), source="webhook")
    for keep_remote in (False, True):
        html, _ = strip_images(stored.body_html, keep_remote=keep_remote)
        assert ".example" not in html
        assert "/candidates/1/" not in html
