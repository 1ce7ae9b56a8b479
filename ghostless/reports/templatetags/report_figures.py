from django import template

register = template.Library()


@register.filter
def pct(value) -> str:
    """A share as "42.5%", or a dash when there was nothing to share out."""
    return "—" if value is None else f"{value:g}%"


@register.filter
def orblank(value) -> str:
    return "—" if value is None else f"{value:g}"
