from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from ghostless.messaging.selectors import failed_messages
from ghostless.messaging.triage import triage_waiting_count


def failed_emails(request: HttpRequest) -> dict:
    """The nav badge: the user's emails that did not arrive lately. Lazy, so htmx fragments
    that never show the nav cost no query."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.sees_everything:
        return {}
    return {"failed_email_count": SimpleLazyObject(lambda: failed_messages(user=user).count())}


def triage_count(request: HttpRequest) -> dict:
    """The Inbox nav badge: emails waiting in triage for a person. Lazy, like the one above."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.sees_everything:
        return {}
    return {"triage_count": SimpleLazyObject(triage_waiting_count)}
