import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.utils import timezone

from ghostless.accounts.security_log import LAST_SEEN
from ghostless.core.when import ShownZone


class UserTimezoneMiddleware:
    """Show times in the user's own time zone (else the site's); they are stored in UTC. The
    zone shows any stored time, even one it cannot hold, rather than failing the page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        name = settings.TIME_ZONE
        if user is not None and user.is_authenticated and user.time_zone:
            name = user.time_zone
        zone = ShownZone(name)
        # override() restores the previous zone, so no request leaks its zone to the next.
        with timezone.override(zone):
            return self.get_response(request)


class SessionIdleMiddleware:
    """End a session after SESSION_IDLE_MINUTES without a request (0: never). The clock is
    written back at most once a minute, so most requests add no session write."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        idle = settings.SESSION_IDLE_MINUTES * 60
        if idle and request.user.is_authenticated:
            now = int(time.time())
            seen = request.session.get(LAST_SEEN)
            if seen is not None and now - seen > idle:
                logout(request)
                messages.info(request, "You were signed out after a period of inactivity.")
                if request.path.startswith("/api/"):
                    return self.get_response(request)
                return redirect_to_login(request.get_full_path())
            if seen is None or now - seen >= 60:
                request.session[LAST_SEEN] = now
        return self.get_response(request)


# Pages a person made to enrol can still reach before they have.
ENROL_OPEN = ("accounts:two_factor", "logout", "accounts:sign_out_everywhere")


ENROL_REQUIRED = "two_factor_enrol"  # session key set by the login view


class TwoFactorMiddleware:
    """A person whose role must use two factors, logged in with a password before enrolling,
    is sent to enrolment until they have (the login view sets the session flag)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.session.get(ENROL_REQUIRED):
            return None
        match = request.resolver_match
        if request.path.startswith(("/api/", "/" + settings.STATIC_URL.lstrip("/"))) or (
            match and match.view_name in ENROL_OPEN
        ):
            return None
        if not request.user.is_authenticated:
            return None
        return redirect("accounts:two_factor")
