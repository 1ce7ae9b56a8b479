"""The remembered {% url %} writes what Django's own tag writes."""

import pytest
from django.template import engines
from django.urls import NoReverseMatch

from ghostless.core.templatetags.cached_url import _reverse


def render(source: str, **context) -> str:
    return engines["django"].from_string(source).render(context)


def test_it_answers_as_djangos_tag_for_args_kwargs_and_as_var():
    _reverse.cache_clear()
    assert render("{% url 'candidates:detail' 7 %}") == "/candidates/7/"
    assert render("{% url 'candidates:detail' pk=pk %}", pk=7) == "/candidates/7/"
    assert render("{% url 'candidates:detail' '7' %}") == "/candidates/7/"
    assert render("{% url 'nowhere' as gone %}[{{ gone }}]") == "[]"
    assert render("{% url 'candidates:detail' 8 as link %}{{ link }}") == "/candidates/8/"
    assert render("{% url 'search:results' %}?q={{ q }}", q="a&b") == "/search/?q=a&amp;b"
    assert _reverse.cache_info().hits == 0
    assert render("{% url 'candidates:detail' 7 %}") == "/candidates/7/"
    assert _reverse.cache_info().hits == 1


def test_an_unknown_name_still_raises():
    with pytest.raises(NoReverseMatch):
        render("{% url 'nowhere' %}")
