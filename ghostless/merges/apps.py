from django.apps import AppConfig


class MergesConfig(AppConfig):
    """Folding two records of one person into one: a workflow over every app that holds
    candidates' rows. No models: its audit rows (`CandidateMerge`) belong to candidates."""

    name = "ghostless.merges"
    label = "merges"
