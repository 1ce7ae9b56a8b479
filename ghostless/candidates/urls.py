from django.urls import path

from ghostless.candidates import merge_views, views

# The list and the profile combine apps: front/urls.py adds them to this namespace.
app_name = "candidates"
urlpatterns = [
    path("new/", views.candidate_create_page, name="create"),
    path("merges/", merge_views.merge_list, name="merges"),
    path("<int:pk>/edit/", views.candidate_edit, name="edit"),
    path("<int:pk>/merge/<int:other_pk>/", merge_views.merge_compare, name="merge"),
    path(
        "<int:pk>/duplicates/<int:other_pk>/dismiss/",
        merge_views.duplicate_dismiss_page,
        name="duplicate_dismiss",
    ),
]
