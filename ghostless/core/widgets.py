"""Form widgets for pages that must stay fast with large choice lists."""

import re

from django import forms
from django.forms.utils import flatatt
from django.urls import reverse
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe

# "Backend engineer (#12)": how a FindInput names a record chosen from its suggestions.
_CHOSEN_ID = re.compile(r"\(#(\d{1,18})\)\s*$")
# Suggestions a lookup sends as the user types: enough to pick from, never the whole table.
LOOKUP_LIMIT = 20


def choice_id(value) -> int | None:
    """The id in what a FindInput submitted ("Backend engineer (#12)"), or a bare id ("12")
    as links and saved searches carry it; None for anything else."""
    text = str(value or "").strip()
    if text.isdigit() and len(text) < 19:
        return int(text)
    found = _CHOSEN_ID.search(text)
    return int(found[1]) if found else None


class FindInput(forms.TextInput):
    """A text box that suggests its choices as you type, from a lookup view into a <datalist>:
    a filter over thousands of jobs or people writes none of them into the page, so the page
    costs the same at any size. The lookup gets the typed text as this box's own parameter.
    Without JS the typed text is submitted and the field resolves it (or says to pick)."""

    def __init__(self, lookup: str, attrs=None, query: str = ""):
        super().__init__(attrs)
        self.lookup, self.query = lookup, query

    def render(self, name, value, attrs=None, renderer=None):
        final = {**(attrs or {})}
        options_id = f"{final.get('id') or self.attrs.get('id') or name}-options"
        final.update(
            {
                "list": options_id,
                "autocomplete": "off",
                "hx-get": reverse(self.lookup) + self.query,
                # Suggestions on focus (the likeliest first), then narrowed as the user types.
                "hx-trigger": "focus once, input changed delay:200ms",
                "hx-target": f"#{options_id}",
                "hx-sync": "this:replace",
            }
        )
        box = super().render(name, value, final, renderer)
        return box + format_html('<datalist id="{}"></datalist>', options_id)


def lookup_text(request) -> str:
    """What the user typed into a FindInput, sent under whatever name its form gives it."""
    return next((v for k, v in request.GET.items() if k not in ("live",)), "").strip()[:100]


def lookup_options(rows) -> str:
    """<option>s for a FindInput's datalist: (value submitted, hint shown beside it)."""
    return format_html_join("", '<option value="{}">{}</option>', rows)


class LongSelect(forms.Select):
    """A select whose options are written in one pass. Django renders every option through
    its own template (about 20 µs each); a filter form listing hundreds of jobs and recruiters
    spent most of its page time there. Same HTML as `forms.Select`, optgroups included."""

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            final["multiple"] = True
        selected = {str(v) for v in self.format_value(value)}
        parts = [f'<select name="{conditional_escape(name)}"{flatatt(final)}>']
        for option_value, label in self.choices:
            if isinstance(label, list | tuple):
                parts.append(f'<optgroup label="{conditional_escape(option_value)}">')
                parts += [self._option(v, text, selected) for v, text in label]
                parts.append("</optgroup>")
            else:
                parts.append(self._option(option_value, label, selected))
        parts.append("</select>")
        return mark_safe("".join(parts))  # noqa: S308 -- every value above is escaped

    def _option(self, value, label, selected: set[str]) -> str:
        value = "" if value is None else str(value)
        chosen = " selected" if value in selected else ""
        return (
            f'<option value="{conditional_escape(value)}"{chosen}>'
            f"{conditional_escape(label)}</option>"
        )
