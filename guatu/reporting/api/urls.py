from django.urls import path
from rest_framework.routers import SimpleRouter

from guatu.reporting.api import views

router = SimpleRouter()
router.register("reporting-months", views.ReportingMonthViewSet, basename="reportingmonth")

urlpatterns = [
    path("reporting/status/", views.SubmissionStatusView.as_view(), name="api-reporting-status"),
    *router.urls,
]
