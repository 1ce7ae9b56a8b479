"""References inside a request body, turned into objects or a 422 naming the field.

A missing or invisible object in the URL is a 404; one named in the body is bad input.
"""

from ghostless.accounts.models import User
from ghostless.candidates.models import Candidate
from ghostless.candidates.selectors import candidates_visible_to
from ghostless.core.errors import DomainError
from ghostless.jobs.models import Application, Job, RejectionReason, Stage
from ghostless.jobs.selectors import applications_visible_to, jobs_visible_to


def user_named(username: str | None, *, field: str) -> User | None:
    if username is None:
        return None
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise DomainError(f"There is no active user called {username}.", field=field)
    return user


def users_named(usernames: list[str], *, field: str) -> list[User]:
    return [user_named(username, field=field) for username in dict.fromkeys(usernames)]


def visible_candidate(user: User, pk: int, *, field: str) -> Candidate:
    candidate = candidates_visible_to(user).filter(pk=pk).first()
    if candidate is None:
        raise DomainError(f"There is no candidate {pk}.", field=field)
    return candidate


def visible_job(user: User, pk: int, *, field: str) -> Job:
    job = jobs_visible_to(user).filter(pk=pk).first()
    if job is None:
        raise DomainError(f"There is no job {pk}.", field=field)
    return job


def visible_application(user: User, pk: int, *, field: str) -> Application:
    application = applications_visible_to(user).filter(pk=pk).first()
    if application is None:
        raise DomainError(f"There is no application {pk}.", field=field)
    return application


def stage_with_id(pk: int, *, field: str) -> Stage:
    """Any stage; whether it belongs to the right job is the service's call."""
    stage = Stage.objects.filter(pk=pk).first()
    if stage is None:
        raise DomainError(f"There is no stage {pk}.", field=field)
    return stage


def rejection_reason_named(name: str, *, field: str) -> RejectionReason:
    """An active reason by name, any case; otherwise the error lists the valid names."""
    active = RejectionReason.objects.filter(active=True)
    reason = active.filter(name__iexact=name.strip()).first()
    if reason is None:
        names = list(active.values_list("name", flat=True))
        raise DomainError(
            f"Unknown rejection reason. Use one of: {', '.join(names)}.",
            field=field,
            choices=names,
        )
    return reason
