"""@username in a note: who it names, and the note shown with those names marked.

A mention is `@` and a username (letters, digits and . _ - +, as Django allows) not preceded
by a word character, so an email address ("ann@example.com") names nobody. A name that is
no active user's stays plain text. Matching ignores case; trailing dots end a sentence.
"""

import re

from django.db.models.functions import Lower
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ghostless.accounts.models import User

MENTION_RE = re.compile(r"(?<![\w@])@([\w.+-]*\w)")
# More names than this in one note are not a mention but a mailing list.
MAX_MENTIONS = 20


def mentioned_users(text: str) -> list[User]:
    """The active users the text names with @username, once each, in the order named."""
    names = list(dict.fromkeys(m.lower() for m in MENTION_RE.findall(text)))[:MAX_MENTIONS]
    if not names:
        return []
    found = {
        user.lowered: user
        for user in User.objects.annotate(lowered=Lower("username")).filter(
            lowered__in=names, is_active=True
        )
    }
    return [found[name] for name in names if name in found]


def marked(text: str, usernames: list[str]) -> SafeString:
    """The text, escaped, with each @username that named a user (stored on the entry when it
    was logged) wrapped in a highlight."""
    known = {name.lower() for name in usernames}
    parts, last = [], 0
    for match in MENTION_RE.finditer(text):
        if match.group(1).lower() not in known:
            continue
        parts += [escape(text[last : match.start()])]
        parts += [f'<span class="mention">{escape(match.group(0))}</span>']
        last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))  # noqa: S308 -- every piece of the text is escaped above.
