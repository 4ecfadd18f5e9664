from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from core.informatie import HulpView, ToegankelijkheidView
from core.tweestaps.views import InloggenCodeView, InloggenView, naar_inloggen

admin.site.site_header = "wmo-portaal beheer"
admin.site.site_title = "wmo-portaal"

urlpatterns = [
    path("", include("portaal.urls")),
    path("inloggen/", InloggenView.as_view(), name="login"),
    path("inloggen/code/", InloggenCodeView.as_view(), name="login-code"),
    path("tweestapsverificatie/", include("core.tweestaps.urls")),
    path("hulp/", HulpView.as_view(), name="hulp"),
    path("toegankelijkheid/", ToegankelijkheidView.as_view(), name="toegankelijkheid"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("stamgegevens/", include("stamgegevens.urls")),
    path("berichten/", include("berichten.urls")),
    path("toewijzingen/", include("toewijzingen.urls")),
    path("declaraties/", include("declaraties.urls")),
    path("taken/", include("core.taken.urls")),
    path("rapportages/", include("rapportages.urls")),
    path("meldingen/", include("meldingen.urls")),
    # The admin's own login form would skip the code step of two-factor login.
    path("beheer/login/", naar_inloggen),
    path("beheer/", admin.site.urls),
    path("api/", include("stamgegevens.api.urls")),
    path("api/", include("berichten.api.urls")),
    path("api/", include("toewijzingen.api.urls")),
    path("api/", include("declaraties.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "api/docs/",
        login_required(SpectacularSwaggerSplitView.as_view(url_name="api-schema")),
        name="api-docs",
    ),
]
