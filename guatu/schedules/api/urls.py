from django.urls import path
from rest_framework.routers import DefaultRouter

from guatu.schedules.api import views

router = DefaultRouter()
router.register("milestone-templates", views.MilestoneTemplateViewSet, basename="milestonetemplate")
router.register("milestones", views.MilestoneViewSet, basename="milestone")
router.register("problems", views.ProblemViewSet, basename="problem")

urlpatterns = [
    path("projects/<str:code>/schedule/", views.ScheduleView.as_view(), name="api-schedule"),
    path("projects/<str:code>/apply-template/", views.ApplyTemplateView.as_view(), name="api-apply-template"),
    path("projects/<str:code>/approve-plan/", views.ApprovePlanView.as_view(), name="api-approve-plan"),
    path("warnings/", views.WarningsView.as_view(), name="api-warnings"),
    *router.urls,
]
