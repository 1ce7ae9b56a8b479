from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET, require_POST

from ghostless.accounts import services, two_factor
from ghostless.accounts.forms import ProfileForm, TokenForm
from ghostless.accounts.selectors import people_suggestions
from ghostless.core.errors import DomainError
from ghostless.core.web import require_hiring_team
from ghostless.core.widgets import lookup_options, lookup_text


@require_GET
def people_lookup(request: HttpRequest) -> HttpResponse:
    """The teammates a typed owner choice suggests: <option>s by username, names beside."""
    require_hiring_team(request)
    people = people_suggestions(text=lookup_text(request))
    return HttpResponse(lookup_options((person.username, person.name) for person in people))


def _render_settings(request, *, profile_form=None, token_form=None, new_token=None, status=200):
    user = request.user
    context = {
        "nav": "settings",
        "profile_form": profile_form
        or ProfileForm(
            digest=user.sees_everything,
            initial={
                "first_name": user.first_name,
                "last_name": user.last_name,
                "email": user.email,
                "time_zone": user.time_zone,
                "digest_hour": user.digest_hour,
            },
        ),
        "token_form": token_form or TokenForm(),
        "tokens": user.api_tokens.all(),
        "new_token": new_token,
        "two_factor_on": two_factor.enabled(user),
    }
    return TemplateResponse(request, "accounts/settings.html", context, status=status)


def settings_page(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _render_settings(request)
    form = ProfileForm(request.POST, digest=request.user.sees_everything)
    if form.is_valid():
        fields = form.cleaned_data
        digest_hour = fields.pop("digest_hour", None)
        try:
            services.user_profile_update(user=request.user, **fields)
            if request.user.sees_everything:
                services.user_digest_hour_set(user=request.user, hour=digest_hour)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, "Your settings are saved.")
            return redirect("accounts:settings")
    return _render_settings(request, profile_form=form, status=422)


@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _render_settings(request, token_form=form, status=422)
    token, raw = services.api_token_create(
        user=request.user,
        name=form.cleaned_data["name"],
        expires_in_days=form.cleaned_data["expires_in_days"],
    )
    # Rendered, not redirected: the raw value exists only in this response.
    response = _render_settings(request, new_token={"token": token, "raw": raw})
    response.headers["Cache-Control"] = "no-store"
    return response


@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(request.user.api_tokens, pk=pk)
    services.api_token_revoke(token=token)
    messages.success(request, f"Token {token.prefix}… is revoked; requests using it now fail.")
    return redirect("accounts:settings")
