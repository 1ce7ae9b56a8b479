from django.urls import path

from ghostless.resumes import views

app_name = "resumes"
urlpatterns = [
    path("<int:pk>/", views.download, name="download"),
    path("<int:pk>/contacts/", views.contacts_apply, name="contacts"),
    path("candidate/<int:pk>/", views.card, name="card"),
    path("candidate/<int:pk>/upload/", views.upload, name="upload"),
]
