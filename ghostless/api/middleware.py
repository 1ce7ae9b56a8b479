"""Under /api/, every error is JSON: the pages Django writes itself (an unknown path, a wrong
method, a request it refused before any view ran, a crash) are answered in the API's shape;
and browser extensions may call it across origins (CORS)."""

import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import patch_vary_headers

PREFIX = "/api/"


def _detail(request: HttpRequest, response: HttpResponse) -> str:
    if response.status_code == 404:
        return "There is no API operation at this address; the schema is at /api/openapi.json."
    if response.status_code == 405:
        return f"{request.method} is not allowed here; use {response['Allow']}."
    if response.status_code >= 500:
        return "Server error. It has been logged; please try again later."
    return response.reason_phrase


def api_json_errors(get_response: Callable[[HttpRequest], HttpResponse]):
    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        if (
            not request.path.startswith(PREFIX)
            or response.status_code < 400
            or response.get("Content-Type", "").startswith("application/json")
        ):
            return response
        replaced = JsonResponse({"detail": _detail(request, response)}, status=response.status_code)
        for header in ("Allow", "WWW-Authenticate", "Retry-After"):
            if header in response:
                replaced[header] = response[header]
        return replaced

    return middleware


# Browser extensions (the LinkedIn one among them) call the API from their own origin. The
# API authenticates by bearer token only, never by cookie, so answering these origins lets
# no web page act as anyone: a page cannot claim an extension's origin, nor read a token.
EXTENSION_ORIGIN = re.compile(r"^(chrome-extension|moz-extension|safari-web-extension)://[\w-]+$")
CORS_HEADERS = {
    "Access-Control-Allow-Methods": "GET, POST, PATCH, PUT, DELETE",
    "Access-Control-Allow-Headers": "Authorization, Content-Type",
    "Access-Control-Max-Age": "600",
}


def api_cors(get_response: Callable[[HttpRequest], HttpResponse]):
    """CORS for browser extensions under /api/: preflights answered here, answers marked."""

    def middleware(request: HttpRequest) -> HttpResponse:
        origin = request.headers.get("Origin", "")
        if not request.path.startswith(PREFIX) or not EXTENSION_ORIGIN.match(origin):
            return get_response(request)
        if request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers:
            response = HttpResponse(status=204)
            for header, value in CORS_HEADERS.items():
                response[header] = value
        else:
            response = get_response(request)
        response["Access-Control-Allow-Origin"] = origin
        patch_vary_headers(response, ["Origin"])
        return response

    return middleware
