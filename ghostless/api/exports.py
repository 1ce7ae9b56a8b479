"""`?format=csv|xlsx` on the API's lists: the same filters and permission checks as the JSON
list, every matching row (not one page), streamed as a spreadsheet (docs/imports.md)."""

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest

from ghostless.imports import exports

# What each kind of list writes: file name, header, rows from the list's queryset.
KINDS = {
    "candidates": (
        "candidates",
        exports.CANDIDATE_HEADER,
        lambda rows, user: exports.candidate_rows(rows, user=user),
    ),
    "applications": (
        "applicants",
        exports.APPLICATION_HEADER,
        lambda rows, user: exports.application_rows(rows),
    ),
    "timeline": (
        "timeline",
        exports.TIMELINE_HEADER,
        lambda rows, user: exports.timeline_rows(rows),
    ),
}


def exportable(kind: str) -> Callable:
    """Put above @paginate: with `?format=` the list's own function is called without paging
    and its rows written as a file; without it, the page is served as before."""
    filename, header, rows_of = KINDS[kind]

    def decorate(view: Callable) -> Callable:
        listing = view.__wrapped__

        @wraps(view)
        def with_export(request: HttpRequest, **kwargs):
            if "format" not in request.GET:
                return view(request, **kwargs)
            fmt = exports.check_format(request.GET["format"])
            kwargs.pop("ninja_pagination", None)
            rows = rows_of(listing(request, **kwargs), request.auth)
            return exports.spreadsheet_response(
                filename=filename, fmt=fmt, header=header, rows=rows
            )

        return with_export

    return decorate
