from django.urls import path

from ghostless.imports import views

app_name = "imports"
urlpatterns = [
    path("", views.import_list, name="list"),
    path("<int:pk>/", views.import_detail, name="detail"),
    path("<int:pk>/check/", views.import_check, name="check"),
    path("<int:pk>/run/", views.import_start, name="run"),
    path("<int:pk>/rejected/", views.import_rejected, name="rejected"),
    path("json-resume/", views.resume_upload, name="resume_upload"),
    path("candidates/<int:pk>/resume.json", views.resume_json, name="resume_json"),
    path("export/candidates/", views.export_candidates, name="export_candidates"),
    path("export/search/", views.export_search, name="export_search"),
    path("export/jobs/<int:pk>/applicants/", views.export_applicants, name="export_applicants"),
    path("export/candidates/<int:pk>/timeline/", views.export_timeline, name="export_timeline"),
]
