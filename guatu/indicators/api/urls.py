from django.urls import path
from rest_framework.routers import DefaultRouter

from guatu.indicators.api import views

router = DefaultRouter()
router.register("indicators", views.IndicatorViewSet, basename="indicator")
router.register("reporting-units", views.ReportingUnitViewSet, basename="reportingunit")
router.register("indicator-values", views.IndicatorValueViewSet, basename="indicatorvalue")
router.register("rank-targets", views.RankTargetViewSet, basename="ranktarget")

urlpatterns = [
    path("rankings/", views.RankingView.as_view(), name="api-rankings"),
    path("drill/", views.DrillView.as_view(), name="api-drill"),
    *router.urls,
]
