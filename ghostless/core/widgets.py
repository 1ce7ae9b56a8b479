"""Form widgets for pages that must stay fast with large choice lists."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe


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
