from django import forms
from django.utils.functional import cached_property

from ghostless.candidates.selectors import candidates_visible_to
from ghostless.core.forms import FieldGroup
from ghostless.core.widgets import LongSelect
from ghostless.pools.models import Basis, TalentPool


class PoolForm(forms.Form):
    name = forms.CharField(max_length=120)
    description = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Who belongs here, e.g. “backend engineers who reached the final interview”.",
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "pool")
        super().__init__(*args, **kwargs)


class PoolAddForm(forms.Form):
    """Add one candidate (from the profile) to a pool, and say why."""

    bound_field_class = FieldGroup

    pool = forms.ModelChoiceField(
        queryset=TalentPool.objects.all(),
        empty_label="Choose a pool",
        label="Talent pool",
        widget=LongSelect,
    )
    reason = forms.CharField(
        max_length=200,
        required=False,
        help_text="Why keep them, e.g. “strong final interview, no opening now”.",
    )
    basis = forms.ChoiceField(
        choices=Basis.choices,
        initial=Basis.LEGITIMATE_INTEREST,
        required=False,
        label="Basis",
        help_text="Consent only if they agreed (e.g. on a call): Ghostless then asks them to "
        "renew before it runs out. Either way they are removed when it does.",
    )

    def clean_basis(self) -> str:
        return self.cleaned_data["basis"] or Basis.LEGITIMATE_INTEREST

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "pool-add")
        super().__init__(*args, **kwargs)

    @cached_property
    def has_pools(self) -> bool:
        """Whether there is a pool to offer. Reads the pools once, for this and the options."""
        field = self.fields["pool"]
        pools = list(field.queryset.only("name"))
        options = [(pool.pk, field.label_from_instance(pool)) for pool in pools]
        field.choices = [("", field.empty_label), *options]
        return bool(pools)


class PoolBulkAddForm(PoolAddForm):
    """Add the candidates ticked on the candidate list."""

    candidates = forms.ModelMultipleChoiceField(
        queryset=None,
        widget=forms.MultipleHiddenInput,
        error_messages={"required": "Tick at least one candidate first."},
    )

    def __init__(self, *args, user, **kwargs):
        # The checkboxes in the table rows post as "bulk-candidates".
        kwargs.setdefault("prefix", "bulk")
        super().__init__(*args, **kwargs)
        self.fields["candidates"].queryset = candidates_visible_to(user)
