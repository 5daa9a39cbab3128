from rest_framework.routers import DefaultRouter

from guatu.funds.api import views

router = DefaultRouter()
router.register("funds", views.FundViewSet, basename="fund")
router.register("fund-commitments", views.FundCommitmentViewSet, basename="fundcommitment")
router.register("fund-investments", views.FundInvestmentViewSet, basename="fundinvestment")

urlpatterns = router.urls
