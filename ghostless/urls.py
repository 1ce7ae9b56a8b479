from django.urls import include, path

from ghostless.api.api import api
from ghostless.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("", include("ghostless.accounts.urls")),
    path("candidates/", include("ghostless.candidates.urls")),
    path("jobs/", include("ghostless.jobs.urls")),
    path("api/v1/", api.urls),
    path("api/openapi.json", core_views.openapi_redirect),
]
