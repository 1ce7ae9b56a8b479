"""The links in candidates' email: keep in touch, and unsubscribe. No login."""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
import time_machine
from django.core import signing
from django.test import Client
from django.utils import timezone

from ghostless.core.errors import DomainError
from ghostless.messaging import links
from ghostless.messaging.models import EmailTemplate, Message
from ghostless.messaging.services import message_queue
from ghostless.pools.models import PoolMember
from ghostless.timeline.models import Activity


def path_of(url: str) -> str:
    return urlsplit(url).path


@pytest.fixture
def keep_url(candidate, pool):
    return path_of(links.keep_in_touch_url(candidate_id=candidate.pk, pool_id=pool.pk))


def test_the_keep_in_touch_link_asks_before_recording_anything(keep_url, candidate):
    response = Client().get(keep_url)
    assert response.status_code == 200
    assert b"Yes, keep me in mind" in response.content
    assert not PoolMember.objects.exists()


def test_confirming_records_consent_for_the_configured_months_and_joins_the_pool(
    keep_url, candidate, pool, settings
):
    settings.CONSENT_MONTHS = 24
    response = Client().post(keep_url)
    assert response.status_code == 200
    assert b"Thank you, Cara" in response.content
    member = PoolMember.objects.get(pool=pool, candidate=candidate)
    assert member.consent_state == "granted"
    assert member.added_by is None
    length = member.consent_expires_at - member.consent_given_at
    assert timedelta(days=729) <= length <= timedelta(days=732)
    assert Activity.objects.filter(candidate=candidate, payload__event="consent_given").count() == 1


def test_confirming_twice_changes_nothing(keep_url, candidate, pool):
    Client().post(keep_url)
    first = PoolMember.objects.get()
    with time_machine.travel(timezone.now() + timedelta(days=3)):
        response = Client().post(keep_url)
    assert response.status_code == 200
    again = PoolMember.objects.get()
    assert (again.consent_given_at, again.consent_expires_at) == (
        first.consent_given_at,
        first.consent_expires_at,
    )
    assert Activity.objects.filter(candidate=candidate, payload__event="consent_given").count() == 1
    assert Activity.objects.filter(candidate=candidate, payload__event="pool_added").count() == 1


def test_the_link_expires_after_the_configured_days(keep_url, settings):
    settings.CONSENT_LINK_DAYS = 90
    with time_machine.travel(timezone.now() + timedelta(days=91)):
        response = Client().post(keep_url)
    assert response.status_code == 400
    assert b"This link has expired" in response.content
    assert not PoolMember.objects.exists()


def test_the_link_still_works_just_before_it_expires(keep_url, settings):
    settings.CONSENT_LINK_DAYS = 90
    with time_machine.travel(timezone.now() + timedelta(days=89)):
        assert Client().post(keep_url).status_code == 200
    assert PoolMember.objects.get().consent_state == "granted"


@pytest.mark.parametrize("tamper", ["other_candidate", "other_pool", "bad_signature", "other_salt"])
def test_a_forged_link_is_refused(tamper, candidate, pool):
    good = links.keep_in_touch_url(candidate_id=candidate.pk, pool_id=pool.pk)
    token = good.rstrip("/").rsplit("/", 1)[1]
    value, _, signature = token.rpartition(":")
    if tamper == "bad_signature":
        token = f"{value}:{signature[:-2]}xx"
    elif tamper == "other_salt":
        # A valid unsubscribe token must not open the consent page.
        token = signing.TimestampSigner(salt=links.UNSUBSCRIBE_SALT).sign_object(
            {"c": candidate.pk, "p": pool.pk}
        )
    else:
        payload = {"c": candidate.pk + 1, "p": pool.pk}
        if tamper == "other_pool":
            payload = {"c": candidate.pk, "p": pool.pk + 1}
        forged_value = signing.TimestampSigner(salt="guess").sign_object(payload)
        token = f"{forged_value.rsplit(':', 1)[0]}:{signature}"
    for method in ("get", "post"):
        response = getattr(Client(), method)(f"/c/keep-in-touch/{token}/")
        assert response.status_code == 400
        assert b"This link is not valid" in response.content
    assert not PoolMember.objects.exists()


def test_unsubscribing_records_the_time_once(candidate):
    url = path_of(links.unsubscribe_url(candidate_id=candidate.pk))
    assert Client().get(url).status_code == 200
    candidate.refresh_from_db()
    assert candidate.unsubscribed_at is None
    response = Client().post(url)
    assert response.status_code == 200
    assert b"You are unsubscribed" in response.content
    candidate.refresh_from_db()
    when = candidate.unsubscribed_at
    assert when is not None
    Client().post(url)
    candidate.refresh_from_db()
    assert candidate.unsubscribed_at == when
    assert Activity.objects.filter(candidate=candidate, payload__event="unsubscribed").count() == 1


def test_a_tampered_unsubscribe_link_is_refused(candidate):
    url = path_of(links.unsubscribe_url(candidate_id=candidate.pk))
    response = Client().post(url[:-3] + "zz/")
    assert response.status_code == 400
    candidate.refresh_from_db()
    assert candidate.unsubscribed_at is None


def test_after_unsubscribing_nurture_mail_is_refused_but_a_rejection_still_goes(
    smtp, application, recruiter, django_capture_on_commit_callbacks
):
    candidate = application.candidate
    Client().post(path_of(links.unsubscribe_url(candidate_id=candidate.pk)))
    candidate.refresh_from_db()
    nurture = EmailTemplate.objects.filter(purpose="nurture").first()
    rejection = EmailTemplate.objects.filter(purpose="rejection").first()
    with pytest.raises(DomainError, match="unsubscribed"):
        message_queue(candidate=candidate, actor=recruiter, template=nurture)
    with django_capture_on_commit_callbacks(execute=True):
        message = message_queue(
            candidate=candidate, actor=recruiter, template=rejection, application=application
        )
    message.refresh_from_db()
    assert message.status == "sent"
    assert Message.objects.count() == 1
    [received] = smtp.messages
    assert received["To"] == "cara@example.org"


def test_links_mailed_before_the_helpers_moved_still_open(candidate, pool):
    """The salts are part of every link already in an inbox: they never change."""
    keep = signing.TimestampSigner(salt="ghostless.pools.keep-in-touch").sign_object(
        {"c": candidate.pk, "p": pool.pk}
    )
    leave = signing.TimestampSigner(salt="ghostless.pools.unsubscribe").sign_object(
        {"c": candidate.pk}
    )
    assert b"Yes, keep me in mind" in Client().get(f"/c/keep-in-touch/{keep}/").content
    Client().post(f"/c/unsubscribe/{leave}/")
    candidate.refresh_from_db()
    assert candidate.unsubscribed_at is not None
