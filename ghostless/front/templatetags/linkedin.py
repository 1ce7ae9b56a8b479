"""`{% linkedin_bookmarklet %}`: the bookmarklet's href, for the settings page."""

from django import template

from ghostless.front.linkedin import bookmarklet_for

register = template.Library()


@register.simple_tag(takes_context=True)
def linkedin_bookmarklet(context) -> str:
    return bookmarklet_for(context["request"])
