"""Reads of users."""

from django.db.models import Q, QuerySet

from ghostless.accounts.models import Role, User
from ghostless.core.widgets import LOOKUP_LIMIT


def staff() -> QuerySet[User]:
    """Active admins and recruiters: those who can own candidates and follow-ups."""
    return User.objects.filter(role__in=[Role.ADMIN, Role.RECRUITER], is_active=True)


def people_suggestions(*, text: str) -> QuerySet[User]:
    """Staff whose name or username holds `text`, by name, for a typed owner choice."""
    people = staff()
    for word in text.split()[:3]:
        people = people.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(username__icontains=word)
        )
    return people.order_by("first_name", "last_name", "username").only(
        "username", "first_name", "last_name"
    )[:LOOKUP_LIMIT]
