"""The citizen's pages of the funding, served at the site root in the citizen's language."""

from django.urls import path

from funding import views

app_name = "funding"

urlpatterns = [
    path("buoni/", views.my_vouchers, name="my-vouchers"),
    path("buoni/isee/", views.isee_update, name="isee-update"),
    path(
        "buoni/ordini/<int:pk>/accetta/",
        views.order_decide,
        {"decision": "accetta"},
        name="order-accept",
    ),
    path(
        "buoni/ordini/<int:pk>/rifiuta/",
        views.order_decide,
        {"decision": "rifiuta"},
        name="order-refuse",
    ),
    path("buoni/rimborsi/", views.reimbursement_submit, name="reimbursement-submit"),
    path(
        "buoni/rimborsi/<int:pk>/ricevuta/",
        views.reimbursement_receipt,
        name="reimbursement-receipt",
    ),
    path(
        "buoni/prestazioni/<int:pk>/contesta/",
        views.delivery_contest,
        name="delivery-contest",
    ),
]
