"""Logging in: the password, then the second factor when the person has one; single sign-on
beside it when configured; signing out of every session."""

import time

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from ghostless.accounts import two_factor
from ghostless.accounts.middleware import ENROL_REQUIRED
from ghostless.accounts.models import User
from ghostless.accounts.security_log import log_event

PENDING = "two_factor_pending"  # session key: who gave a right password, waiting for a code
PENDING_SECONDS = 300
WRONG_CODES_ALLOWED = 5


def _safe_next(request: HttpRequest, url: str) -> str:
    ok = url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return url if url and ok else settings.LOGIN_REDIRECT_URL


def finish_login(request: HttpRequest, user: User, *, method: str, next_url: str) -> HttpResponse:
    """A session for someone who proved who they are; enrolment first where it is required."""
    auth_login(request, user)
    log_event("login", user=user, request=request, method=method)
    if method == "password" and two_factor.required(user):
        request.session[ENROL_REQUIRED] = True
        messages.info(request, "Your team requires two-factor authentication: set it up now.")
        return redirect("accounts:two_factor")
    return redirect(_safe_next(request, next_url))


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sso_enabled"] = settings.SSO_ENABLED
        context["local_passwords"] = settings.LOCAL_PASSWORDS
        context["sso_failed"] = self.request.GET.get("sso") == "failed"
        return context

    def post(self, request, *args, **kwargs):
        if not settings.LOCAL_PASSWORDS:
            messages.error(request, "Passwords are switched off here: sign in with SSO.")
            return redirect("login")
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        user = form.get_user()
        next_url = self.get_success_url()
        if two_factor.enabled(user):
            self.request.session[PENDING] = {
                "user": user.pk,
                "backend": user.backend,
                "next": next_url,
                "at": int(time.time()),
                "wrong": 0,
            }
            return redirect("login_verify")
        return finish_login(self.request, user, method="password", next_url=next_url)


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code from your authenticator app, or a recovery code",
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )


@login_not_required
def login_verify(request: HttpRequest) -> HttpResponse:
    """The second step: a code for the person whose password was right a moment ago."""
    pending = request.session.get(PENDING)
    if not pending or time.time() - pending["at"] > PENDING_SECONDS:
        request.session.pop(PENDING, None)
        if request.method == "POST" or pending:
            messages.error(request, "That took too long. Please log in again.")
        return redirect("login")
    user = User.objects.filter(pk=pending["user"], is_active=True).first()
    if user is None:
        request.session.pop(PENDING, None)
        return redirect("login")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = two_factor.verify(user=user, code=form.cleaned_data["code"])
        if device is not None:
            del request.session[PENDING]
            user.backend = pending["backend"]
            response = finish_login(
                request,
                user,
                method=f"password + {two_factor.method_of(device)}",
                next_url=pending["next"],
            )
            otp_login(request, device)
            return response
        # Counted by django-axes like a wrong password, so codes cannot be guessed at leisure.
        user_login_failed.send(
            sender=__name__, credentials={"username": user.username}, request=request
        )
        pending["wrong"] += 1
        if pending["wrong"] >= WRONG_CODES_ALLOWED:
            del request.session[PENDING]
            messages.error(request, "Too many wrong codes. Please log in again.")
            return redirect("login")
        request.session[PENDING] = pending
        form.add_error("code", "That code is not right. Codes change every 30 seconds.")
    status = 422 if form.errors else 200
    return TemplateResponse(request, "accounts/login_verify.html", {"form": form}, status=status)


@require_POST
def sign_out_everywhere(request: HttpRequest) -> HttpResponse:
    """Every session of this person ends, on every device, this one included."""
    user = request.user
    User.objects.filter(pk=user.pk).update(session_epoch=user.session_epoch + 1)
    log_event("signed_out_everywhere", user=user, request=request)
    logout(request)
    messages.success(request, "You are signed out on every device. Log in again to continue.")
    return redirect("login")
