"""Form fields that stay cheap to render on pages showing several forms."""

from django.forms import BoundField
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

FIELD_TEMPLATE = "django/forms/field.html"
LABEL_TEMPLATE = "django/forms/label.html"


class FieldGroup(BoundField):
    """`{{ field.as_field_group }}` written in Python: the same HTML as Django's field.html
    (label, help text, errors, widget), without its three template renders per field (about
    50 µs; a profile shows fifteen fields). Fieldsets (radio and checkbox groups) and forms
    with their own field or label templates render through Django's templates as before."""

    def as_field_group(self) -> SafeString:
        if (
            self.use_fieldset
            or self.template_name != FIELD_TEMPLATE
            or self.form.template_name_label != LABEL_TEMPLATE
        ):
            return super().as_field_group()
        label = self._label_html() if self.label else ""
        help_text = self._help_html() if self.help_text else ""
        errors = str(self.errors) if self.errors else ""
        # field.html puts each part on its own line and the renderer strips the result.
        return mark_safe(f"{label}\n\n{help_text}\n{errors}\n{self}".strip())  # noqa: S308 -- every part is escaped HTML

    def _label_html(self) -> str:
        """What `label_tag()` renders through label.html."""
        contents = self.label
        suffix = self.field.label_suffix
        if suffix is None:
            suffix = self.form.label_suffix
        if suffix and contents and contents[-1] not in gettext(":?.!"):
            contents = format_html("{}{}", contents, suffix)
        widget = self.field.widget
        id_ = widget.attrs.get("id") or self.auto_id
        if not id_:
            return conditional_escape(contents).strip()
        attrs = {}
        if id_for_label := widget.id_for_label(id_):
            attrs["for"] = id_for_label
        if self.field.required and hasattr(self.form, "required_css_class"):
            attrs["class"] = self.form.required_css_class
        return format_html("<label{}>{}</label>", _attrs_html(attrs), contents).strip()

    def _help_html(self) -> str:
        id_ = format_html(' id="{}_helptext"', self.auto_id) if self.auto_id else ""
        # Help text is the form author's HTML: field.html marks it safe too.
        return format_html('<div class="helptext"{}>{}</div>', id_, mark_safe(self.help_text))  # noqa: S308


def _attrs_html(attrs: dict) -> SafeString:
    """Django's attrs.html: ` name="value"` in order, ` name` for True, nothing for False."""
    parts = [
        format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
        for name, value in attrs.items()
        if value is not False
    ]
    return mark_safe("".join(parts))  # noqa: S308 -- each part went through format_html
