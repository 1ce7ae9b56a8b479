from django.urls import path

from ghostless.candidates import merge_views, views

app_name = "candidates"
urlpatterns = [
    path("", views.candidate_list_page, name="list"),
    path("new/", views.candidate_create_page, name="create"),
    path("merges/", merge_views.merge_list, name="merges"),
    path("<int:pk>/", views.candidate_detail, name="detail"),
    path("<int:pk>/edit/", views.candidate_edit, name="edit"),
    path("<int:pk>/log/", views.activity_log_create, name="log"),
    path("<int:pk>/duplicates/", views.candidate_duplicates, name="duplicates"),
    path("<int:pk>/merge/<int:other_pk>/", merge_views.merge_compare, name="merge"),
    path(
        "<int:pk>/duplicates/<int:other_pk>/dismiss/",
        merge_views.duplicate_dismiss_page,
        name="duplicate_dismiss",
    ),
]
