"""«Accessi ai dati personali»: the Ufficio di Piano reads and filters the access records.

Read-only by construction: this is a listing, and the model refuses updates and deletes.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from intake.models import AccessAction, AccessRecord
from intake.roles import is_district_office

PAGE_SIZE = 50


class AccessFilterForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Azione"), required=False, choices=[("", "—"), *AccessAction.choices]
    )
    who = forms.CharField(label=_("Utente"), required=False, max_length=150)
    organisation = forms.CharField(label=_("Organizzazione"), required=False, max_length=100)
    reference = forms.CharField(label=_("Richiesta"), required=False, max_length=32)
    since = forms.DateField(
        label=_("Dal"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Al"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def filter(self, queryset):
        if not self.is_valid():
            return queryset.none()
        data = self.cleaned_data
        if data["action"]:
            queryset = queryset.filter(action=data["action"])
        if data["who"]:
            queryset = queryset.filter(actor_name__icontains=data["who"])
        if data["organisation"]:
            queryset = queryset.filter(organisation__icontains=data["organisation"])
        if data["reference"]:
            queryset = queryset.filter(request_reference__iexact=data["reference"].strip())
        if data["since"]:
            queryset = queryset.filter(at__date__gte=data["since"])
        if data["until"]:
            queryset = queryset.filter(at__date__lte=data["until"])
        return queryset


class AccessRecordListView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "intake/admin/access_records.html"
    page_title = _("Accessi ai dati personali")
    header_icon = "view"

    def dispatch(self, request, *args, **kwargs):
        if not is_district_office(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = AccessFilterForm(self.request.GET)
        records = form.filter(AccessRecord.objects.select_related("citizen"))
        page = Paginator(records, PAGE_SIZE).get_page(self.request.GET.get("p"))
        query = self.request.GET.copy()
        query.pop("p", None)
        context.update(form=form, page=page, query=query.urlencode())
        return context
