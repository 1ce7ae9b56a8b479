from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from ghostless.followups.selectors import overdue_count


def followup_counts(request: HttpRequest) -> dict:
    """The Follow-ups nav badge: one COUNT, and only when a page shows the nav, so htmx
    fragments cost nothing."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.sees_everything:
        return {}
    return {"overdue_followups": SimpleLazyObject(lambda: overdue_count(user))}
