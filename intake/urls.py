"""The citizen's pages of the intake, served at the site root in the citizen's language."""

from django.urls import path

from intake import views

app_name = "intake"

urlpatterns = [
    path(
        "account/verifica/<uidb64>/<token>/",
        views.verify_email_view,
        name="verify-email",
    ),
]

# The citizen's account and requests (intake-web).
urlpatterns += [
    path("account/registrati/", views.register, name="register"),
    path("account/registrati/controlla-email/", views.register_done, name="register-done"),
    path("account/accedi/", views.CitizenLoginView.as_view(), name="login"),
    path("account/esci/", views.CitizenLogoutView.as_view(), name="logout"),
    path("account/attiva/", views.activate, name="activate"),
    path("account/informativa/", views.privacy_update, name="privacy-update"),
    path("account/password/", views.password_reset, name="password-reset"),
    path("account/password/inviata/", views.password_reset_done, name="password-reset-done"),
    path(
        "account/password/<uidb64>/<token>/",
        views.password_reset_confirm,
        name="password-reset-confirm",
    ),
    path(
        "account/password/cambiata/",
        views.password_reset_complete,
        name="password-reset-complete",
    ),
    path("richieste/", views.my_requests, name="my-requests"),
    path("richieste/nuova/<int:service_id>/", views.request_create, name="request-create"),
    path("richieste/<str:reference>/", views.request_detail, name="request-detail"),
    path("richieste/<str:reference>/ricevuta.pdf", views.request_receipt, name="request-receipt"),
    path(
        "richieste/<str:reference>/inviata/",
        views.request_submitted,
        name="request-submitted",
    ),
    path("richieste/<str:reference>/ritira/", views.request_withdraw, name="request-withdraw"),
]

# «I miei dati»: the citizen downloads or erases their data (mydata).
urlpatterns += [
    path("account/dati/", views.my_data, name="my-data"),
    path("account/dati/app/scollega/", views.my_data_revoke_tokens, name="my-data-revoke-tokens"),
    path("account/dati/scarica/", views.my_data_download, name="my-data-download"),
    path("account/dati/cancella/", views.my_data_erase, name="my-data-erase"),
    path("account/dati/cancellato/", views.my_data_erased, name="my-data-erased"),
]
