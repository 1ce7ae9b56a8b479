"""A person's two-factor settings, and the admins' Security page: which roles must use two
factors, and the logins django-axes has locked out, with a button to lift each lock."""

from datetime import timedelta

from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from ghostless.accounts import two_factor
from ghostless.accounts.login_views import CodeForm
from ghostless.accounts.middleware import ENROL_REQUIRED
from ghostless.accounts.models import Role, SecurityPolicy
from ghostless.accounts.security_log import log_event
from ghostless.core.errors import DomainError
from ghostless.core.web import require_admin


def _no_store(response: HttpResponse) -> HttpResponse:
    response.headers["Cache-Control"] = "no-store"
    return response


def _two_factor_render(request, *, form=None, codes=None, status=200):
    user = request.user
    enabled = two_factor.enabled(user)
    context = {
        "nav": "settings",
        "enabled": enabled,
        "required": two_factor.required(user),
        "form": form or CodeForm(),
        "codes": codes,
        "codes_left": two_factor.recovery_codes_left(user) if enabled else 0,
    }
    if not enabled:
        device = two_factor.pending_device(user)
        context |= {"qr": two_factor.qr_svg(device), "secret": two_factor.secret_text(device)}
    return _no_store(TemplateResponse(request, "accounts/two_factor.html", context, status=status))


def two_factor_page(request: HttpRequest) -> HttpResponse:
    """Enrol (scan, confirm with a code), see how many recovery codes are left, renew them,
    or turn two factors off where the role allows."""
    if request.method != "POST":
        return _two_factor_render(request)
    action = request.POST.get("action", "enrol")
    form = CodeForm(request.POST)
    try:
        if action == "renew":
            codes = two_factor.recovery_codes_renew(user=request.user)
            return _two_factor_render(request, codes=codes)
        if not form.is_valid():
            return _two_factor_render(request, form=form, status=422)
        code = form.cleaned_data["code"]
        if action == "disable":
            two_factor.disable(user=request.user, code=code)
            messages.success(request, "Two-factor authentication is off.")
            return redirect("accounts:two_factor")
        device, codes = two_factor.enrol_confirm(user=request.user, code=code)
    except DomainError as exc:
        form.add_error("code" if "code" in form.fields else None, exc.message)
        return _two_factor_render(request, form=form, status=422)
    otp_login(request, device)
    request.session.pop(ENROL_REQUIRED, None)
    messages.success(request, "Two-factor authentication is on. Keep your recovery codes safe.")
    return _two_factor_render(request, codes=codes)


class PolicyForm(forms.Form):
    two_factor_roles = forms.MultipleChoiceField(
        label="Roles that must use two-factor authentication",
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Applies from each person's next password login; they are asked to set it "
        "up before anything else. Single sign-on logins rely on your identity provider.",
    )


def _locks():
    """Failed-login counters still inside the cool-off window, most failures first."""
    since = timezone.now() - timedelta(hours=settings.AXES_COOLOFF_TIME)
    return AccessAttempt.objects.filter(attempt_time__gte=since).order_by(
        "-failures_since_start", "-attempt_time"
    )[:200]


def security_page(request: HttpRequest, *, form=None, status=200) -> HttpResponse:
    require_admin(request)
    policy = SecurityPolicy.current()
    if request.method == "POST" and form is None:
        form = PolicyForm(request.POST)
        if form.is_valid():
            before = sorted(policy.two_factor_roles)
            policy.two_factor_roles = sorted(form.cleaned_data["two_factor_roles"])
            policy.save()
            if before != policy.two_factor_roles:
                log_event(
                    "two_factor_policy_changed",
                    user=request.user,
                    request=request,
                    roles=", ".join(policy.two_factor_roles) or "none",
                )
            messages.success(request, "The security policy is saved.")
            return redirect("accounts:security")
        status = 422
    context = {
        "nav": "settings",
        "form": form or PolicyForm(initial={"two_factor_roles": policy.two_factor_roles}),
        "locks": _locks(),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": round(settings.AXES_COOLOFF_TIME * 60),
    }
    return TemplateResponse(request, "accounts/security.html", context, status=status)


@require_POST
def lock_lift(request: HttpRequest) -> HttpResponse:
    """Lift the lock on one account name or one address (django-axes forgets its failures)."""
    require_admin(request)
    username = request.POST.get("username", "")[:255]
    address = request.POST.get("ip_address", "")[:64]
    if not username and not address:
        messages.error(request, "Choose a lock to lift.")
        return redirect("accounts:security")
    removed = axes_reset(username=username or None, ip=address or None)
    log_event(
        "login_lock_lifted",
        user=None,
        actor=request.user,
        request=request,
        label=username or address,
        username=username,
        locked_address=address,
    )
    messages.success(request, f"The lock on {username or address} is lifted ({removed} cleared).")
    return redirect("accounts:security")
