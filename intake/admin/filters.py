"""Filters of the requests' listing in the admin (django-filter, through Wagtail's filterset).

The filters only narrow a queryset that `requests_visible_to(user)` has already scoped.
"""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.models import Locale, Page

from catalogue.models import Municipality, Need, ProviderPage, ServicePage, SocialPointPage
from intake.models import RequestChannel, RequestStatus, ServiceRequest
from intake.selectors import overdue_requests


def _in_default_locale(model):
    """Choices of the model in the portal's source language (translations are copies)."""

    def queryset(request):
        return model.objects.filter(locale=Locale.get_default()).order_by(
            "title" if issubclass(model, Page) else "name"
        )

    return queryset


class ServiceRequestFilterSet(WagtailFilterSet):
    """Status, service, provider, need, municipality, Social Point, channel, dates."""

    status = django_filters.MultipleChoiceFilter(
        label=_("Stato"), choices=RequestStatus.choices, widget=forms.CheckboxSelectMultiple
    )
    overdue = django_filters.ChoiceFilter(
        label=_("Risposta dell'ente"),
        choices=[("1", _("Solo le richieste in ritardo"))],
        empty_label=_("Tutte"),
        method="filter_overdue",
        widget=forms.RadioSelect,
    )
    service = django_filters.ModelChoiceFilter(
        label=_("Servizio"),
        queryset=_in_default_locale(ServicePage),
        empty_label=_("Tutti"),
    )
    provider = django_filters.ModelChoiceFilter(
        label=_("Ente assegnatario"),
        queryset=_in_default_locale(ProviderPage),
        empty_label=_("Tutti"),
    )
    need = django_filters.ModelChoiceFilter(
        label=_("Bisogno"),
        field_name="service__needs",
        queryset=_in_default_locale(Need),
        empty_label=_("Tutti"),
        distinct=True,
    )
    municipality = django_filters.ModelChoiceFilter(
        label=_("Comune del cittadino"),
        field_name="citizen__municipality",
        queryset=_in_default_locale(Municipality),
        empty_label=_("Tutti"),
    )
    social_point = django_filters.ModelChoiceFilter(
        label=_("Social Point"),
        queryset=_in_default_locale(SocialPointPage),
        empty_label=_("Tutti"),
    )
    channel = django_filters.ChoiceFilter(
        label=_("Canale"),
        choices=RequestChannel.choices,
        empty_label=_("Tutti"),
        widget=forms.RadioSelect,
    )
    submitted_at = django_filters.DateFromToRangeFilter(
        label=_("Inviata tra il … e il …"), widget=DateRangePickerWidget
    )

    class Meta:
        model = ServiceRequest
        fields = []

    def filter_overdue(self, queryset, name, value):
        if not value:
            return queryset
        return overdue_requests(queryset)


def search_requests(queryset, query):
    """Every word of `query` must match the reference, the citizen's name or codice fiscale:
    «Mario Rossi» finds Mario Rossi, «RW-2026-000042» and «RSSMRA» find what they say."""
    for word in query.split():
        queryset = queryset.filter(
            Q(reference__icontains=word)
            | Q(citizen__first_name__icontains=word)
            | Q(citizen__last_name__icontains=word)
            | Q(citizen__fiscal_code__icontains=word)
        )
    return queryset
