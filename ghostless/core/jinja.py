"""The Jinja2 engine for the rows of long pages (applicant tables, timelines, board cards).

Django's engine costs about a microsecond per variable lookup and more per filter; a page of
25 to 200 rows spends most of its time there (docs/performance.md). Jinja2 compiles a
template to Python, several times faster for the same HTML. A Django page includes a Jinja2
fragment with `{% jinja "app/_rows.jinja" %}` (core/templatetags/jinja.py), which hands it
the page's context. Autoescaping is on, as in Django templates."""

from datetime import date, datetime

from django.templatetags.static import static
from django.utils import timezone
from django.utils.timesince import timesince
from django_htmx.jinja import django_htmx_script, htmx_script
from jinja2 import Environment

from ghostless.core.templatetags import dates, rows
from ghostless.core.templatetags.cached_url import cached_reverse


def local(value):
    """As Django's `expects_localtime` filters see a time: in the active zone."""
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def _local_filter(function):
    return lambda value: function(local(value))


def _timesince(value: date | datetime | None) -> str:
    return timesince(value) if value else ""


def _pluralize(value) -> str:
    """Django's `pluralize` for counts: "s" unless the value is 1."""
    return "" if value == 1 else "s"


def environment(**options) -> Environment:
    options.pop("autoescape", None)
    env = Environment(autoescape=True, **options)
    env.globals.update(
        url=cached_reverse,
        static=static,
        htmx_script=htmx_script,
        django_htmx_script=django_htmx_script,
    )
    env.filters.update(
        day=_local_filter(dates.day),
        when=_local_filter(dates.when),
        iso=_local_filter(rows.iso),
        timesince=_timesince,
        pluralize=_pluralize,
    )
    return env
