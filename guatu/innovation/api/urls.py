from django.urls import path
from rest_framework.routers import SimpleRouter

from guatu.innovation.api import views

router = SimpleRouter()
router.register("platform-types", views.PlatformTypeViewSet, basename="innovation-platformtype")
router.register("platforms", views.InnovationPlatformViewSet, basename="innovation-platform")
router.register("partners", views.PlatformPartnerViewSet, basename="innovation-partner")
router.register("milestones", views.PlatformMilestoneViewSet, basename="innovation-milestone")
router.register("outputs", views.PlatformOutputViewSet, basename="innovation-output")
router.register("project-links", views.PlatformProjectViewSet, basename="innovation-project-link")
router.register("lead-links", views.PlatformLeadViewSet, basename="innovation-lead-link")
router.register("schemes", views.EvaluationSchemeViewSet, basename="innovation-scheme")
router.register("scheme-indicators", views.SchemeIndicatorViewSet, basename="innovation-indicator")
router.register("grade-bands", views.GradeBandViewSet, basename="innovation-band")

urlpatterns = [
    path("scorecard/", views.ScorecardView.as_view(), name="api-innovation-scorecard"),
    path("ranking/", views.RankingView.as_view(), name="api-innovation-ranking"),
    *router.urls,
]
