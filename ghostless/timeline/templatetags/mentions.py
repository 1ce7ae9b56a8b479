from django import template
from django.utils.html import escape

from ghostless.timeline.mentions import marked

register = template.Library()


@register.filter
def with_mentions(text: str, usernames) -> str:
    """`{{ activity.body|with_mentions:activity.payload.mentions }}`: no mentions, no work."""
    return marked(text, usernames) if usernames else escape(text)
