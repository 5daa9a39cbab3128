from django.urls import path
from rest_framework.routers import DefaultRouter

from guatu.projects.api import views

router = DefaultRouter()
router.register("projects", views.ProjectViewSet, basename="project")
router.register("lists", views.ProjectListViewSet, basename="projectlist")
router.register("annual-plans", views.AnnualPlanViewSet, basename="annualplan")
router.register("monthly-reports", views.MonthlyReportViewSet, basename="monthlyreport")
router.register("list-memberships", views.ListMembershipViewSet, basename="listmembership")

urlpatterns = [
    path("progress/", views.ProgressView.as_view(), name="api-progress"),
    *router.urls,
]
