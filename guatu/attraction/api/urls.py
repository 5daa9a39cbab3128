from django.urls import path
from rest_framework.routers import DefaultRouter

from guatu.attraction.api import views

router = DefaultRouter()
router.register("leads", views.LeadViewSet, basename="lead")
router.register("lead-stage-changes", views.StageChangeViewSet, basename="leadstagechange")
router.register("lead-talks", views.TalkViewSet, basename="talk")
router.register("lead-contacts", views.ContactViewSet, basename="contact")
router.register("capital-arrivals", views.CapitalArrivalViewSet, basename="capitalarrival")
router.register("signing-events", views.SigningEventViewSet, basename="signingevent")
router.register("industry-chains", views.IndustryChainViewSet, basename="industrychain")
router.register("admission-thresholds", views.AdmissionThresholdViewSet, basename="admissionthreshold")
router.register("attraction-targets", views.AttractionTargetViewSet, basename="attractiontarget")

urlpatterns = [
    path("attraction/summary/", views.SummaryView.as_view(), name="api-attraction-summary"),
    path("attraction/reminders/", views.RemindersView.as_view(), name="api-attraction-reminders"),
    *router.urls,
]
