from django.urls import path

from ghostless.texts import bulk_views, views

app_name = "texts"
urlpatterns = [
    path("compose/<int:candidate_pk>/", views.compose, name="compose"),
    path("templates/", views.template_list, name="templates"),
    path("templates/new/", views.template_edit, name="template_create"),
    path("templates/<int:pk>/", views.template_edit, name="template_edit"),
    path("bulk/", bulk_views.bulk_text, name="bulk"),
    path("triage/", views.triage, name="triage"),
    path("triage/<int:pk>/attach/", views.triage_attach, name="triage_attach"),
    path("triage/<int:pk>/dismiss/", views.triage_dismiss, name="triage_dismiss"),
]
