from django.urls import path

from ghostless.search import views

app_name = "search"
urlpatterns = [
    path("", views.search_results, name="results"),
    path("selection/", views.selection_act, name="selection"),
    path("saved/", views.saved_search_save, name="save"),
    path("saved/<int:pk>/delete/", views.saved_search_delete, name="saved_delete"),
]
