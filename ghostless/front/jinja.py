"""The Jinja2 engine's environment for pages: core's filters (core/jinja.py) plus what the
fragments of combined pages need from the apps below (received email, mentions)."""

from collections.abc import Iterable

from django.contrib.humanize.templatetags.humanize import naturaltime
from django.template.defaultfilters import filesizeformat
from jinja2 import Environment

from ghostless.core import jinja
from ghostless.messaging.templatetags.email_display import email_view
from ghostless.timeline.templatetags.mentions import with_mentions


def querystring(request, **changes) -> str:
    """Django's `{% querystring %}`: the request's query string with `changes` applied (None
    removes a key), "" when nothing is left of an empty one."""
    params = request.GET.copy()
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        elif isinstance(value, Iterable) and not isinstance(value, str):
            params.setlist(key, value)
        else:
            params[key] = value
    if not params and not request.GET:
        return ""
    return f"?{params.urlencode()}"


def environment(**options) -> Environment:
    env = jinja.environment(**options)
    env.globals.update(
        querystring=querystring,
        email_view=lambda request, inbound: email_view({"request": request}, inbound),
    )
    env.filters.update(
        naturaltime=lambda value: naturaltime(jinja.local(value)),
        filesizeformat=filesizeformat,
        with_mentions=with_mentions,
    )
    return env
