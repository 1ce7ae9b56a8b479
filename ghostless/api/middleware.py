"""Under /api/, every error is JSON: the pages Django writes itself (an unknown path, a wrong
method, a request it refused before any view ran, a crash) are answered in the API's shape."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse

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
