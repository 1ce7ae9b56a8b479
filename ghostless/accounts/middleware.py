from django.conf import settings
from django.utils import timezone

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
