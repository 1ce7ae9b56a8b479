"""Account events for the audit log, sent through hooks.account_event (timeline writes them)."""

import time

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.http import HttpRequest

from ghostless.accounts.models import User
from ghostless.core import hooks
from ghostless.core.ratelimit import client_ip

LAST_SEEN = "last_seen"  # session key: when this session last made a request (epoch seconds)
SELF = object()  # the person acted on their own account


def log_event(
    event: str,
    *,
    user: User | None,
    request: HttpRequest | None = None,
    actor=SELF,
    label: str = "",
    **detail,
) -> None:
    if request is not None:
        detail["address"] = client_ip(request)
    hooks.account_event.send(
        actor=user if actor is SELF else actor,
        user=user,
        label=label or (user.name if user else ""),
        event=event,
        detail={key: [None, value] for key, value in detail.items()},
    )


def _failed(sender, credentials, request=None, **kwargs):
    typed = str(credentials.get("username", ""))[:150]
    user = User.objects.filter(username__iexact=typed).first() if typed else None
    log_event("login_failed", user=user, request=request, actor=None, label=typed, username=typed)


def _logged_out(sender, request, user, **kwargs):
    if user is not None and request is not None:
        log_event("logout", user=user, request=request)


def _logged_in(sender, request, user, **kwargs):
    """Every new session starts its idle clock (accounts.middleware.SessionIdleMiddleware)."""
    if request is not None and hasattr(request, "session"):
        request.session[LAST_SEEN] = int(time.time())


def connect() -> None:
    user_login_failed.connect(_failed, dispatch_uid="ghostless.accounts.failed")
    user_logged_out.connect(_logged_out, dispatch_uid="ghostless.accounts.logged_out")
    user_logged_in.connect(_logged_in, dispatch_uid="ghostless.accounts.logged_in")
