"""Under /jobs/: a job's suggestions from the network (see suggestion_views.py)."""

from django.urls import path

from ghostless.search import suggestion_views as views

app_name = "suggestions"
urlpatterns = [
    path("<int:pk>/suggestions/", views.suggestions_page, name="list"),
    path(
        "<int:pk>/suggestions/<int:candidate_pk>/add/",
        views.suggestion_add_view,
        name="add",
    ),
]
