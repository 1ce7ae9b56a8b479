"""The cheaper stand-ins for Django's field group and date filter write the same HTML."""

from datetime import UTC, datetime

import pytest
from django import forms
from django.template import engines
from django.utils import timezone

from ghostless.core.forms import FieldGroup


class Plain(forms.Form):
    name = forms.CharField(help_text="As on the <b>passport</b>.")
    why = forms.CharField(label="Why?", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    kind = forms.ChoiceField(choices=[("", "Any"), ("a", "A & B")], required=False)
    when = forms.ChoiceField(choices=[("1", "Soon"), ("2", "Later")], widget=forms.RadioSelect)
    agree = forms.BooleanField(required=False, label_suffix="")
    on = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))


class Fast(Plain):
    bound_field_class = FieldGroup


class PlainRequired(Plain):
    required_css_class = "needed"


class FastRequired(PlainRequired):
    bound_field_class = FieldGroup


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"prefix": "p", "auto_id": "x-%s"},
        {"auto_id": False},
        {"label_suffix": ""},
        {"data": {"name": "", "kind": "zz", "when": "3", "on": "nope"}},
    ],
)
@pytest.mark.parametrize(
    ("plain_class", "fast_class"), [(Plain, Fast), (PlainRequired, FastRequired)]
)
def test_field_groups_match_djangos_template(options, plain_class, fast_class):
    plain, fast = plain_class(**options), fast_class(**options)
    for name in plain.fields:
        assert fast[name].as_field_group() == plain[name].as_field_group(), name


def render(source: str, **context) -> str:
    return engines["django"].from_string("{% load rows %}" + source).render(context)


def test_iso_is_the_c_date_format_in_the_current_zone():
    when = datetime(2024, 1, 15, 15, 0, 5, 120, tzinfo=UTC)
    with timezone.override("America/New_York"):
        assert render("{{ d|iso }}", d=when) == render("{{ d|date:'c' }}", d=when)
        assert render("{{ d|iso }}", d=when) == "2024-01-15T10:00:05.000120-05:00"
    assert render("{{ d|iso }}", d=None) == render("{{ d|date:'c' }}", d=None) == ""
