from django import forms

from ghostless.candidates.selectors import candidates_visible_to
from ghostless.pools.models import TalentPool


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

    pool = forms.ModelChoiceField(
        queryset=TalentPool.objects.all(), empty_label="Choose a pool", label="Talent pool"
    )
    reason = forms.CharField(
        max_length=200,
        required=False,
        help_text="Why keep them, e.g. “strong final interview, no opening now”.",
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "pool-add")
        super().__init__(*args, **kwargs)


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
