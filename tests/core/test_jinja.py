"""Jinja2 fragments inside Django pages: the page's context, escaped, the same filters."""

from datetime import UTC, datetime

import pytest
from django.template import TemplateSyntaxError, engines
from django.utils import timezone


def test_a_fragment_sees_the_page_context_escaped_with_our_date_filters(settings):
    jinja = engines["jinja2"].from_string(
        "{{ name }} {{ at|when }} {{ at|iso }} {{ url('candidates:detail', 7) }}"
    )
    at = datetime(2026, 3, 2, 15, 5, tzinfo=UTC)
    with timezone.override("Europe/Berlin"):
        html = jinja.render({"name": "<b>Ana</b>", "at": at})
    assert html == (
        "&lt;b&gt;Ana&lt;/b&gt; 2 Mar 2026, 16:05 CET 2026-03-02T16:05:00+01:00 /candidates/7/"
    )


def test_the_jinja_tag_needs_a_quoted_name():
    with pytest.raises(TemplateSyntaxError):
        engines["django"].from_string("{% load jinja %}{% jinja rows %}")
