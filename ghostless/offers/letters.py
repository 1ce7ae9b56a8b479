"""The offer letter: an `offer` template rendered with the messaging merge fields plus the
offer's terms, in the words and formats the candidate reads."""

from datetime import date
from decimal import Decimal

from django.utils.safestring import mark_safe

from ghostless.messaging import rendering
from ghostless.messaging.models import EmailTemplate, Purpose
from ghostless.offers.models import PayPeriod


def money(amount: Decimal) -> str:
    """85000 → "85,000"; 85000.5 → "85,000.50"."""
    whole = amount == amount.to_integral_value()
    return f"{amount:,.0f}" if whole else f"{amount:,.2f}"


def long_day(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def terms_text(*, salary: Decimal, currency: str, pay_period: str) -> str:
    return f"{currency} {money(salary)} {PayPeriod(pay_period).label}"


def offer_fields(*, title: str, salary, currency, pay_period, start_date, expires_on) -> dict:
    return {
        "title": title,
        "salary": money(salary),
        "currency": currency,
        "pay_period": PayPeriod(pay_period).label,
        "start_date": long_day(start_date),
        "expires_on": long_day(expires_on),
    }


def letter_html(letter: str) -> str:
    """The letter as the email's HTML part shows it: Markdown, escaped, then sanitized."""
    return mark_safe(rendering.to_html(letter))  # noqa: S308 -- nh3-sanitized just above


def default_offer_template() -> EmailTemplate | None:
    return EmailTemplate.objects.filter(purpose=Purpose.OFFER).order_by("name", "id").first()


def letter_render(*, template: EmailTemplate, application, recruiter, terms: dict):
    """(subject, body) of the letter; a template that cannot render is a RenderError naming
    `template_id`."""
    candidate = application.candidate
    first_email = candidate.emails.values_list("email", flat=True).first() or ""
    context = rendering.merge_context(
        candidate=candidate, job=application.job, recruiter=recruiter, to_email=first_email
    )
    context["offer"] = offer_fields(**terms)
    try:
        rendered = rendering.render(subject=template.subject, body=template.body, context=context)
    except rendering.RenderError as error:
        raise rendering.RenderError(
            f"The template “{template.name}” could not be rendered: {error.message}",
            field="template_id",
        ) from None
    return rendered.subject, rendered.text
