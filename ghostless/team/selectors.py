from django.db.models import Count, Q, QuerySet

from ghostless.accounts.models import User
from ghostless.core.permissions import check_admin
from ghostless.followups.models import OPEN_STATES


def team_members(*, user: User) -> QuerySet[User]:
    """Everyone with an account, for admins: active first, each with their open follow-ups."""
    check_admin(user)
    return (
        User.objects.select_related("invited_by")
        .annotate(open_followups=Count("followups", filter=Q(followups__state__in=OPEN_STATES)))
        .order_by("-is_active", "first_name", "last_name", "username")
    )


def access_member(*, user: User, pk: int) -> User:
    return team_members(user=user).get(pk=pk)
