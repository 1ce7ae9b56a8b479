"""Whole pages through Jinja2 (issue 15): `jinja_page(request, "app/page.jinja", context)`.

A page that extends `base.jinja` (core/jinja2/, the twin of templates/base.html) renders
without the Django engine, which spent about 40% of the profile's time resolving variables
node by node. The context is what a Django page gets: `request`, `user`, `messages`, the
nav's badges (the Jinja2 engine's `context_processors` in settings.TEMPLATES), and the CSRF
token with its hidden input made once per page (`csrf_input`): the backend's own lazy input
masks a new token at every use.

htmx fragments of such a page stay Django partials that include the same Jinja2 fragments
(`{% jinja %}`, core/templatetags/jinja.py), so every piece of HTML has one source."""

import sys

from django.contrib.messages import get_messages
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template import engines
from django.utils.html import format_html


def jinja_page(
    request: HttpRequest, name: str, context: dict, *, status: int = 200
) -> HttpResponse:
    backend = engines["jinja2"]
    template = backend.env.get_template(name)
    token = get_token(request)
    values = {
        "request": request,
        "user": request.user,
        "messages": get_messages(request),
        "csrf_token": token,
        "csrf_input": format_html(
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token
        ),
    }
    for processor in backend.template_context_processors:
        values.update(processor(request))
    values.update(context)
    html = template.render(values)
    # The test client learns a page's context from this signal, which only the Django engine
    # sends; it is loaded only where django.test is (tests, the benchmark).
    signals = sys.modules.get("django.test.signals")
    if signals is not None:
        signals.template_rendered.send(sender=template, template=template, context=values)
    return HttpResponse(html, status=status)
