"""The requests in the Wagtail admin («Richieste»): listing, inspect view, transitions, export.

Who sees what is `requests_visible_to(user)`, for the listing, the inspect view and the
exports alike; a request outside it answers 404. A request changes only through the
lifecycle (`perform_transition`): there is no generic create, edit or delete form. Every
action on the inspect page carries the version the user saw, so the second of two people
acting at once is told to reload and overwrites nothing.
"""

import datetime

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db.models import Case, IntegerField, Q, Value, When
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.forms.search import SearchForm
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Locale
from wagtail.permission_policies.base import BasePermissionPolicy

from catalogue.models import ProviderPage
from catalogue.rules import offered_providers
from intake.admin.filters import ServiceRequestFilterSet, search_requests
from intake.forms import add_service_errors
from intake.models import AccessAction, ServiceRequest
from intake.roles import (
    DISTRICT_OFFICE_GROUP,
    OPERATORS_GROUP,
    works_on_requests,
)
from intake.selectors import requests_visible_to, with_open_duplicate, with_overdue_flag
from intake.services import (
    TRANSITIONS,
    Action,
    IntakeError,
    StaleRequest,
    allowed_actions,
    note_help,
    perform_transition,
)
from intake.services.access import record_access


class ServiceRequestPermissionPolicy(BasePermissionPolicy):
    """«view» for those who work on requests, scoped by requests_visible_to; nothing else:
    requests change only through the lifecycle."""

    def user_has_permission(self, user, action):
        return action == "view" and works_on_requests(user)

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True)
        if "view" not in actions:
            return users.none()
        return users.filter(
            Q(is_superuser=True)
            | Q(groups__name__in=[OPERATORS_GROUP, DISTRICT_OFFICE_GROUP])
            | Q(provider_memberships__isnull=False)
        ).distinct()

    def user_has_permission_for_instance(self, user, action, instance):
        return (
            self.user_has_permission(user, action)
            and requests_visible_to(user).filter(pk=instance.pk).exists()
        )

    def instances_user_has_any_permission_for(self, user, actions):
        if self.user_has_any_permission(user, actions):
            return requests_visible_to(user)
        return ServiceRequest.objects.none()


class RequestAdminURLFinder(ModelAdminURLFinder):
    """A request's page in the admin is its inspect view: requests have no edit form."""

    edit_url_name = "intake_requests:inspect"

    def get_edit_url(self, instance):
        policy = ServiceRequestPermissionPolicy(ServiceRequest)
        if self.user and not policy.user_has_permission_for_instance(self.user, "view", instance):
            return None
        return self.construct_edit_url(instance)


# --- transitions ---------------------------------------------------------------------


def provider_choices(service_request):
    """The providers a request may be assigned to: those of its service first (the one that
    publishes it, its partners, the citizen's preferred one), then every other provider."""
    service = service_request.service
    first = {provider.pk for provider in offered_providers(service)} if service else set()
    if service_request.preferred_provider_id:
        first.add(service_request.preferred_provider_id)
    providers = (
        ProviderPage.objects.live()
        .filter(Q(locale=Locale.get_default()) | Q(pk__in=first))
        .annotate(
            rank=Case(
                When(pk__in=first, then=Value(0)), default=Value(1), output_field=IntegerField()
            )
        )
        .order_by("rank", "title")
    )
    own, others = [], []
    for provider in providers:
        label = provider.title
        if provider.pk == service_request.preferred_provider_id:
            label = gettext("%(title)s (scelto dal cittadino)") % {"title": provider.title}
        (own if provider.pk in first else others).append((provider.pk, label))
    choices = [("", gettext("Scegli l'ente"))]
    if own:
        choices.append((gettext("Enti del servizio"), own))
    if others:
        choices.append((gettext("Altri enti"), others))
    return choices


class TransitionForm(forms.Form):
    """One action on one request: the version the user saw, a note or reason, a provider."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    note = forms.CharField(
        required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, action, service_request, **kwargs):
        kwargs.setdefault("prefix", str(action))
        super().__init__(*args, **kwargs)
        self.action = action
        self.spec = TRANSITIONS[action]
        self.fields["note"].label = self.spec.note_label
        self.fields["note"].help_text = note_help(action)
        self.fields["note"].required = self.spec.needs_note
        if self.spec.needs_note:
            self.fields["note"].error_messages["required"] = gettext(
                "Scrivi il motivo: il cittadino e gli operatori lo leggeranno."
            )
        if self.spec.needs_provider:
            self.fields["provider"] = forms.TypedChoiceField(
                label=_("Ente"),
                choices=provider_choices(service_request),
                coerce=int,
                error_messages={"required": _("Scegli l'ente a cui assegnare la richiesta.")},
            )

    @property
    def label(self):
        return self.spec.label

    def clean_note(self):
        return self.cleaned_data["note"].strip()

    def clean_provider(self):
        provider = ProviderPage.objects.filter(pk=self.cleaned_data["provider"]).first()
        if provider is None:
            raise ValidationError(gettext("Scegli uno degli enti proposti."))
        return provider


# --- views ---------------------------------------------------------------------------


class StatusColumn(Column):
    """The status as text, with a «In ritardo» badge for a provider late to answer."""

    cell_template_name = "intake/admin/requests/status_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["response_days"] = settings.INTAKE_PROVIDER_RESPONSE_WORKING_DAYS
        return context


class RequestIndexView(IndexView):
    """The requests the user may see, filtered, searched, ordered by age, exportable."""

    any_permission_required = ["view"]
    search_fields = ["reference"]  # enables the search box; search_queryset does the work
    search_backend_name = None
    page_title = _("Richieste")

    # Export times as the district reads them (Europe/Rome), not in UTC.
    custom_value_preprocess = {
        **IndexView.custom_value_preprocess,
        datetime.datetime: {
            IndexView.FORMAT_CSV: lambda value: timezone.localtime(value).strftime(
                "%Y-%m-%d %H:%M"
            ),
            IndexView.FORMAT_XLSX: lambda value: timezone.make_naive(value),
        },
    }

    def get_base_queryset(self):
        visible = with_open_duplicate(requests_visible_to(self.request.user))
        return with_overdue_flag(visible).select_related(
            "citizen", "citizen__municipality", "provider", "social_point"
        )

    def as_spreadsheet(self, queryset, spreadsheet_format):
        """Record every export, with its filters and how many rows it carries."""
        rows = list(queryset)
        filters = {k: v for k, v in self.request.GET.lists() if k != "export"}
        record_access(
            actor=self.request.user,
            action=AccessAction.EXPORT,
            details={"format": spreadsheet_format, "filters": filters, "rows": len(rows)},
        )
        return super().as_spreadsheet(rows, spreadsheet_format)

    def get_search_form(self):
        form = SearchForm(self.request.GET if self.search_kwarg in self.request.GET else None)
        form.fields["q"].widget.attrs["placeholder"] = gettext("Riferimento, nome o CF…")
        return form

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return search_requests(queryset, self.search_query)

    @cached_property
    def columns(self):
        title_column = self._get_title_column_class(TitleColumn)
        return [
            title_column(
                "reference",
                label=_("Riferimento"),
                sort_key="reference",
                get_url=self.get_inspect_url,
            ),
            Column(
                "citizen",
                label=_("Cittadino"),
                accessor=lambda request: request.citizen.full_name,
                sort_key="citizen__last_name",
            ),
            Column("service_title", label=_("Servizio"), sort_key="service_title"),
            Column(
                "provider",
                label=_("Ente assegnatario"),
                accessor=lambda request: request.provider.title if request.provider else "—",
                sort_key="provider__title",
            ),
            StatusColumn("status", label=_("Stato"), sort_key="status"),
            DateColumn("submitted_at", label=_("Inviata"), sort_key="submitted_at"),
        ]


class RequestInspectView(InspectView):
    """A request as staff need it to act: the citizen's contacts, the request, the
    service's snapshot, the timeline, and a form for each action allowed now."""

    any_permission_required = ["view"]
    page_title = _("Richiesta")

    def get_object(self, queryset=None):
        visible = with_overdue_flag(requests_visible_to(self.request.user)).select_related(
            "citizen",
            "citizen__municipality",
            "service",
            "provider",
            "preferred_provider",
            "social_point",
            "submitted_by",
        )
        service_request = get_object_or_404(visible, pk=self.pk)
        if self.request.method == "GET":
            record_access(
                actor=self.request.user,
                action=AccessAction.VIEW_REQUEST,
                service_request=service_request,
            )
        return service_request

    def get_page_subtitle(self):
        return self.object.reference

    def action_forms(self, bound=None, keep_note=None):
        """One form per action the user may take now; `bound` replaces its action's form."""
        result = []
        for action in allowed_actions(service_request=self.object, user=self.request.user):
            if not TRANSITIONS[action].back_office:
                continue
            if bound is not None and bound.action == action:
                result.append(bound)
                continue
            initial = {"version": self.object.version}
            if keep_note and keep_note[0] == action:
                initial["note"] = keep_note[1]
            result.append(
                TransitionForm(action=action, service_request=self.object, initial=initial)
            )
        return result

    def get_context_data(self, bound_form=None, keep_note=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context["request_obj"] = self.object
        context["citizen"] = self.object.citizen
        context["events"] = self.object.events.select_related("actor", "provider")
        context["action_forms"] = self.action_forms(bound=bound_form, keep_note=keep_note)
        if keep_note and keep_note[1]:
            offered = {form.action for form in context["action_forms"]}
            if keep_note[0] not in offered:
                # The action is no longer possible: show the text so that it is not lost.
                context["unsent_note"] = keep_note[1]
        context["response_days"] = settings.INTAKE_PROVIDER_RESPONSE_WORKING_DAYS
        context["is_overdue"] = self.object.is_overdue
        return context

    def get_fields(self):
        return []

    def post(self, request, *args, **kwargs):
        try:
            action = Action(request.POST.get("action", ""))
        except ValueError:
            action = None
        if action is None or not TRANSITIONS[action].back_office:
            messages.error(request, gettext("Azione sconosciuta: ricarica la pagina e riprova."))
            return redirect(self.inspect_url)
        form = TransitionForm(request.POST, action=action, service_request=self.object)
        if not form.is_valid():
            messages.error(request, gettext("Correggi gli errori indicati e riprova."))
            return self.render_again(bound_form=form, status=400)
        try:
            updated = perform_transition(
                service_request=self.object,
                action=action,
                actor=request.user,
                version=form.cleaned_data["version"],
                note=form.cleaned_data["note"],
                provider=form.cleaned_data.get("provider"),
            )
        except StaleRequest as error:
            return self.stale(error, action, form.cleaned_data["note"])
        except ValidationError as error:
            add_service_errors(form, error)
            messages.error(request, gettext("Correggi gli errori indicati e riprova."))
            return self.render_again(bound_form=form, status=400)
        except IntakeError as error:
            messages.error(request, error.message)
            return self.render_again(keep_note=(action, form.cleaned_data["note"]), status=400)
        provider = form.cleaned_data.get("provider")
        messages.success(
            request,
            TRANSITIONS[action].success
            % {"reference": updated.reference, "provider": provider.title if provider else ""},
        )
        if not requests_visible_to(request.user).filter(pk=updated.pk).exists():
            # A provider that declined no longer sees the request.
            return redirect(reverse("intake_requests:index"))
        return redirect(self.inspect_url)

    @property
    def inspect_url(self):
        return reverse("intake_requests:inspect", args=[self.object.pk])

    def stale(self, error, action, note):
        """Someone else changed the request: show it as it is now, keep what was typed."""
        messages.error(self.request, error.message)
        self.object = self.get_object()
        return self.render_again(keep_note=(action, note), status=409)

    def render_again(self, status, **context):
        response = self.render_to_response(self.get_context_data(**context))
        response.status_code = status
        return response


class ServiceRequestViewSet(ModelViewSet):
    """«Richieste» in the admin menu, for operators, the Ufficio di Piano and provider staff."""

    model = ServiceRequest
    name = "intake_requests"
    url_prefix = "richieste"
    icon = "clipboard-list"
    menu_label = _("Richieste")
    menu_order = 150
    add_to_admin_menu = True
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = RequestIndexView
    inspect_view_class = RequestInspectView
    template_prefix = "intake/admin/requests/"
    filterset_class = ServiceRequestFilterSet
    ordering = "-submitted_at"
    list_per_page = 50
    list_export = [
        "reference",
        "get_status_display",
        "submitted_at",
        "citizen.full_name",
        "citizen.fiscal_code",
        "citizen.municipality",
        "service_title",
        "provider_title",
        "provider",
        "social_point",
        "get_channel_display",
        "assigned_at",
        "accepted_at",
        "closed_at",
    ]
    export_headings = {
        "reference": _("Riferimento"),
        "get_status_display": _("Stato"),
        "submitted_at": _("Inviata il"),
        "citizen.full_name": _("Cittadino"),
        "citizen.fiscal_code": _("Codice fiscale"),
        "citizen.municipality": _("Comune di residenza"),
        "service_title": _("Servizio (alla richiesta)"),
        "provider_title": _("Ente del servizio (alla richiesta)"),
        "provider": _("Ente assegnatario"),
        "social_point": _("Social Point"),
        "get_channel_display": _("Canale"),
        "assigned_at": _("Assegnata il"),
        "accepted_at": _("Accettata il"),
        "closed_at": _("Chiusa il"),
    }
    export_filename = "richieste"

    url_finder_class = RequestAdminURLFinder

    def get_permissions_to_register(self):
        """No ServiceRequest permission in the groups' editor: access follows the roles."""
        return Permission.objects.none()

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:pk>/", self.inspect_view, name="inspect"),
        ]


request_viewset = ServiceRequestViewSet()
