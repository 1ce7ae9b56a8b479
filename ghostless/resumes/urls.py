from django.urls import path

from ghostless.resumes import views

app_name = "resumes"
urlpatterns = [
    path("<int:pk>/", views.download, name="download"),
]
