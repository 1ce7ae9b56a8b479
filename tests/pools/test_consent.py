"""Consent that expires: every membership has a basis, a source and an expiry; a month before
consent runs out the candidate is asked, once, to renew; renewing extends it; the daily sweep
removes whoever is past it, on the timeline."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from ghostless.messaging.models import Message
from ghostless.pools import consent
from ghostless.pools.models import Basis, ConsentSource, PoolMember, TalentPool
from ghostless.pools.services import consent_expiry, consent_record, pool_add
from ghostless.pools.tasks import sweep_consent
from ghostless.timeline.models import Activity, AuditEntry, EventKind
from tests.factories import ApplicationFactory, CandidateFactory

START = datetime(2026, 1, 15, 10, 0, tzinfo=UTC)


@pytest.fixture
def pool(db):
    return TalentPool.objects.create(name="Platform engineers")


@pytest.fixture
def consented(pool, candidate):
    with time_machine.travel(START, tick=False):
        return consent_record(pool=pool, candidate=candidate)


def _events(candidate, kind):
    return list(
        Activity.objects.filter(candidate=candidate, payload__event=kind).values_list(
            "subject", flat=True
        )
    )


def test_consent_months_are_calendar_months(settings):
    settings.CONSENT_MONTHS = 24
    assert consent_expiry(START) == datetime(2028, 1, 15, 10, 0, tzinfo=UTC)
    settings.CONSENT_MONTHS = 1
    assert consent_expiry(datetime(2027, 1, 31, tzinfo=UTC)) == datetime(2027, 2, 28, tzinfo=UTC)


def test_a_click_on_keep_in_touch_records_consent_its_source_and_expiry(consented, settings):
    assert consented.basis == Basis.CONSENT
    assert consented.source == ConsentSource.EMAIL
    assert consented.consent_given_at == START
    assert consented.consent_expires_at == datetime(2028, 1, 15, 10, 0, tzinfo=UTC)
    assert consented.renewal_ask_at == datetime(2027, 12, 16, 10, 0, tzinfo=UTC)
    audit = AuditEntry.objects.get(event="consent_recorded")
    assert audit.changes["basis"] == [None, "consent"]


def test_a_recruiter_adds_on_legitimate_interest_which_expires_too(pool, candidate, recruiter):
    with time_machine.travel(START, tick=False):
        member = pool_add(pool=pool, candidate=candidate, actor=recruiter)
    assert (member.basis, member.source) == (Basis.LEGITIMATE_INTEREST, ConsentSource.RECRUITER)
    assert member.consent_given_at is None
    assert member.consent_expires_at == datetime(2028, 1, 15, 10, 0, tzinfo=UTC)
    assert member.renewal_ask_at is None  # no renewal ask for legitimate interest


def test_the_renewal_ask_goes_exactly_once_a_month_before(consented, candidate, pool):
    ask_at = consented.renewal_ask_at
    with time_machine.travel(ask_at - timedelta(hours=1), tick=False):
        assert consent.consent_renewals_ask() == 0
    with time_machine.travel(ask_at + timedelta(hours=1), tick=False):
        assert consent.consent_renewals_ask() == 1
        assert consent.consent_renewals_ask() == 0  # the same day again
    with time_machine.travel(ask_at + timedelta(days=5), tick=False):
        sweep_consent.call_local()  # the daily task, later in the month
    [message] = Message.objects.filter(candidate=candidate)
    assert message.to_email == "cara@example.org"
    assert message.subject.startswith("Shall we keep you in mind")
    assert "15 January 2028" in message.body_text
    # No application, so no status page to follow: the signed "keep me in mind" link.
    assert "/c/keep-in-touch/" in message.body_text
    [asked] = _events(candidate, EventKind.CONSENT_RENEWAL_ASKED)
    assert asked.startswith("Ghostless asked them to renew their consent to Platform engineers")


def test_the_renewal_ask_links_the_status_page_where_they_have_one(consented, candidate, job):
    ApplicationFactory(candidate=candidate, job=job)
    with time_machine.travel(consented.renewal_ask_at, tick=False):
        consent.consent_renewals_ask()
    message = Message.objects.get(candidate=candidate)
    assert "/status/" in message.body_text.split("renew it here:")[1].split("\n\n")[0]


def test_renewing_extends_the_expiry_and_is_on_the_timeline(consented, candidate, pool):
    ask_at = consented.renewal_ask_at
    with time_machine.travel(ask_at + timedelta(days=1), tick=False):
        consent.consent_renewals_ask()
        renewed = consent_record(pool=pool, candidate=candidate)
        assert consent_record(pool=pool, candidate=candidate).consent_expires_at == (
            renewed.consent_expires_at  # a second click changes nothing
        )
    assert renewed.consent_expires_at == consent_expiry(ask_at + timedelta(days=1))
    assert renewed.renewal_asked_at is None
    [subject] = _events(candidate, EventKind.CONSENT_RENEWED)
    assert "Renewed their consent to the talent pool Platform engineers until 2029-12-17" in subject
    assert AuditEntry.objects.filter(event="consent_renewed", subject_id=candidate.pk).exists()
    # The old expiry passes: they stay.
    with time_machine.travel(consented.consent_expires_at + timedelta(days=1), tick=False):
        assert consent.consent_expire() == 0
    assert PoolMember.objects.filter(pk=consented.pk).exists()


def test_expired_consent_removes_them_and_says_so(consented, candidate, pool):
    with time_machine.travel(consented.consent_expires_at - timedelta(minutes=1), tick=False):
        assert consent.consent_expire() == 0
    with time_machine.travel(consented.consent_expires_at + timedelta(hours=3), tick=False):
        sweep_consent.call_local()
    assert not PoolMember.objects.filter(candidate=candidate).exists()
    [removed] = Activity.objects.filter(
        candidate=candidate, payload__event=EventKind.CONSENT_EXPIRED
    )
    assert (
        removed.subject
        == "Ghostless removed them from the talent pool Platform engineers: consent expired"
    )
    assert removed.actor_name == "Ghostless"
    audit = AuditEntry.objects.get(event="consent_expired")
    assert audit.subject_id == candidate.pk and audit.actor is None


def test_legitimate_interest_is_removed_without_an_ask(pool, recruiter):
    person = CandidateFactory(first_name="Lee")
    with time_machine.travel(START, tick=False):
        member = pool_add(pool=pool, candidate=person, actor=recruiter)
    with time_machine.travel(member.consent_expires_at - timedelta(days=10), tick=False):
        assert consent.consent_renewals_ask() == 0
    with time_machine.travel(member.consent_expires_at + timedelta(seconds=1), tick=False):
        assert consent.consent_expire() == 1
    assert not Message.objects.filter(candidate=person).exists()
    [subject] = _events(person, EventKind.CONSENT_EXPIRED)
    assert subject.endswith("legitimate-interest period ended")


def test_expired_members_get_no_nurture(consented, candidate, pool, recruiter):
    from ghostless.messaging.models import EmailTemplate, Purpose
    from ghostless.pools.nurture import nurture_preview

    EmailTemplate.objects.create(name="News", purpose=Purpose.NURTURE, subject="s", body="b")
    with time_machine.travel(consented.consent_expires_at + timedelta(days=1), tick=False):
        consent.consent_expire()
        counts = nurture_preview(candidates=candidate.__class__.objects.all(), pool=pool)
    assert counts["no_consent"] == 1


def test_do_not_contact_gets_no_renewal_ask_and_the_timeline_says_why(
    consented, candidate, recruiter
):
    from ghostless.candidates.services import candidate_do_not_contact

    candidate_do_not_contact(
        candidate=candidate, actor=recruiter, do_not_contact=True, reason="Asked by phone"
    )
    with time_machine.travel(consented.renewal_ask_at, tick=False):
        assert consent.consent_renewals_ask() == 0
        assert consent.consent_renewals_ask() == 0
    assert not Message.objects.filter(candidate=candidate).exists()
    [entry] = Activity.objects.filter(
        candidate=candidate, payload__event=EventKind.CONSENT_RENEWAL_NOT_ASKED
    )
    assert "do not contact" in entry.body


def test_the_careers_talent_network_box_joins_the_network_pool(settings, candidate):
    from ghostless.pools.services import talent_network_join

    member = talent_network_join(candidate=candidate, source=ConsentSource.CAREERS)
    assert member.pool.name == settings.TALENT_NETWORK_POOL
    assert (member.basis, member.source) == (Basis.CONSENT, ConsentSource.CAREERS)


def test_the_pool_page_says_what_ghostless_will_do(recruiter_client, consented, pool):
    html = recruiter_client.get(f"/pools/{pool.pk}/").content.decode()
    assert "Consent · Email link" in html
    assert "Ghostless emails a renewal ask on" in html and "Ghostless removes them on" in html


def test_the_profile_says_what_ghostless_will_do(recruiter_client, consented, candidate):
    html = recruiter_client.get(f"/candidates/{candidate.pk}/").content.decode()
    assert "Ghostless emails a renewal ask on" in html and "unless they renew" in html


def test_the_status_page_offers_renewal_once_it_is_due(consented, candidate, pool):
    from ghostless.status.selectors import consent_of
    from ghostless.status.services import consent_change

    assert consent_of(candidate).renewal_due is False
    with time_machine.travel(consented.renewal_ask_at + timedelta(days=2), tick=False):
        assert consent_of(candidate).renewal_due is True
        consent_change(candidate=candidate, action="stay")
        assert consent_of(candidate).renewal_due is False
    member = PoolMember.objects.get(pk=consented.pk)
    assert member.consent_expires_at == consent_expiry(consented.renewal_ask_at + timedelta(days=2))
    assert _events(candidate, EventKind.CONSENT_RENEWED)
