"""Role checks the services share. `None` is the system itself (tasks, commands, seeding)."""

from ghostless.accounts.models import User
from ghostless.core.errors import PermissionDenied


def check_recruiter(actor: User | None, action: str = "can do this") -> None:
    if actor is not None and not actor.sees_everything:
        raise PermissionDenied(f"Only recruiters and admins {action}.")


def check_hiring_team(actor: User | None) -> None:
    """Interviewers see only the interviews they are on: no lists of candidates or jobs, no
    search, no people."""
    if actor is not None and actor.is_interviewer:
        raise PermissionDenied("Interviewers see only the interviews they are on.")


def check_admin(actor: User | None) -> None:
    if actor is not None and not actor.is_admin:
        raise PermissionDenied("Only admins can do this.")
