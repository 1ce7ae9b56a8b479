"""Composed into the `candidates` namespace by ghostless/urls.py: the merge pages keep their
`candidates:` names and paths, though a record app cannot import this workflow."""

from django.urls import path

from ghostless.merges import views

urlpatterns = [
    path("merges/", views.merge_list, name="merges"),
    path("<int:pk>/merge/<int:other_pk>/", views.merge_compare, name="merge"),
    path(
        "<int:pk>/duplicates/<int:other_pk>/dismiss/",
        views.duplicate_dismiss_page,
        name="duplicate_dismiss",
    ),
]
