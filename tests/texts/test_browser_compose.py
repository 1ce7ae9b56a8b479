"""In a real browser: the compose form counts characters and parts as segments.py does."""

import json

import pytest

from ghostless.candidates.models import CandidatePhone
from ghostless.texts import segments
from ghostless.texts.models import SmsTemplate

pytestmark = pytest.mark.browser

SAMPLES = [
    "",
    "Hi Cara",
    "x" * 160,
    "x" * 161,
    "Price: 10€ [approx] ^_^",
    "{" * 80,
    "{" * 81,
    "Café",  # é is GSM-7
    "Straße",  # ß is GSM-7
    "naïve",  # ï is not
    "Hi 😀",
    "ç" * 71,
    "Line one\nLine two",
]


def test_the_counter_matches_the_server_and_a_template_fills_the_text(
    logged_in_page, recruiter, candidate
):
    CandidatePhone.objects.create(candidate=candidate, phone="+15005550006")
    template = SmsTemplate.objects.create(name="Hello", body="Hello {{ candidate.first_name }} 😀")
    page = logged_in_page(recruiter)
    page.goto(f"/texts/compose/{candidate.pk}/")
    counted = page.evaluate(
        "(samples) => samples.map((s) => { const r = window.ghostlessSegments(s);"
        " return [r.encoding, r.units, r.segments]; })",
        SAMPLES,
    )
    assert counted == [list(segments.count(s)) for s in SAMPLES], json.dumps(counted)
    page.get_by_label("Text", exact=True).fill("x" * 161)
    assert page.locator("#text-count").text_content() == "161 characters · 2 parts"
    assert page.get_by_role("button", name="Use template").is_hidden()
    page.get_by_label("Template").select_option(str(template.pk))
    assert page.get_by_label("Text", exact=True).input_value() == template.body
    assert (
        "(a character outside GSM-7 makes each part 70)"
        in page.locator("#text-count").text_content()
    )
