from django.urls import include, path

from ghostless.pools import nurture_views, public_urls, views

app_name = "pools"
pool_urlpatterns = [
    path("", views.pools_page, name="list"),
    path("<int:pk>/", views.pool_detail, name="detail"),
    path("<int:pk>/members/<int:member_pk>/remove/", views.member_remove, name="remove"),
    path("add/<int:candidate_pk>/", views.candidate_add, name="add"),
    path("add-selected/", views.selection_add, name="add_selected"),
    path("nurture/", nurture_views.nurture_page, name="nurture"),
    path("nurture/<uuid:key>/", nurture_views.nurture_progress_page, name="nurture_progress"),
]

urlpatterns = [
    path("pools/", include(pool_urlpatterns)),
    path("c/", include(public_urls.urlpatterns)),
]
