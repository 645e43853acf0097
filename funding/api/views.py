"""Endpoints of the funding API, with the intake API's authentication, errors, throttles and
Idempotency-Key rules (its mixin and `run_idempotently`, reused as they are). Objects are
read through `funding.selectors`, so anything outside the caller's scope answers 404; the
staff-only steps answer 404 to callers without the role too."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from catalogue.models import ProviderPage, ServiceCostOption
from funding import selectors, services
from funding.api import serializers
from funding.models import Allocation, CitizenIsee, Fund, FundKind, ReimbursementStatus
from funding.receipts import receipt_response
from funding.services import welfare
from intake.api import throttles
from intake.api.errors import IntakeAPIMixin
from intake.api.idempotency import run_idempotently
from intake.api.pagination import IntakePagination
from intake.api.views import IDEMPOTENCY_KEY, KEY_IN_USE, KEY_REUSED, VALIDATION_ERROR, error
from intake.models import CitizenProfile
from intake.roles import is_district_office, provider_ids
from intake.selectors import requests_visible_to

NOT_FOUND = error("Not among the objects the caller may see.")
STEP_RESPONSES = {400: VALIDATION_ERROR, 404: NOT_FOUND, 409: KEY_IN_USE, 422: KEY_REUSED}
WRITES = "funding-writes"


class FundingAPIMixin(IntakeAPIMixin):
    """Token or session, the client's language, the core's errors; writes throttled."""

    permission_classes = [permissions.IsAuthenticated]
    pagination_class = IntakePagination

    def get_throttles(self):
        if self.request.method == "POST" or self.request.method == "PUT":
            self.throttle_scope = WRITES
            return [throttles.IntakeRateThrottle()]
        return []

    def step(self, request, serializer_class, perform, *, status_code=status.HTTP_200_OK):
        """Validate the body, run `perform(data)` at most once per Idempotency-Key and
        answer the object it returns with this view's serializer."""

        def run(*, key, fingerprint):
            data = {}
            if serializer_class is not None:
                serializer = serializer_class(data=request.data)
                serializer.is_valid(raise_exception=True)
                data = serializer.validated_data
            result = perform(data)
            body = self.get_serializer(self.reload(result)).data
            return Response(body, status=status_code)

        return run_idempotently(request, run)

    def reload(self, obj):
        return self.get_queryset().model.objects.get(pk=obj.pk)


def require_district(user):
    if not is_district_office(user):
        raise Http404


class FundViewSet(FundingAPIMixin, viewsets.ReadOnlyModelViewSet):
    """Funds the caller may see; `figures` gives budget used, committed and left."""

    serializer_class = serializers.FundSerializer

    def get_queryset(self):
        return selectors.funds_visible_to(self.request.user).order_by("-valid_from", "pk")

    @extend_schema(
        operation_id="funding_funds_figures", responses=serializers.FundFiguresSerializer
    )
    @action(detail=True, methods=["get"])
    def figures(self, request, pk=None):
        require_district(request.user)
        fund = self.get_object()
        return Response(
            serializers.FundFiguresSerializer(selectors.fund_figures([fund])[fund.pk]).data
        )


@extend_schema_view(
    create=extend_schema(
        operation_id="funding_allocations_grant",
        summary="Grant an allocation (Ufficio di Piano)",
        request=serializers.GrantSerializer,
        parameters=[IDEMPOTENCY_KEY],
        responses={201: serializers.AllocationSerializer, **STEP_RESPONSES},
    )
)
class AllocationViewSet(FundingAPIMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Allocations: a citizen's own, or all of them for the Ufficio di Piano."""

    serializer_class = serializers.AllocationSerializer

    def get_queryset(self):
        return (
            selectors.allocations_visible_to(self.request.user)
            .select_related("fund", "account", "citizen")
            .order_by("-created_at", "-pk")
        )

    def create(self, request):
        require_district(request.user)

        def grant(data):
            request_ref = data.pop("request", None)
            service_request = (
                get_object_or_404(requests_visible_to(request.user), reference=request_ref)
                if request_ref
                else None
            )
            return services.grant_allocation(
                fund=get_object_or_404(Fund, pk=data.pop("fund")),
                citizen=get_object_or_404(CitizenProfile, pk=data.pop("citizen")),
                actor=request.user,
                request=service_request,
                **data,
            )

        return self.step(
            request, serializers.GrantSerializer, grant, status_code=status.HTTP_201_CREATED
        )

    def _district_step(self, request, perform):
        require_district(request.user)
        allocation = self.get_object()
        return self.step(
            request,
            serializers.ReasonSerializer,
            lambda data: perform(allocation=allocation, actor=request.user, **data),
        )

    @extend_schema(
        operation_id="funding_allocations_suspend",
        request=serializers.ReasonSerializer,
        parameters=[IDEMPOTENCY_KEY],
        responses={200: serializers.AllocationSerializer, **STEP_RESPONSES},
    )
    @action(detail=True, methods=["post"])
    def suspend(self, request, pk=None):
        return self._district_step(request, services.suspend_allocation)

    @extend_schema(
        operation_id="funding_allocations_revoke",
        request=serializers.ReasonSerializer,
        parameters=[IDEMPOTENCY_KEY],
        responses={200: serializers.AllocationSerializer, **STEP_RESPONSES},
    )
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        return self._district_step(request, services.revoke_allocation)

    @extend_schema(
        operation_id="funding_allocations_reinstate",
        request=serializers.ReasonSerializer,
        parameters=[IDEMPOTENCY_KEY],
        responses={200: serializers.AllocationSerializer, **STEP_RESPONSES},
    )
    @action(detail=True, methods=["post"])
    def reinstate(self, request, pk=None):
        return self._district_step(request, services.reinstate_allocation)


@extend_schema_view(
    create=extend_schema(
        operation_id="funding_orders_quote",
        summary="Propose a quote (the assigned provider's staff)",
        request=serializers.QuoteSerializer,
        parameters=[IDEMPOTENCY_KEY],
        responses={201: serializers.OrderSerializer, **STEP_RESPONSES},
    )
)
class OrderViewSet(FundingAPIMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Orders with their deliveries: the citizen's, or the provider's."""

    serializer_class = serializers.OrderSerializer

    def get_queryset(self):
        return (
            selectors.orders_visible_to(self.request.user)
            .select_related("request", "provider")
            .prefetch_related("deliveries")
            .order_by("-proposed_at", "-pk")
        )

    def create(self, request):
        def propose(data):
            # Only the request's own provider quotes: anyone else does not find the request.
            service_request = get_object_or_404(
                requests_visible_to(request.user).filter(
                    provider_id__in=provider_ids(request.user)
                ),
                reference=data.pop("request"),
            )
            allocation_id = data.pop("allocation", None)
            allocation = (
                get_object_or_404(selectors.allocations_visible_to(request.user), pk=allocation_id)
                if allocation_id
                else None
            )
            return services.propose_order(
                request=service_request,
                cost_option=ServiceCostOption.objects.filter(pk=data.pop("cost_option")).first(),
                allocation=allocation,
                actor=request.user,
                **data,
            )

        return self.step(
            request, serializers.QuoteSerializer, propose, status_code=status.HTTP_201_CREATED
        )

    def _order_step(self, request, perform):
        order = self.get_object()
        return self.step(request, None, lambda data: perform(order=order, actor=request.user))

    @extend_schema(
        operation_id="funding_orders_accept",
        request=None,
        parameters=[IDEMPOTENCY_KEY],
        responses={200: serializers.OrderSerializer, **STEP_RESPONSES},
    )
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        return self._order_step(request, services.accept_order)

    @extend_schema(
        operation_id="funding_orders_refuse",
        request=None,
        parameters=[IDEMPOTENCY_KEY],
        responses={200: serializers.OrderSerializer, **STEP_RESPONSES},
    )
    @action(detail=True, methods=["post"])
    def refuse(self, request, pk=None):
        return self._order_step(request, services.refuse_order)

    @extend_schema(
        operation_id="funding_orders_cancel",
        request=None,
        parameters=[IDEMPOTENCY_KEY],
        responses={200: serializers.OrderSerializer, **STEP_RESPONSES},
    )
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        return self._order_step(request, services.cancel_order)

    @extend_schema(
        operation_id="funding_orders_complete",
        request=None,
        parameters=[IDEMPOTENCY_KEY],
        responses={200: serializers.OrderSerializer, **STEP_RESPONSES},
    )
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        return self._order_step(request, services.complete_order)


@extend_schema_view(
    create=extend_schema(
        operation_id="funding_deliveries_record",
        summary="Record a delivered session (the order's provider)",
        request=serializers.RecordDeliverySerializer,
        parameters=[IDEMPOTENCY_KEY],
        responses={201: serializers.DeliverySerializer, **STEP_RESPONSES},
    )
)
class DeliveryViewSet(FundingAPIMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.DeliverySerializer

    def get_queryset(self):
        return selectors.deliveries_visible_to(self.request.user).order_by("-date", "-pk")

    def create(self, request):
        def record(data):
            order = get_object_or_404(
                selectors.orders_visible_to(request.user), pk=data.pop("order")
            )
            return services.record_delivery(order=order, actor=request.user, **data)

        return self.step(
            request,
            serializers.RecordDeliverySerializer,
            record,
            status_code=status.HTTP_201_CREATED,
        )

    @extend_schema(
        operation_id="funding_deliveries_contest",
        request=serializers.ReasonSerializer,
        parameters=[IDEMPOTENCY_KEY],
        responses={200: serializers.DeliverySerializer, **STEP_RESPONSES},
    )
    @action(detail=True, methods=["post"])
    def contest(self, request, pk=None):
        delivery = self.get_object()
        return self.step(
            request,
            serializers.ReasonSerializer,
            lambda data: services.contest_delivery(
                delivery=delivery, reason=data.get("reason", ""), actor=request.user
            ),
        )

    @extend_schema(
        operation_id="funding_deliveries_decide",
        request=serializers.DecideSerializer,
        parameters=[IDEMPOTENCY_KEY],
        responses={200: serializers.DeliverySerializer, **STEP_RESPONSES},
    )
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        require_district(request.user)
        delivery = self.get_object()
        return self.step(
            request,
            serializers.DecideSerializer,
            lambda data: services.decide_contest(
                delivery=delivery,
                upheld=data["upheld"],
                note=data.get("note", ""),
                actor=request.user,
            ),
        )


@extend_schema_view(
    create=extend_schema(
        operation_id="funding_statements_open",
        summary="Open (or find) the statement of a fund, provider and month",
        request=serializers.OpenStatementSerializer,
        parameters=[IDEMPOTENCY_KEY],
        responses={201: serializers.StatementDetailSerializer, **STEP_RESPONSES},
    )
)
class StatementViewSet(FundingAPIMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Statements: the Ufficio di Piano's, and each provider's own."""

    def get_queryset(self):
        return (
            selectors.statements_visible_to(self.request.user)
            .select_related("fund", "provider")
            .order_by("-month", "pk")
        )

    def get_serializer_class(self):
        if self.action == "list":
            return serializers.StatementSerializer
        return serializers.StatementDetailSerializer

    def get_serializer(self, instance=None, *args, **kwargs):
        if instance is not None and self.action != "list":
            instance.lines = selectors.statement_lines(instance)
            totals = selectors.statement_totals(instance)
            instance.fund_total = totals["fund"]
            instance.citizen_total = totals["citizen"]
            instance.delivery_count = totals["count"]
        return super().get_serializer(instance, *args, **kwargs)

    def create(self, request):
        require_district(request.user)

        def open_one(data):
            return services.open_statement(
                fund=get_object_or_404(Fund, pk=data["fund"]),
                provider=get_object_or_404(ProviderPage, pk=data["provider"]),
                month=data["month"],
            )

        return self.step(
            request,
            serializers.OpenStatementSerializer,
            open_one,
            status_code=status.HTTP_201_CREATED,
        )

    @extend_schema(
        operation_id="funding_statements_approve",
        request=None,
        parameters=[IDEMPOTENCY_KEY],
        responses={200: serializers.StatementDetailSerializer, **STEP_RESPONSES},
    )
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        require_district(request.user)
        statement = self.get_object()
        return self.step(
            request,
            None,
            lambda data: services.approve_statement(statement=statement, actor=request.user),
        )


class IseeView(FundingAPIMixin, APIView):
    """The caller's own ISEE, from which each fund's co-payment band follows."""

    @extend_schema(operation_id="funding_isee_retrieve", responses=serializers.IseeSerializer)
    def get(self, request):
        isee = get_object_or_404(CitizenIsee, citizen__user=request.user)
        return Response({"value": f"{isee.value:.2f}", "valid_until": isee.valid_until})

    @extend_schema(
        operation_id="funding_isee_update",
        request=serializers.IseeSerializer,
        responses={200: serializers.IseeSerializer, 400: VALIDATION_ERROR},
    )
    def put(self, request):
        citizen = get_object_or_404(CitizenProfile, user=request.user)
        serializer = serializers.IseeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        isee = services.set_citizen_isee(
            citizen=citizen, actor=request.user, **serializer.validated_data
        )
        return Response({"value": f"{isee.value:.2f}", "valid_until": isee.valid_until})


# Company welfare: an employer's HR contacts (and the Ufficio di Piano) read their plans,
# the employees' credits and the totals, and upload the employees' CSV.


def _preview_body(preview, *, saved):
    return {
        "saved": saved,
        "is_valid": preview.is_valid,
        "new": len(preview.new),
        "changed": len(preview.changed),
        "unchanged": len(preview.unchanged),
        "rejected": len(preview.rejected),
        "rows": preview.rows,
    }


class PlanViewSet(FundingAPIMixin, viewsets.ReadOnlyModelViewSet):
    """Company welfare plans: the HR contact's own employer's, or all for the Ufficio di
    Piano. Credits and totals only: never a service, a need or an employee's order."""

    serializer_class = serializers.PlanSerializer

    def get_queryset(self):
        return (
            selectors.plans_visible_to(self.request.user)
            .select_related("employer")
            .order_by("-valid_from", "pk")
        )

    @extend_schema(operation_id="funding_plans_totals", responses=serializers.PlanTotalsSerializer)
    @action(detail=True, methods=["get"])
    def totals(self, request, pk=None):
        totals = selectors.plan_totals(self.get_object())
        totals["by_category"] = [
            {"category": category, "spent": spent}
            for category, spent in totals["by_category"].items()
        ]
        return Response(serializers.PlanTotalsSerializer(totals).data)

    @extend_schema(
        operation_id="funding_plans_employees",
        responses=serializers.EmployeeSerializer(many=True),
    )
    @action(detail=True, methods=["get"], pagination_class=IntakePagination)
    def employees(self, request, pk=None):
        plan = self.get_object()
        page = self.paginate_queryset(selectors.plan_employees(plan))
        for employee in page:
            employee.left = selectors.employee_left(employee)
            employee.registered = employee.citizen_id is not None
        return self.get_paginated_response(serializers.EmployeeSerializer(page, many=True).data)

    @extend_schema(
        operation_id="funding_plans_upload",
        summary="Preview, or save with confirm=true, the employees' CSV (HR)",
        request=serializers.UploadSerializer,
        parameters=[IDEMPOTENCY_KEY],
        responses={200: serializers.UploadPreviewSerializer, **STEP_RESPONSES},
    )
    @action(detail=True, methods=["post"])
    def upload(self, request, pk=None):
        plan = self.get_object()
        if not welfare.may_manage_plan(request.user, plan):
            raise Http404

        def run(*, key, fingerprint):
            serializer = serializers.UploadSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            data = serializer.validated_data
            perform = welfare.apply_upload if data["confirm"] else welfare.preview_upload
            preview = perform(plan=plan, data=data["content"], actor=request.user)
            body = serializers.UploadPreviewSerializer(
                _preview_body(preview, saved=data["confirm"] and preview.changes_anything)
            ).data
            return Response(body)

        return run_idempotently(request, run)


# Company welfare, the employee's side: their credits (with the orders each paid) and their
# reimbursements; HR decides the reimbursements of their employer's plans.


class WelfareCreditViewSet(FundingAPIMixin, viewsets.ReadOnlyModelViewSet):
    """The caller's own welfare credits (allocations of company plans)."""

    serializer_class = serializers.WelfareCreditSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema: no user
            return Allocation.objects.none()
        return (
            selectors.allocations_visible_to(self.request.user)
            .filter(citizen__user=self.request.user, fund__kind=FundKind.COMPANY)
            .select_related("fund__employer", "account")
            .order_by("-created_at", "-pk")
        )

    @extend_schema(
        operation_id="funding_welfare_credits_orders",
        responses={200: serializers.OrderSerializer(many=True), 404: NOT_FOUND},
    )
    @action(detail=True, methods=["get"], pagination_class=IntakePagination)
    def orders(self, request, pk=None):
        credit = self.get_object()
        orders = (
            selectors.orders_visible_to(request.user)
            .filter(allocation=credit)
            .select_related("request", "provider")
            .prefetch_related("deliveries")
            .order_by("-proposed_at", "-pk")
        )
        page = self.paginate_queryset(orders)
        return self.get_paginated_response(serializers.OrderSerializer(page, many=True).data)


@extend_schema_view(
    create=extend_schema(
        operation_id="funding_reimbursements_submit",
        summary="Submit a reimbursement with its receipt (the employee; multipart/form-data)",
        request={"multipart/form-data": serializers.SubmitReimbursementSerializer},
        parameters=[IDEMPOTENCY_KEY],
        responses={201: serializers.ReimbursementSerializer, **STEP_RESPONSES},
    )
)
class ReimbursementViewSet(FundingAPIMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Reimbursements: the employee's own, or those of the HR contact's employer to decide
    (the Ufficio di Piano reads them all, without the receipts)."""

    serializer_class = serializers.ReimbursementSerializer

    def get_queryset(self):
        queryset = selectors.reimbursements_visible_to(self.request.user).select_related(
            "allocation__fund", "citizen"
        )
        status_filter = self.request.query_params.get("status")
        if status_filter in ReimbursementStatus.values:
            queryset = queryset.filter(status=status_filter)
        return queryset.order_by("-submitted_at", "-pk")

    def create(self, request):
        def submit(data):
            allocation = get_object_or_404(
                selectors.allocations_visible_to(request.user).filter(citizen__user=request.user),
                pk=data.pop("allocation"),
            )
            return services.submit_reimbursement(allocation=allocation, actor=request.user, **data)

        return self.step(
            request,
            serializers.SubmitReimbursementSerializer,
            submit,
            status_code=status.HTTP_201_CREATED,
        )

    def _decision(self, request, perform, serializer_class=None):
        reimbursement = self.get_object()
        if reimbursement.allocation.fund.employer_id not in selectors.employer_ids(request.user):
            raise Http404
        return self.step(
            request,
            serializer_class,
            lambda data: perform(reimbursement=reimbursement, actor=request.user, **data),
        )

    @extend_schema(
        operation_id="funding_reimbursements_approve",
        request=None,
        parameters=[IDEMPOTENCY_KEY],
        responses={200: serializers.ReimbursementSerializer, **STEP_RESPONSES},
    )
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._decision(request, services.approve_reimbursement)

    @extend_schema(
        operation_id="funding_reimbursements_reject",
        request=serializers.RejectSerializer,
        parameters=[IDEMPOTENCY_KEY],
        responses={200: serializers.ReimbursementSerializer, **STEP_RESPONSES},
    )
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        return self._decision(request, services.reject_reimbursement, serializers.RejectSerializer)

    @extend_schema(
        operation_id="funding_reimbursements_receipt",
        responses={
            (200, "application/octet-stream"): OpenApiTypes.BINARY,
            404: NOT_FOUND,
        },
    )
    @action(detail=True, methods=["get"])
    def receipt(self, request, pk=None):
        """The receipt: only the employee and their employer's HR (404 to anyone else)."""
        reimbursement = get_object_or_404(selectors.receipts_visible_to(request.user), pk=pk)
        return receipt_response(reimbursement)
