from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.utils import timezone

from ghostless.core.when import ShownZone

# Paths that anonymous visitors may reach. The API authenticates with its own tokens;
# /c/ holds the signed links candidates click in email.
PUBLIC_PREFIXES = ("/login/", "/api/", "/static/", "/careers/", "/c/", "/healthz")


class LoginRequiredMiddleware:
    """Everything but the public paths needs a logged-in user."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.user.is_authenticated and not request.path.startswith(PUBLIC_PREFIXES):
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        return self.get_response(request)


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
