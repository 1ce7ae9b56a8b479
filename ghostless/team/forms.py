from django import forms
from django.contrib.auth.forms import PasswordResetForm

from ghostless.accounts.models import Role, User
from ghostless.core.widgets import LongSelect
from ghostless.team import services


class InviteForm(forms.Form):
    name = forms.CharField(max_length=300, help_text="First and last name, as colleagues see it.")
    email = forms.EmailField(help_text="The invitation goes here; they log in with its username.")
    role = forms.ChoiceField(choices=Role.choices, initial=Role.RECRUITER)


class ReassignField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return f"{obj.name} ({obj.get_role_display()})"


def _reassign_field(user: User, *, owed: dict[str, int], label: str) -> ReassignField:
    staff = User.objects.filter(is_active=True, role__in=services.FOLLOWUP_ROLES).exclude(
        pk=user.pk
    )
    return ReassignField(
        queryset=staff.order_by("first_name", "last_name", "username"),
        required=False,
        empty_label="Choose a colleague",
        widget=LongSelect,
        label=label,
        help_text=f"{user.name} has {services.owed_words(owed)}. Each candidate's timeline "
        "will say you moved them.",
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(choices=Role.choices)

    def __init__(self, *args, user: User, owed: dict[str, int], **kwargs):
        # Both forms of the page name their field reassign_to: their ids must differ.
        super().__init__(*args, auto_id="role_%s", **kwargs)
        if any(owed.values()):
            self.fields["reassign_to"] = _reassign_field(
                user, owed=owed, label="If they become a hiring manager, hand their work to"
            )


class DeactivateForm(forms.Form):
    def __init__(self, *args, user: User, owed: dict[str, int], **kwargs):
        super().__init__(*args, auto_id="deactivate_%s", **kwargs)
        if any(owed.values()):
            self.fields["reassign_to"] = _reassign_field(
                user, owed=owed, label="Hand their work to"
            )


class ResetForm(PasswordResetForm):
    """Django's form, mailing through the outbox with links to SITE_URL."""

    def save(self, **kwargs) -> None:
        services.password_reset_send(email=self.cleaned_data["email"])
