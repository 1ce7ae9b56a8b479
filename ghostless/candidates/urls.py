from django.urls import path

from ghostless.candidates import unowned, views

# The list and the profile combine apps (front/urls.py), merging is a workflow (merges/urls.py):
# ghostless/urls.py adds their pages to this namespace.
app_name = "candidates"
urlpatterns = [
    path("new/", views.candidate_create_page, name="create"),
    path("unowned/", unowned.unowned_page, name="unowned"),
    path("<int:pk>/edit/", views.candidate_edit, name="edit"),
    path("<int:pk>/do-not-contact/", views.do_not_contact_page, name="do_not_contact"),
]
