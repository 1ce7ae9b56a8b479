"""`{% jinja "app/_rows.jinja" %}`: a Jinja2 fragment (core/jinja.py) inside a Django page,
given the page's context; what it writes is already escaped by Jinja2's autoescaping."""

from django import template
from django.template import engines
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


class JinjaNode(template.Node):
    def __init__(self, name: str):
        self.name = name

    def render(self, context) -> str:
        fragment = engines["jinja2"].get_template(self.name)
        values = context.flatten()
        # The page's CSRF token, read once: the backend's own `csrf_input` (given the request)
        # masks a new token at every use, which cost a 200-card board a third of its time.
        token = values.get("csrf_token")
        if token:
            values["csrf_input"] = format_html(
                '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token
            )
        # Jinja2 escapes every value it writes; the result is HTML, safe to insert as is.
        return mark_safe(fragment.render(values))  # noqa: S308


@register.tag
def jinja(parser, token):
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'":
        raise template.TemplateSyntaxError('Use {% jinja "app/_fragment.jinja" %}.')
    return JinjaNode(bits[1][1:-1])
