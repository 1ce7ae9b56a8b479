from django.urls import path

from ghostless.candidates import views

app_name = "candidates"
urlpatterns = [
    path("", views.candidate_list_page, name="list"),
    path("new/", views.candidate_create_page, name="create"),
    path("<int:pk>/", views.candidate_detail, name="detail"),
    path("<int:pk>/edit/", views.candidate_edit, name="edit"),
    path("<int:pk>/log/", views.activity_log_create, name="log"),
]
