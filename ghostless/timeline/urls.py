from django.urls import path

from ghostless.timeline import views

app_name = "timeline"
urlpatterns = [
    path("settings/audit/", views.audit_page, name="audit"),
    path("settings/audit/export.csv", views.audit_export, name="audit_export"),
]
