from django.urls import path

from ghostless.pools import nurture_views, views

# "pools" is the namespace of the candidates' public links (public_urls.py).
app_name = "talent"
urlpatterns = [
    path("", views.pools_page, name="list"),
    path("<int:pk>/", views.pool_detail, name="detail"),
    path("<int:pk>/members/<int:member_pk>/remove/", views.member_remove, name="remove"),
    path("add/<int:candidate_pk>/", views.candidate_add, name="add"),
    path("add-selected/", views.selection_add, name="add_selected"),
    path("nurture/", nurture_views.nurture_page, name="nurture"),
    path("nurture/<uuid:key>/", nurture_views.nurture_progress_page, name="nurture_progress"),
]
