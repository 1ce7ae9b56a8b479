"""Reads of a user's own notifications: nobody reads another's."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from ghostless.accounts.models import Role, User
from ghostless.core.links import set_links
from ghostless.notifications.models import Kind, Notification

MENU_SIZE = 8
FIELDS = (
    "kind",
    "text",
    "candidate_id",
    "activity_id",
    "followup_id",
    "url",
    "created_at",
    "read_at",
)


def notifications_for(*, user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user).only(*FIELDS).order_by("-created_at", "-id")


def unread_count(user: User) -> int:
    return Notification.objects.filter(user=user, read_at=None).count()


def access_notification(user: User, pk) -> Notification:
    """The user's own notification, or a 404."""
    return get_object_or_404(Notification.objects.filter(user=user), pk=pk)


def with_links(rows) -> list[Notification]:
    """Each row's `link`: the entry on the profile, the profile's follow-ups, the profile,
    or the stored address (a list of candidates handed over at once)."""
    rows = list(rows)
    on_profile = [row for row in rows if row.candidate_id]
    set_links(on_profile, profile_url=("candidates:detail", "candidate_id"))
    for row in rows:
        row.link = row.url or "/"
        if row.candidate_id and row.activity_id:
            row.link = f"{row.profile_url}#activity-{row.activity_id}"
        elif row.candidate_id and row.kind == Kind.DUE:
            row.link = f"{row.profile_url}#followups"
        elif row.candidate_id:
            row.link = row.profile_url
    return rows


# The typeahead offers at most this many teammates; typing more of a name finds the rest.
PEOPLE_LIMIT = 500


def mentionable_users(*, user: User) -> QuerySet[User]:
    """The active teammates a note by this user can usefully mention: everyone for recruiters
    and admins; recruiters and admins for a hiring manager, who may not learn who manages
    other teams' jobs."""
    users = User.objects.filter(is_active=True).exclude(pk=user.pk)
    if not user.sees_everything:
        users = users.filter(role__in=[Role.ADMIN, Role.RECRUITER])
    return users.order_by("first_name", "last_name", "username").only(
        "username", "first_name", "last_name"
    )[:PEOPLE_LIMIT]
