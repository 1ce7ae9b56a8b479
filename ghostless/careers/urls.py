from django.urls import path

from ghostless.careers import views

app_name = "careers"
urlpatterns = [
    path("", views.job_list, name="list"),
    path("feed.json", views.feed_json, name="feed_json"),
    path("feed.xml", views.feed_atom, name="feed_atom"),
    path("<slug:slug>/", views.job_page, name="job"),
    path("<slug:slug>/applied/", views.applied, name="applied"),
]
