"""The Content-Security-Policy holds on the main pages: a real Chromium walks them with a
listener for `securitypolicyviolation` installed before any page script, and records console
errors; none may appear (no inline script or style anywhere, htmx injects no <style>)."""

import pytest
from django.urls import reverse

from ghostless.candidates.status_links import status_token
from tests.factories import ActivityFactory

pytestmark = pytest.mark.browser

LISTENER = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const where = `${event.sourceFile}:${event.lineNumber}`;
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI} ${where}`);
});
"""


def watch(page) -> list[str]:
    """Script errors, and any resource the page could not load (the browser's own favicon
    guess aside), named by address rather than by the console's anonymous line."""
    errors: list[str] = []
    page.add_init_script(LISTENER)

    def console(msg):
        if msg.type == "error" and not msg.text.startswith("Failed to load resource"):
            errors.append(msg.text)

    def response(answer):
        if answer.status >= 400 and not answer.url.endswith("/favicon.ico"):
            errors.append(f"{answer.status} {answer.url}")

    page.on("console", console)
    page.on("response", response)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return errors


def visit(page, path: str, errors: list[str]) -> None:
    response = page.goto(path)
    assert response.status < 400, (path, response.status)
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")
    violations = page.evaluate("window.__violations")
    assert violations == [], (path, violations)
    assert errors == [], (path, errors)


def test_the_main_pages_report_no_csp_violation(new_page, logged_in_page, admin, application):
    candidate, job = application.candidate, application.job
    ActivityFactory(candidate=candidate, actor=admin, application=application)

    visitor = new_page()
    errors = watch(visitor)
    visit(visitor, reverse("login"), errors)
    visit(visitor, reverse("careers:list"), errors)
    visit(visitor, reverse("careers:job", args=[job.slug]), errors)  # the apply form
    visit(visitor, reverse("status:page", args=[status_token(candidate.pk)]), errors)

    page = logged_in_page(admin)
    errors = watch(page)
    for path in [
        reverse("home"),
        reverse("candidates:list"),
        reverse("candidates:detail", args=[candidate.pk]),
        reverse("jobs:detail", args=[job.pk]),
        reverse("jobs:board", args=[job.pk]),
        reverse("followups:queue"),
        reverse("followups:team"),
        reverse("reports:dashboard"),
        reverse("reports:funnel"),
        reverse("accounts:settings"),
        reverse("accounts:two_factor"),
        reverse("accounts:security"),
        reverse("timeline:audit"),
        reverse("messaging:compose", args=[candidate.pk]),
    ]:
        visit(page, path, errors)
