from django.urls import path

from ghostless.messaging import bulk_views, triage_views

app_name = "inbox"
urlpatterns = [
    path("", triage_views.triage_list_page, name="list"),
    path("<int:pk>/", triage_views.triage_email_page, name="email"),
    path("<int:pk>/attach/", triage_views.triage_attach, name="attach"),
    path("<int:pk>/dismiss/", triage_views.triage_dismiss, name="dismiss"),
    path("bulk/", bulk_views.bulk_start, name="bulk_start"),
    path("bulk/<uuid:key>/", bulk_views.bulk_page, name="bulk"),
]
