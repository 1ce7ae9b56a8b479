from django.urls import path

from ghostless.privacy import views

app_name = "privacy"

urlpatterns = [
    path("settings/retention/", views.retention_page, name="retention"),
    path("settings/retention/rules/", views.rule_add, name="rule_add"),
    path("settings/retention/rules/<int:pk>/delete/", views.rule_delete, name="rule_delete"),
    path("settings/retention/run/", views.run_now, name="run"),
    path("settings/retention/progress/", views.run_progress, name="progress"),
    path("candidates/<int:pk>/anonymise/", views.anonymise, name="anonymise"),
    path("candidates/<int:pk>/export/", views.export, name="export"),
    path("candidates/<int:pk>/exports/", views.export_list, name="exports"),
    path("privacy/exports/<str:token>/", views.export_download, name="export_download"),
    path("privacy/confirm/<str:code>/", views.confirm, name="confirm"),
    path("privacy/ask/<str:token>/", views.ask, name="ask"),
]
