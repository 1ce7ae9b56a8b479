"""The Team pages (admins), the invitation link, and password reset and change."""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import SetPasswordForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_POST

from ghostless.accounts import two_factor
from ghostless.accounts.models import User
from ghostless.core.errors import DomainError
from ghostless.core.web import form_error, render, require_admin
from ghostless.team import services
from ghostless.team.forms import DeactivateForm, InviteForm, ResetForm, RoleForm
from ghostless.team.invitations import InvitationInvalid, invitation_user
from ghostless.team.selectors import access_member, team_members


def _rows(members):
    days = timedelta(days=settings.INVITE_DAYS)
    return [
        {"person": person, "expires_at": person.invited_at + days if person.invited_at else None}
        for person in members
    ]


def team_page(request: HttpRequest, *, invite_form=None, status=200) -> HttpResponse:
    require_admin(request)
    context = {
        "nav": "team",
        "rows": _rows(team_members(user=request.user)),
        "invite_form": invite_form or InviteForm(),
        "invite_days": settings.INVITE_DAYS,
    }
    return render(request, "team/team.html", context, status=status)


@require_POST
def team_invite(request: HttpRequest) -> HttpResponse:
    require_admin(request)
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            user = services.user_invite(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(
                request,
                f"Invitation sent to {user.email}. Their username is {user.username}; "
                f"the link works for {settings.INVITE_DAYS} days.",
            )
            return redirect("team:list")
    return team_page(request, invite_form=form, status=422)


def _member(request: HttpRequest, pk: int) -> User:
    try:
        return access_member(user=request.user, pk=pk)
    except User.DoesNotExist:
        raise Http404 from None


def member_page(request: HttpRequest, pk: int, *, forms=None, status=200) -> HttpResponse:
    require_admin(request)
    member = _member(request, pk)
    owed = services.work_owned(member)
    forms = forms or {}
    context = {
        "nav": "team",
        "member": member,
        "expires_at": _rows([member])[0]["expires_at"],
        "role_form": forms.get("role")
        or RoleForm(initial={"role": member.role}, user=member, owed=owed),
        "deactivate_form": forms.get("deactivate") or DeactivateForm(user=member, owed=owed),
        "is_self": member.pk == request.user.pk,
    }
    return render(request, "team/member.html", context, status=status)


@require_POST
def member_update(request: HttpRequest, pk: int) -> HttpResponse:
    """One door for the page's three forms: `action` says which (role, deactivate, reactivate)."""
    require_admin(request)
    member = _member(request, pk)
    action = request.POST.get("action")
    form_class = {"role": RoleForm, "deactivate": DeactivateForm}.get(action)
    owed = services.work_owned(member)
    form = form_class(request.POST, user=member, owed=owed) if form_class else None
    if action not in ("role", "deactivate", "reactivate"):
        messages.error(request, "Choose what to change.")
        return redirect("team:member", pk=member.pk)
    if form is not None and not form.is_valid():
        return member_page(request, pk, forms={action: form}, status=422)
    fields = dict(form.cleaned_data) if form is not None else {}
    fields["is_active"] = {"deactivate": False, "reactivate": True}.get(action)
    try:
        services.user_update(actor=request.user, user=member, **fields)
    except DomainError as error:
        if form is None:
            messages.error(request, error.message)
            return redirect("team:member", pk=member.pk)
        form_error(form, error)
        return member_page(request, pk, forms={action: form}, status=422)
    done = {
        "role": f"{member.name}'s role is now {member.get_role_display()}.",
        "deactivate": f"{member.name} is deactivated: they can no longer log in or use API tokens.",
        "reactivate": f"{member.name} is active again and can log in.",
    }[action]
    if (target := fields.get("reassign_to")) and any(owed.values()):
        done += f" {target.name} has their {services.owed_words(owed)} now."
    messages.success(request, done)
    return redirect("team:member", pk=member.pk)


@require_POST
def member_resend(request: HttpRequest, pk: int) -> HttpResponse:
    require_admin(request)
    member = _member(request, pk)
    try:
        services.user_invite_resend(actor=request.user, user=member)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        sent = f"A new invitation is on its way to {member.email}; the old link no longer works."
        messages.success(request, sent)
    return redirect("team:member", pk=member.pk)


@login_not_required
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the invitation: choose a password, and you are logged in."""
    try:
        user = invitation_user(token)
    except InvitationInvalid as problem:
        context = {"problem": str(problem)}
        return TemplateResponse(request, "team/invitation_invalid.html", context, status=410)
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            password = form.cleaned_data["new_password1"]
            user = services.invitation_accept(user=user, password=password)
        except DomainError as error:
            form_error(form, error, aliases={"password": "new_password1"})
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, f"Welcome to Ghostless, {user.name}.")
            return redirect("home")
    status = 422 if form.is_bound else 200
    context = {"form": form, "invited": user}
    return TemplateResponse(request, "team/invitation_accept.html", context, status=status)


class Unprocessable:
    """A form sent back with errors answers 422, as the app's other forms do."""

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 422
        return response


class LocalPasswordsOnly:
    """With LOCAL_PASSWORDS=false people sign in through SSO only: no password to reset."""

    @method_decorator(login_not_required)
    def dispatch(self, request, *args, **kwargs):
        if not settings.LOCAL_PASSWORDS:
            raise Http404("Passwords are switched off: sign in with SSO.")
        return super().dispatch(request, *args, **kwargs)


class PasswordResetView(LocalPasswordsOnly, Unprocessable, auth_views.PasswordResetView):
    form_class = ResetForm
    template_name = "team/password_reset.html"
    success_url = reverse_lazy("team:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "team/password_reset_done.html"


class PasswordResetConfirmView(
    LocalPasswordsOnly, Unprocessable, auth_views.PasswordResetConfirmView
):
    template_name = "team/password_reset_confirm.html"
    post_reset_login = True
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"
    success_url = reverse_lazy("home")

    def form_valid(self, form):
        if two_factor.enabled(form.user):
            # The emailed link is one factor: the person logs in with the new password and
            # their code, so a stolen mailbox alone does not open the account.
            self.post_reset_login = False
            super().form_valid(form)
            messages.success(self.request, "Password changed. Log in with it and your code.")
            return redirect("login")
        response = super().form_valid(form)
        messages.success(self.request, "Your password is changed, and you are logged in.")
        return response


class PasswordChangeView(Unprocessable, auth_views.PasswordChangeView):
    template_name = "team/password_change.html"
    success_url = reverse_lazy("accounts:settings")
    extra_context = {"nav": "settings"}

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, "Your password is changed.")
        return response
