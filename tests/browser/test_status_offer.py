"""A candidate answers an offer on their status page on a phone, by keyboard alone: the form
posts (with the CSRF check a real browser meets), the second look takes focus, and Enter
accepts."""

import importlib
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from ghostless.jobs.models import Application, ApplicationStatus
from ghostless.messaging.models import EmailTemplate, Purpose
from ghostless.offers import services
from ghostless.offers.models import Offer, OfferState
from ghostless.status.links import status_url
from tests.status.conftest import path_of

shipped = importlib.import_module("ghostless.offers.migrations.0002_default_offer_template")

pytestmark = pytest.mark.browser


@pytest.fixture
def sent_offer(application, recruiter):
    # The live server's database is flushed between tests: the shipped letter is made again.
    EmailTemplate.objects.get_or_create(
        name=shipped.NAME,
        defaults={"purpose": Purpose.OFFER, "subject": shipped.SUBJECT, "body": shipped.BODY},
    )
    today = timezone.now().date()
    offer = services.offer_create(
        application=application,
        actor=recruiter,
        title="Backend Engineer",
        salary=Decimal("85000"),
        currency="EUR",
        pay_period="year",
        start_date=today + timedelta(days=40),
        expires_on=today + timedelta(days=10),
    )
    services.offer_submit(offer=offer, actor=recruiter)
    return services.offer_send(offer=offer, actor=recruiter)


def test_accepting_an_offer_on_a_phone_by_keyboard(page, sent_offer, application):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(path_of(status_url(application.candidate)))
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    accept = page.get_by_role("button", name="Accept the offer for Backend Engineer")
    for _ in range(40):
        page.keyboard.press("Tab")
        if accept.evaluate("b => b === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the Accept button")
    page.keyboard.press("Enter")

    page.wait_for_url("**/offer/accept/")
    heading = page.get_by_role("heading", level=1)
    assert heading.inner_text() == "Accept the offer for Backend Engineer?"
    confirm = page.get_by_role("button", name="Yes, accept the offer")
    assert confirm.evaluate("b => b === document.activeElement")
    page.keyboard.press("Enter")

    page.wait_for_url(f"**#application-{application.pk}")
    assert "You accepted the offer for Backend Engineer" in page.inner_text("body")
    assert Offer.objects.get().state == OfferState.ACCEPTED
    assert Application.objects.get().status == ApplicationStatus.HIRED
