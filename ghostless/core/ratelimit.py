"""Rate limits on the public forms and the API: a fixed-window counter in Django's cache
(shared by every worker: Redis, or files under var/), answered with 429 and `Retry-After`.

Scopes and their "requests/seconds" come from settings.RATE_LIMITS:
- `login`: posts to the login and two-factor forms, per address (django-axes also locks out
  an account or address after repeated failures; this bounds the attempts themselves);
- `password_reset`: posts asking for a reset email, per address;
- `public_form`: every other post a visitor makes without logging in (apply, status page,
  talent network, invitation), per address;
- `api`: every API request, per bearer token (per address without one).
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string

SCOPE_OF_URL = {
    "login": "login",
    "login_verify": "login",
    "team:password_reset": "password_reset",
}


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: REMOTE_ADDR, or the one PROXY_COUNT trusted proxies saw; None
    for a request made in code (no address), which django-axes then does not count."""
    hops = settings.PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if hops and forwarded:
        chain = [part.strip() for part in forwarded.split(",") if part.strip()]
        if chain:
            return chain[-min(hops, len(chain))]
    return request.META.get("REMOTE_ADDR") or None


def _address(request: HttpRequest) -> str:
    return client_ip(request) or "unknown"


def parse_rate(rate: str) -> tuple[int, int]:
    """ "30/60" -> (30 requests, 60 seconds)."""
    count, _, seconds = rate.partition("/")
    return int(count), int(seconds or 60)


def hit(scope: str, ident: str) -> int:
    """Count one request; return 0 when allowed, else the seconds until the window ends."""
    limit, window = parse_rate(settings.RATE_LIMITS[scope])
    now = time.time()
    start = int(now // window) * window
    digest = hashlib.sha256(ident.encode()).hexdigest()[:32]
    key = f"ratelimit:{scope}:{digest}:{start}"
    cache.add(key, 0, timeout=window + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr: a new window
        cache.set(key, 1, timeout=window + 1)
        count = 1
    if count <= limit:
        return 0
    return max(1, int(start + window - now + 0.999))


def scope_for(request: HttpRequest, view_func) -> tuple[str, str] | None:
    """The scope and the identity a request counts against, or None when it is not limited."""
    if request.path.startswith("/api/"):
        auth = request.headers.get("Authorization", "")
        return "api", auth if auth.lower().startswith("bearer ") else _address(request)
    if request.method != "POST":
        return None
    match = request.resolver_match
    name = match.view_name if match else ""
    if name in SCOPE_OF_URL:
        return SCOPE_OF_URL[name], _address(request)
    if getattr(view_func, "login_required", True) is False:
        return "public_form", _address(request)
    return None


def too_many(request: HttpRequest, retry_after: int) -> HttpResponse:
    message = f"Too many requests. Please wait {retry_after} seconds and try again."
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": message}, status=429)
    else:
        html = render_to_string(
            "core/too_many.html", {"retry_after": retry_after, "message": message}, request
        )
        response = HttpResponse(html, status=429)
    response["Retry-After"] = str(retry_after)
    return response


class RateLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        found = scope_for(request, view_func)
        if found is None:
            return None
        scope, ident = found
        if retry_after := hit(scope, ident):
            return too_many(request, retry_after)
        return None
