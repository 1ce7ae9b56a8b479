"""The triage inbox and bulk sends, under /inbox/; messaging/urls.py mounts them."""

from django.urls import path

from ghostless.messaging import bulk_views, triage_views

urlpatterns = [
    path("", triage_views.triage_list_page, name="triage"),
    path("<int:pk>/", triage_views.triage_email_page, name="triage_email"),
    path("<int:pk>/attach/", triage_views.triage_attach, name="triage_attach"),
    path("<int:pk>/dismiss/", triage_views.triage_dismiss, name="triage_dismiss"),
    path("bulk/", bulk_views.bulk_start, name="bulk_start"),
    path("bulk/<uuid:key>/", bulk_views.bulk_page, name="bulk"),
]
