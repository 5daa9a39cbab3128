from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.views import SpectacularAPIView

from guatu.core.api_root import ApiDocsView, ApiRootView

admin.site.site_header = admin.site.site_title = _("guatu administration")
admin.site.index_title = _("Ledger and reference data")

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    # Browsers ask for /favicon.ico whatever the page links; send them to the static file.
    path("favicon.ico", lambda request: redirect(static("guatu/favicon.ico"), permanent=False), name="favicon"),
    # One root for every app's endpoints (each app's router only knows its own).
    path("api/v1/", ApiRootView.as_view(), name="api-index"),
    path("api/v1/", include("guatu.schedules.api.urls")),
    path("api/v1/", include("guatu.indicators.api.urls")),
    path("api/v1/", include("guatu.exchange.api.urls")),
    path("api/v1/", include("guatu.projects.api.urls")),
    path("api/v1/", include("guatu.reporting.api.urls")),
    path("api/v1/safety/", include("guatu.safety.api.urls")),
    path("api/v1/innovation/", include("guatu.innovation.api.urls")),
    path("api/v1/", include("guatu.funds.api.urls")),
    path("api/v1/", include("guatu.attraction.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", ApiDocsView.as_view(), name="api-docs"),
    path("admin/", admin.site.urls),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("guatu.audit.urls")),
    path("account/", include("guatu.accounts.urls")),
    path("", include("guatu.schedules.urls")),
    path("", include("guatu.indicators.urls")),
    path("", include("guatu.briefings.urls")),
    path("", include("guatu.exchange.urls")),
    path("", include("guatu.reporting.urls")),
    path("", include("guatu.innovation.urls")),
    path("", include("guatu.funds.urls")),
    path("", include("guatu.attraction.urls")),
    path("", include("guatu.projects.urls")),
    path("", include("guatu.safety.urls")),
]
