"""A second look before a mass or irreversible action.

The action's form posts as usual; without `confirm=yes` the view answers with
`confirmation_page` instead of acting: what will happen, how many it touches, and a form that
posts the same fields again with `confirm=yes`, its button naming the action. Without JavaScript
that is a page of its own; `confirm.js` asks for it with HX-Target "confirm-dialog" and shows
it in a modal <dialog>, then resubmits the original form so htmx swaps what it always did.
"""

from dataclasses import dataclass, field

from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.cache import patch_vary_headers

CONFIRM_FIELD = "confirm"
DIALOG_TARGET = "confirm-dialog"
NOT_CARRIED = {"csrfmiddlewaretoken", CONFIRM_FIELD}


def confirmed(request: HttpRequest) -> bool:
    return request.POST.get(CONFIRM_FIELD) == "yes"


@dataclass
class Confirmation:
    title: str  # the question: "Withdraw Ana Lima's application?"
    button: str  # the action, named: "Withdraw Ana Lima's application"
    cancel_url: str
    what: list[str] = field(default_factory=list)  # what will happen, a sentence each
    count: int | None = None  # how many it touches, when more than one may be
    count_label: str = ""  # "recipients", "applicants"
    danger: bool = False
    # A bulk send's first message as its recipient gets it: {"to", "rendered"}.
    preview: dict | None = None
    skipped: list[tuple[str, int]] = field(default_factory=list)  # (why, how many)
    nav: str = ""


def confirmation_page(request: HttpRequest, confirmation: Confirmation) -> TemplateResponse:
    """Ask, acting on nothing: the dialog's body when confirm.js asked for it, else a page."""
    template = "core/confirm.html"
    if request.htmx and request.htmx.target == DIALOG_TARGET:
        template += "#confirm_body"
    carried = [
        (name, value)
        for name, values in request.POST.lists()
        if name not in NOT_CARRIED
        for value in values
    ]
    context = {
        "confirmation": confirmation,
        "action": request.get_full_path(),
        "carried": carried,
        "nav": confirmation.nav,
    }
    response = TemplateResponse(request, template, context)
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response
