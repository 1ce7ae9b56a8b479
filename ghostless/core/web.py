"""The web side's one adapter between pages and the domain.

- `render`: the page, or only the htmx partial it targets; `paginate` a list by the page size.
- `require_recruiter`, `require_admin`, `require_hiring_team`, `require`: role checks with one
  rule for 403 and 404: a page a role cannot use does not exist for it (404) when `hide_page`;
  an action answers 403.
- `refused`, `form_error`: a service's refusal as a message, or next to the field it names; a
  refused permission is a 403, never a message.
- `DomainPermissionMiddleware`: a domain `PermissionDenied` that reaches no view code is a 403.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied as Forbidden
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest
from django.template.response import TemplateResponse
from django.utils.cache import patch_vary_headers

from ghostless.core.errors import DomainError, PermissionDenied
from ghostless.core.permissions import check_admin, check_hiring_team, check_recruiter


def render(
    request: HttpRequest,
    template: str,
    context: dict,
    *,
    partials: tuple[str, ...] = (),
    status: int = 200,
) -> TemplateResponse:
    """Render the page, or only the partial whose id htmx targets."""
    target = request.htmx.target if request.htmx else None
    if target in partials and not request.htmx.history_restore_request:
        template = f"{template}#{target}"
    response = TemplateResponse(request, template, context, status=status)
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response


def paginate(request: HttpRequest, items) -> Page:
    return Paginator(items, settings.PAGE_SIZE).get_page(request.GET.get("page"))


def require(check, request: HttpRequest, *, hide_page: bool = False) -> None:
    """Ask a service's permission check first, so a refused user gets a 403 (or, for a page
    hidden from them, a 404) whatever they sent."""
    try:
        check(request.user)
    except PermissionDenied as error:
        if hide_page and request.method != "POST":
            raise Http404 from error
        raise Forbidden(error.message) from error


def require_recruiter(request: HttpRequest, *, hide_page: bool = False) -> None:
    require(check_recruiter, request, hide_page=hide_page)


def require_admin(request: HttpRequest, *, hide_page: bool = True) -> None:
    require(check_admin, request, hide_page=hide_page)


def require_hiring_team(request: HttpRequest) -> None:
    """Lists and lookups of the records: not for interviewers (a 404 page, a 403 action)."""
    require(check_hiring_team, request, hide_page=True)


def refused(error: DomainError) -> str:
    """What to tell the user of a service's refusal; a refused permission is a 403 instead."""
    if isinstance(error, PermissionDenied):
        raise Forbidden(error.message) from error
    return error.message


def form_error(form: forms.Form, error: DomainError, aliases: dict | None = None) -> None:
    """Show a service's refusal next to the field it names (`aliases` maps a service's field
    name to the form's), or above the form."""
    message = refused(error)
    field = (aliases or {}).get(error.field, error.field)
    form.add_error(field if field in form.fields else None, message)


class DomainPermissionMiddleware:
    """A view that lets a domain `PermissionDenied` through answers 403, like Django's own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, PermissionDenied):
            raise Forbidden(exception.message) from exception
        return None
