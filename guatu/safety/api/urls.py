from django.urls import path
from rest_framework.routers import DefaultRouter

from guatu.safety.api import views

router = DefaultRouter()
router.register("inspections", views.InspectionViewSet, basename="safety-inspection")
router.register("hazards", views.HazardViewSet, basename="safety-hazard")
router.register("accidents", views.AccidentViewSet, basename="safety-accident")
router.register("awards", views.SafetyAwardViewSet, basename="safety-award")
router.register("thresholds", views.AccidentThresholdViewSet, basename="safety-threshold")
router.register("threat-rules", views.ThreatRuleViewSet, basename="safety-threatrule")

urlpatterns = [
    path("summary/", views.SummaryView.as_view(), name="api-safety-summary"),
    *router.urls,
]
