from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "ghostless.search"

    def ready(self):
        from ghostless.core import hooks
        from ghostless.search.index import candidate_reindex

        hooks.candidates_changed.connect(candidate_reindex)
