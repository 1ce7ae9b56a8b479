from django import forms

from ghostless.accounts.models import User
from ghostless.core.widgets import FindInput
from ghostless.messaging.models import EmailTemplate, Purpose
from ghostless.offers.models import PayPeriod

APPROVER_SLOTS = 5


class OfferForm(forms.Form):
    title = forms.CharField(label="Title", max_length=200)
    salary = forms.DecimalField(label="Salary", min_value=0, max_digits=12, decimal_places=2)
    currency = forms.CharField(
        label="Currency",
        max_length=3,
        help_text="ISO 4217 code: EUR, USD, GBP…",
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "size": 4}),
    )
    pay_period = forms.ChoiceField(label="Pay period", choices=PayPeriod.choices)
    start_date = forms.DateField(label="Start date", widget=forms.DateInput(attrs={"type": "date"}))
    expires_on = forms.DateField(
        label="Open until",
        help_text="The last day the candidate can accept; it expires after that day.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    template = forms.ModelChoiceField(
        label="Letter template",
        queryset=EmailTemplate.objects.filter(purpose=Purpose.OFFER),
        empty_label=None,
        help_text="The letter is rendered from it with the offer's terms; edit templates under "
        "Email templates.",
    )


class PolicyForm(forms.Form):
    """Approvers in order (typed, as the people lookup suggests), and the salary range."""

    salary_min = forms.DecimalField(label="Salary from", required=False, decimal_places=2)
    salary_max = forms.DecimalField(label="Salary to", required=False, decimal_places=2)
    currency = forms.CharField(label="Currency of the range", max_length=3, required=False)
    approval_only_outside_range = forms.BooleanField(
        label="Ask for approval only when the salary is outside this range", required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for i in range(APPROVER_SLOTS):
            self.fields[f"approver_{i}"] = forms.CharField(
                label=f"Approver {i + 1}",
                required=False,
                widget=FindInput("accounts:people_lookup"),
            )

    @property
    def approver_fields(self):
        return [self[f"approver_{i}"] for i in range(APPROVER_SLOTS)]

    def approver_ids(self) -> list[int] | None:
        """The chosen users' ids in order, or None after marking a name nobody has."""
        typed = {
            i: self.cleaned_data.get(f"approver_{i}", "").strip() for i in range(APPROVER_SLOTS)
        }
        names = [name for name in typed.values() if name]
        found = dict(User.objects.filter(username__in=names).values_list("username", "pk"))
        for i, name in typed.items():
            if name and name not in found:
                self.add_error(f"approver_{i}", "Pick a teammate from the suggestions.")
        if not self.is_valid():
            return None
        return [found[name] for name in names]
