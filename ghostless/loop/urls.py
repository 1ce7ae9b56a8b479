from django.urls import path

from ghostless.loop import views

app_name = "loop"
urlpatterns = [
    path("jobs/<int:pk>/close/", views.closing_screen, name="close"),
    path("applications/<int:pk>/skip/", views.skip, name="skip"),
    path("messages/<int:pk>/retry/", views.retry, name="retry"),
]
