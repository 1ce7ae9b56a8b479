"""The nav's badges: overdue follow-ups, undelivered email, triage and unread notifications,
in one query."""

from django.db import connection
from django.http import HttpRequest
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from ghostless.accounts.models import User
from ghostless.followups.models import FollowUp, State
from ghostless.messaging.models import InboundEmail, InboundState, Message
from ghostless.messaging.selectors import FAILED_WINDOW, UNDELIVERED
from ghostless.notifications.models import Notification
from ghostless.notifications.selectors import unread_count

# The four counts of the nav in one statement. They mirror `overdue_count`,
# `failed_messages(...).count()`, `triage_waiting_count` and `unread_count` (a test holds them
# equal): the ORM spends ten times longer building four queries than the database spends
# answering them, and every page with the nav pays for it.
_NAV_COUNTS = f"""
SELECT
    (SELECT COUNT(*) FROM {FollowUp._meta.db_table}
        WHERE assignee_id = %s AND state = %s AND due_at <= %s),
    (SELECT COUNT(*) FROM {Message._meta.db_table}
        WHERE candidate_id IS NOT NULL AND created_by_id = %s AND status IN (%s, %s)
        AND created_at >= %s),
    (SELECT COUNT(*) FROM {InboundEmail._meta.db_table} WHERE state = %s),
    (SELECT COUNT(*) FROM {Notification._meta.db_table} WHERE user_id = %s AND read_at IS NULL)
"""  # noqa: S608 -- only table names are formatted in; every value is a parameter.

BADGES = ("overdue_followups", "failed_email_count", "triage_count", "unread_notifications")


def nav_counts(user: User) -> dict[str, int]:
    """Overdue follow-ups assigned to the user, their emails that did not arrive lately, the
    emails waiting in triage, and the user's unread notifications."""
    now = timezone.now()
    adapt = connection.ops.adapt_datetimefield_value
    params = [user.pk, State.OPEN, adapt(now), user.pk, *UNDELIVERED]
    params += [adapt(now - FAILED_WINDOW), InboundState.TRIAGE, user.pk]
    with connection.cursor() as cursor:
        cursor.execute(_NAV_COUNTS, params)
        return dict(zip(BADGES, cursor.fetchone(), strict=True))


def nav_badges(request: HttpRequest) -> dict:
    """The nav's badges. Lazy: one query, and only when a page shows the nav, so htmx
    fragments cost nothing. Hiring managers have only the bell."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    if not user.sees_everything:
        return {"unread_notifications": SimpleLazyObject(lambda: unread_count(user))}
    counts = SimpleLazyObject(lambda: nav_counts(user))
    return {name: SimpleLazyObject(lambda name=name: counts[name]) for name in BADGES}
