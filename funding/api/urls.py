"""Routes of the funding API, included at /api/funding/."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from funding.api import views

app_name = "funding-api"

router = SimpleRouter()
router.register("funds", views.FundViewSet, basename="fund")
router.register("allocations", views.AllocationViewSet, basename="allocation")
router.register("orders", views.OrderViewSet, basename="order")
router.register("deliveries", views.DeliveryViewSet, basename="delivery")
router.register("statements", views.StatementViewSet, basename="statement")
router.register("plans", views.PlanViewSet, basename="plan")
router.register("welfare-credits", views.WelfareCreditViewSet, basename="welfare-credit")
router.register("reimbursements", views.ReimbursementViewSet, basename="reimbursement")

urlpatterns = [path("isee/", views.IseeView.as_view(), name="isee"), *router.urls]
