"""Endpoints of the intake API. Each checks who may call it, validates the shape of the
input, and calls one function of `intake.services`; requests are always read through
`requests_visible_to`, so a request outside the caller's scope answers 404."""

from django.contrib.auth import authenticate
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import exceptions, generics, mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from intake import second_factor, services
from intake.api import serializers, throttles
from intake.api.authentication import issue_token, revoke_tokens
from intake.api.errors import IntakeAPIMixin
from intake.api.idempotency import run_idempotently
from intake.api.pagination import IntakePagination
from intake.models import AccessAction, CitizenProfile, RequestEvent, ServiceRequest
from intake.selectors import requests_visible_to
from intake.services.access import record_access

IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description=(
        "Optional, a fresh UUID per operation. A retry with the same key and body gets the "
        "first answer again (header Idempotent-Replayed: true) and changes nothing; the "
        "same key with another body answers 422; a retry while the first is still running "
        "answers 409 with Retry-After. Keys are kept for 24 hours."
    ),
)


def error(description):
    """An error answer in the schema: {"detail": ..., "code": ...}."""
    return OpenApiResponse(response=serializers.IntakeErrorSerializer, description=description)


VALIDATION_ERROR = OpenApiResponse(
    response=OpenApiTypes.OBJECT,
    description='Invalid input, as {"field": ["message", ...]}; errors not tied to one field '
    'are under "non_field_errors".',
)
THROTTLED = error("Too many attempts: wait for Retry-After seconds.")
KEY_IN_USE = error(
    "The same Idempotency-Key is still being processed (code idempotency_key_in_use, "
    "Retry-After), or the request was changed by someone else in the meantime (code "
    "stale_request): reload and retry."
)
KEY_REUSED = error("The Idempotency-Key was used with another body or endpoint.")
NOT_FOUND = error("No such request among those the caller may see.")


class RegistrationView(IntakeAPIMixin, APIView):
    """Online registration: the account stays inactive until the email link is opened."""

    permission_classes = [permissions.AllowAny]
    throttle_classes = [throttles.IntakeRateThrottle]
    throttle_scope = throttles.REGISTRATION

    @extend_schema(
        operation_id="intake_register",
        summary="Register a citizen",
        description=(
            "Creates an inactive account and the citizen's profile, and emails a link to "
            "activate it. The codice fiscale is checked (checksum, consistency with the birth "
            "date) and must not be registered already; so must the email."
        ),
        request=serializers.RegistrationSerializer,
        parameters=[IDEMPOTENCY_KEY],
        responses={
            201: serializers.RegistrationResultSerializer,
            400: VALIDATION_ERROR,
            409: KEY_IN_USE,
            422: KEY_REUSED,
            429: THROTTLED,
        },
        auth=[],
    )
    def post(self, request):
        return run_idempotently(request, self.register)

    def register(self, *, key, fingerprint):
        serializer = serializers.RegistrationSerializer(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        services.register_citizen(**serializer.validated_data)
        detail = _(
            "Registrazione ricevuta. Ti abbiamo inviato un'email: apri il link che contiene "
            "per attivare l'account, poi accedi con il codice fiscale o l'email."
        )
        return Response({"detail": str(detail)}, status=status.HTTP_201_CREATED)


class TokenView(IntakeAPIMixin, APIView):
    """Token login for apps: codice fiscale or email, and password. DELETE logs out."""

    throttle_scope = throttles.LOGIN

    def get_permissions(self):
        if self.request.method == "DELETE":
            return [permissions.IsAuthenticated()]
        return [permissions.AllowAny()]

    def get_throttles(self):
        if self.request.method == "POST":
            return [throttles.IntakeRateThrottle()]
        return []

    @extend_schema(
        operation_id="intake_token_obtain",
        summary="Log in and get a token",
        request=serializers.TokenRequestSerializer,
        description=(
            "A token works for API_TOKEN_DAYS days (30 by default), then this call gives a "
            "new one. Staff must also send otp_code, a code of their second factor, when it "
            "is required (403 second_factor_required otherwise)."
        ),
        responses={
            200: serializers.TokenSerializer,
            400: VALIDATION_ERROR,
            403: error("Staff without a valid second-factor code."),
            429: THROTTLED,
        },
        auth=[],
    )
    def post(self, request):
        serializer = serializers.TokenRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = authenticate(
            request._request,
            username=serializer.validated_data["username"].strip(),
            password=serializer.validated_data["password"],
        )
        if user is None:
            raise exceptions.ValidationError(
                {
                    "non_field_errors": [
                        _(
                            "Codice fiscale, email o password non corretti. Se ti sei appena "
                            "registrato, attiva prima l'account con il link ricevuto per email."
                        )
                    ]
                },
                code="authorization",
            )
        if second_factor.required_for(user):
            # Staff get a token only with a code of their confirmed second factor.
            if not second_factor.is_enrolled(user):
                raise exceptions.PermissionDenied(
                    _("Configura prima il secondo fattore accedendo all'area riservata."),
                    code="second_factor_required",
                )
            code = serializer.validated_data.get("otp_code", "")
            if second_factor.verify_code(user, code) is None:
                raise exceptions.PermissionDenied(
                    _("Serve un codice valido del secondo fattore (otp_code)."),
                    code="second_factor_required",
                )
        return Response({"token": issue_token(user).key})

    @extend_schema(
        operation_id="intake_token_revoke",
        summary="Log out everywhere: revoke the caller's tokens",
        request=None,
        responses={204: None},
    )
    def delete(self, request):
        revoke_tokens(request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class BodyOnDeleteSchema(AutoSchema):
    """drf-spectacular documents a request body only for POST, PUT and PATCH; erasing the
    account takes the password in the DELETE's body, so it is documented there too."""

    def _get_request_body(self, direction="request"):
        if self.method != "DELETE":
            return super()._get_request_body(direction)
        self.method = "POST"
        try:
            return super()._get_request_body(direction)
        finally:
            self.method = "DELETE"


NO_PROFILE = error("The account has no citizen profile (a staff account, for instance).")


def own_profile(request):
    """The caller's CitizenProfile, or 404 saying the account is not a citizen's."""
    profile = (
        CitizenProfile.objects.select_related("municipality").filter(user=request.user).first()
    )
    if profile is None:
        raise exceptions.NotFound(_("Questo account non ha un profilo di cittadino."))
    return profile


@extend_schema_view(
    get=extend_schema(operation_id="intake_profile_retrieve", summary="The caller's profile"),
    patch=extend_schema(
        operation_id="intake_profile_update",
        summary="Update the caller's contacts, residence and language",
        responses={200: serializers.ProfileSerializer, 400: VALIDATION_ERROR},
    ),
)
class ProfileView(IntakeAPIMixin, generics.RetrieveUpdateAPIView):
    """The caller's own CitizenProfile; names, codice fiscale and birth date are read-only.
    DELETE erases the account."""

    serializer_class = serializers.ProfileSerializer
    permission_classes = [permissions.IsAuthenticated]
    http_method_names = ["get", "patch", "delete", "head", "options"]
    schema = BodyOnDeleteSchema()

    def get_object(self):
        return own_profile(self.request)

    def update(self, request, *args, **kwargs):
        """Answer the whole profile: a partial serializer would leave out the read-only
        fields whose source is empty (municipality_name), which the schema requires."""
        super().update(request, *args, **kwargs)
        return Response(self.get_serializer(self.get_object()).data)

    @extend_schema(
        operation_id="intake_profile_erase",
        summary="Erase the caller's account and personal data",
        description=(
            "Needs the password again in the body. Open requests (submitted, in_review, "
            "assigned) are withdrawn; then names, codice fiscale, contacts, the descriptions "
            "of the requests and the citizen's own notes are erased, pending emails, "
            "activation codes and tokens deleted, and the account closed (this token stops "
            "working). The district keeps, anonymised, each request's service, status, "
            "dates and steps, the municipality and the year of birth, for its statistics. "
            "The same codice fiscale may register again."
        ),
        request=serializers.EraseAccountSerializer,
        responses={204: None, 400: VALIDATION_ERROR, 404: NO_PROFILE},
    )
    def delete(self, request):
        profile = self.get_object()
        serializer = serializers.EraseAccountSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        services.erase_citizen(profile=profile, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ProfileExportView(IntakeAPIMixin, APIView):
    """Everything the portal holds about the caller, as the HTML «Scarica i miei dati»."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        operation_id="intake_profile_export",
        summary="Download everything the portal holds about the caller",
        description=(
            "The profile (with the privacy consent and how the citizen was registered), "
            "every request with its description, contacts and steps, and the emails sent "
            "to the citizen. Dates are ISO 8601."
        ),
        responses={200: serializers.CitizenDataExportSerializer, 404: NO_PROFILE},
    )
    def get(self, request):
        profile = own_profile(request)
        response = Response(services.export_citizen_data(profile=profile))
        record_access(actor=request.user, action=AccessAction.DATA_EXPORT, citizen=profile)
        response["Cache-Control"] = "no-store"
        return response


@extend_schema_view(
    list=extend_schema(
        summary="Requests the caller may see",
        description="A citizen sees their own; provider staff their provider's; operators "
        "and the Ufficio di Piano the district's. Newest first.",
    ),
    retrieve=extend_schema(
        summary="One request, with its timeline and the steps the caller may take",
        responses={200: serializers.ServiceRequestDetailSerializer, 404: NOT_FOUND},
    ),
)
class ServiceRequestViewSet(
    IntakeAPIMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Service requests by reference (RW-2026-000042)."""

    permission_classes = [permissions.IsAuthenticated]
    pagination_class = IntakePagination
    lookup_field = "reference"
    lookup_value_regex = "[A-Za-z0-9-]+"

    def get_queryset(self):
        queryset = requests_visible_to(self.request.user).select_related("provider")
        if self.action != "list":
            # The owner that allowed_actions checks, in the same read.
            queryset = queryset.select_related("citizen")
        if self.action == "retrieve":
            # The timeline; steps answer with detail_response, which reads it afresh.
            queryset = queryset.prefetch_related(
                Prefetch("events", RequestEvent.objects.select_related("provider"))
            )
        return queryset.order_by("-submitted_at", "-pk")

    def retrieve(self, request, *args, **kwargs):
        service_request = self.get_object()
        if service_request.citizen.user_id != request.user.pk:
            record_access(
                actor=request.user,
                action=AccessAction.API_VIEW_REQUEST,
                service_request=service_request,
            )
        return Response(self.get_serializer(service_request).data)

    def get_serializer_class(self):
        if self.action == "list":
            return serializers.ServiceRequestSerializer
        return serializers.ServiceRequestDetailSerializer

    def get_throttles(self):
        if self.action == "create":
            self.throttle_scope = throttles.REQUEST_CREATION
            return [throttles.IntakeRateThrottle()]
        return []

    def detail_response(
        self, service_request, status_code=status.HTTP_200_OK, headers=None, *, reread=True
    ):
        # The caller has just created or moved this very request (it passed the scope
        # check), so it is read back by pk: after "decline" the provider no longer sees it
        # in its scope, yet gets the outcome of its own step. A request just created is
        # answered as stored (`reread=False`): its only event is read with it.
        fresh = service_request
        if reread:
            fresh = (
                ServiceRequest.objects.select_related("provider", "citizen")
                .prefetch_related(
                    Prefetch("events", RequestEvent.objects.select_related("provider"))
                )
                .get(pk=service_request.pk)
            )
        data = serializers.ServiceRequestDetailSerializer(
            fresh, context=self.get_serializer_context()
        ).data
        return Response(data, status=status_code, headers=headers)

    @extend_schema(
        operation_id="intake_requests_create",
        summary="Request a service",
        description=(
            "The caller must have a citizen profile. The answer carries the reference "
            "(RW-<year>-<number>) and a confirmation email is queued."
        ),
        request=serializers.ServiceRequestCreateSerializer,
        parameters=[IDEMPOTENCY_KEY],
        responses={
            201: serializers.ServiceRequestDetailSerializer,
            400: VALIDATION_ERROR,
            403: error("The account has no citizen profile."),
            409: KEY_IN_USE,
            422: KEY_REUSED,
            429: THROTTLED,
        },
    )
    def create(self, request):
        citizen = getattr(request.user, "citizen_profile", None)
        if citizen is None:
            raise exceptions.PermissionDenied(
                _(
                    "Solo un cittadino registrato può inviare una richiesta: "
                    "completa prima la registrazione."
                )
            )

        def submit(*, key, fingerprint):
            serializer = serializers.ServiceRequestCreateSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            service_request = services.submit_request(
                citizen=citizen,
                actor=request.user,
                channel="web",
                idempotency_key=key,
                fingerprint=fingerprint,
                **serializer.validated_data,
            )
            location = self.reverse_detail(service_request)
            return self.detail_response(
                service_request,
                status.HTTP_201_CREATED,
                headers={"Location": location},
                reread=service_request.replayed,
            )

        return run_idempotently(request, submit)

    def reverse_detail(self, service_request):
        return reverse(
            "intake-api:request-detail",
            kwargs={"reference": service_request.reference},
            request=self.request,
        )

    @extend_schema(
        operation_id="intake_requests_withdraw",
        summary="Withdraw the caller's request (until the provider accepts it)",
        request=serializers.WithdrawSerializer,
        parameters=[IDEMPOTENCY_KEY],
        responses={
            200: serializers.ServiceRequestDetailSerializer,
            400: VALIDATION_ERROR,
            403: error("Only the citizen who made it may withdraw it."),
            404: NOT_FOUND,
            409: KEY_IN_USE,
            422: KEY_REUSED,
        },
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request, reference=None):
        service_request = self.get_object()

        def withdraw(*, key, fingerprint):
            serializer = serializers.WithdrawSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            updated = services.perform_transition(
                service_request=service_request,
                action=services.Action.WITHDRAW,
                actor=request.user,
                version=serializer.validated_data.get("version"),
                note=serializer.validated_data["note"],
            )
            return self.detail_response(updated)

        return run_idempotently(request, withdraw)

    @extend_schema(
        operation_id="intake_requests_transition",
        summary="Move a request one step along its lifecycle",
        description=(
            "For Social Point operators and the Ufficio di Piano (take_in_review, assign, "
            "reject) and the assigned provider's staff (accept, decline, start, complete); "
            "the citizen may withdraw. `version` is the one the client read: if the request "
            "changed since, the answer is 409 and nothing changes. assign needs `provider`; "
            "decline and reject need `note`."
        ),
        request=serializers.TransitionSerializer,
        parameters=[IDEMPOTENCY_KEY],
        responses={
            200: serializers.ServiceRequestDetailSerializer,
            400: OpenApiResponse(
                response=OpenApiTypes.OBJECT,
                description='Invalid input as {"field": ["message"]}; a step the request\'s '
                'status does not allow as {"action": ["message"]}.',
            ),
            403: error("The caller's role may not take this step."),
            404: NOT_FOUND,
            409: KEY_IN_USE,
            422: KEY_REUSED,
        },
    )
    @action(detail=True, methods=["post"])
    def transitions(self, request, reference=None):
        service_request = self.get_object()

        def transition(*, key, fingerprint):
            serializer = serializers.TransitionSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            updated = services.perform_transition(
                service_request=service_request, actor=request.user, **serializer.validated_data
            )
            return self.detail_response(updated)

        return run_idempotently(request, transition)
