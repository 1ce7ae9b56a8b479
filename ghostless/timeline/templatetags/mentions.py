from django import template
from django.utils.html import escape

from ghostless.timeline.mentions import marked

register = template.Library()


@register.filter
def with_mentions(text: str, payload: dict) -> str:
    """`{{ activity.body|with_mentions:activity.payload }}`: the users the entry mentioned
    when it was logged are marked; an entry without mentions costs an escape."""
    usernames = payload.get("mentions") if isinstance(payload, dict) else None
    return marked(text, usernames) if usernames else escape(text)
