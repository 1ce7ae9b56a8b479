"""The signed link: in every email to a candidate, refused when forged, altered or someone
else's, and an expired one offers a fresh link instead of the page."""

import base64
import json
from datetime import timedelta

import time_machine
from django.core import signing
from django.utils import timezone

from ghostless.candidates.status_links import SALT
from ghostless.merges.services import candidate_merge
from ghostless.messaging import rendering
from ghostless.messaging.services import message_queue
from ghostless.status.links import candidate_for_token, status_url
from tests.factories import CandidateFactory
from tests.parsed_html import find, text
from tests.status.conftest import page_path, path_of, status_link_in, token_of


def send(capture, **kwargs):
    with capture(execute=True):
        return message_queue(**kwargs)


def test_every_email_carries_a_fresh_link_in_text_and_html(
    smtp, candidate, recruiter, django_capture_on_commit_callbacks
):
    for minutes in (0, 1):
        with time_machine.travel(timezone.now() + timedelta(minutes=minutes)):
            send(
                django_capture_on_commit_callbacks,
                candidate=candidate,
                actor=recruiter,
                subject="News",
                body="Hi {{ candidate.first_name }}, **welcome**",
            )

    first, second = smtp.messages
    urls = [status_link_in(m.get_body(("plain",)).get_content()) for m in (first, second)]
    assert urls[0] != urls[1]  # signed afresh, so its days count from this email
    assert [candidate_for_token(token_of(url)) for url in urls] == [candidate, candidate]
    link = find(first.get_body(("html",)).get_content(), "a", href=urls[0])
    assert text(link) == "See where you stand"


def test_a_template_that_places_the_link_itself_gets_no_second_one(candidate):
    context = rendering.merge_context(candidate=candidate)
    body = "Your page: {{ links.status }}"
    rendered = rendering.render(subject="Hi", body=body, context=context)

    footed = rendering.with_unsubscribe(rendered, body=body, context=context)

    assert footed.text.count("/status/") == 1
    assert "Unsubscribe: " in footed.text


def test_a_forged_or_altered_link_is_a_plain_404(client, candidate):
    token = token_of(status_url(candidate))

    assert client.get("/status/not-a-token/").status_code == 404
    assert client.get(f"/status/{token[:-2]}xx/").status_code == 404
    forged = signing.TimestampSigner(salt="another.salt").sign_object({"c": candidate.pk})
    assert client.get(f"/status/{forged}/").status_code == 404


def test_another_candidates_id_under_the_signature_is_refused(client, candidate):
    other = CandidateFactory(emails=["other@example.org"])
    payload, stamp, signature = token_of(status_url(candidate)).split(":")
    swapped = base64.urlsafe_b64encode(json.dumps({"c": other.pk}).encode()).decode().rstrip("=")

    page = client.get(f"/status/{swapped}:{stamp}:{signature}/")

    assert page.status_code == 404
    assert "other@example.org" not in page.content.decode()


def test_a_link_past_its_days_offers_a_fresh_one(client, candidate, settings):
    path = page_path(candidate)
    later = timezone.now() + timedelta(days=settings.STATUS_LINK_DAYS, hours=1)

    with time_machine.travel(later):
        page = client.get(path)

    assert page.status_code == 410
    assert text(find(page, "h1")) == "This link has expired"
    assert text(find(page, "label", for_="email")) == "Your email address"
    assert "Cara" not in page.content.decode()  # an expired link shows nothing of theirs


def test_a_link_still_inside_its_days_works(client, candidate, settings):
    path = page_path(candidate)

    with time_machine.travel(timezone.now() + timedelta(days=settings.STATUS_LINK_DAYS - 1)):
        assert client.get(path).status_code == 200


def test_a_merged_away_candidates_link_opens_the_survivors_page(client, candidate, recruiter):
    duplicate = CandidateFactory(first_name="Cara", emails=["cara.old@example.org"])
    path = path_of(status_url(duplicate))

    candidate_merge(survivor=candidate, other=duplicate, actor=recruiter)

    page = client.get(path)
    assert page.status_code == 200
    assert page.context["candidate"] == candidate


def test_the_token_names_the_candidate_under_its_own_salt(candidate):
    token = token_of(status_url(candidate))

    assert signing.TimestampSigner(salt=SALT).unsign_object(token) == {"c": candidate.pk}
