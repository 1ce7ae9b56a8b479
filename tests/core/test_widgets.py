"""LongSelect writes the same select as Django's, without a template per option."""

from django import forms
from django.test.html import parse_html

from ghostless.core.widgets import LongSelect


class Both(forms.Form):
    plain = forms.ChoiceField(required=False)
    fast = forms.ChoiceField(required=False, widget=LongSelect)

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("plain", "fast"):
            self.fields[name].choices = choices
            self.fields[name].widget.attrs["hx-get"] = "/x/?a=1&b=2"


def rendered(form: Both, name: str) -> str:
    html = str(form[name])
    return html.replace(f'name="{name}"', 'name="N"').replace(f'id="id_{name}"', 'id="ID"')


def same_html(one: str, other: str) -> bool:
    """Equal as HTML: attribute order and entity spelling aside."""
    return parse_html(one) == parse_html(other)


def test_same_options_selection_and_escaping_as_django():
    choices = [("", "Any job"), ("1", "Data <Engineer>"), ("2", 'Say "hi" & go')]
    form = Both({"plain": "2", "fast": "2"}, choices=choices)
    fast = rendered(form, "fast")
    assert same_html(fast, rendered(form, "plain"))
    assert "Data &lt;Engineer&gt;" in fast
    assert '<option value="2" selected>' in fast
    assert 'hx-get="/x/?a=1&amp;b=2"' in fast


def test_optgroups_and_required_flags():
    choices = [("", "Any stage"), ("Backend", [("3", "Screen"), ("4", "Offer")])]
    form = Both({"plain": "4", "fast": "4"}, choices=choices)
    form.fields["fast"].required = form.fields["plain"].required = True
    fast = rendered(form, "fast")
    assert same_html(fast, rendered(form, "plain"))
    assert '<optgroup label="Backend">' in fast
    assert " required" in fast
