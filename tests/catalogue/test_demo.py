"""The demo loader builds the Ambito di Tradate, and building it again changes nothing."""

from django.contrib.auth.models import Group
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from stdnum.it import iva
from wagtail.models import Page, Revision, WorkflowPage

from catalogue.data.demo_content import ROUTES, SERVICES
from catalogue.demo import load_catalogue
from catalogue.governance import APPROVAL_WORKFLOW
from catalogue.models import (
    GuidePage,
    Municipality,
    ProviderIndexPage,
    ProviderPage,
    ServicePage,
    SocialPointPage,
)
from home.demo import load_home


def catalogue_counts():
    return {
        "municipalities": Municipality.objects.count(),
        "social_points": SocialPointPage.objects.count(),
        "providers": ProviderPage.objects.count(),
        "services": ServicePage.objects.count(),
        "guides": GuidePage.objects.count(),
        "pages": Page.objects.count(),
        "provider_groups": Group.objects.filter(name__startswith="Ente: ").count(),
    }


def test_demo_builds_the_district_and_a_second_run_changes_nothing(demo):
    first = catalogue_counts()
    service_revisions = Revision.objects.filter(
        object_id__in=[str(s.pk) for s in demo["services"].values()]
    ).count()

    load_home()
    load_catalogue()

    assert catalogue_counts() == first
    assert first["municipalities"] == 8
    assert first["social_points"] == 4
    assert first["providers"] == 15
    assert first["services"] >= 40
    assert first["guides"] == 4
    assert first["provider_groups"] == 15
    assert (
        Revision.objects.filter(
            object_id__in=[str(s.pk) for s in demo["services"].values()]
        ).count()
        == service_revisions
    )


def test_demo_content_is_what_a_citizen_needs_to_decide(demo):
    services = ServicePage.objects.live()
    kinds = {kind for s in services for kind in s.cost_options.values_list("kind", flat=True)}
    assert {"free", "per_hour", "per_month", "income_based"} <= kinds
    assert services.filter(voucher_accepted=True).exists()
    assert services.filter(isee_max__isnull=False).exists()
    assert services.filter(min_age__isnull=False).exists()
    routes = {s["slug"]: ROUTES[s["route"]]["steps"] for s in SERVICES}
    for service in services:
        steps = [step.text for step in service.access_steps.all()]
        assert steps == routes[service.slug], "«Come fare» steps must keep their order"
        assert service.summary and service.description and service.outcome and service.timing
        assert service.access_steps.exists() and service.required_documents.exists()
        assert service.contacts.exists() and service.last_reviewed
    providers = ProviderPage.objects.all()
    cooperatives = providers.filter(kind="social_cooperative")
    assert cooperatives.count() == 14
    assert all("esempio" in p.title for p in cooperatives)
    assert all(iva.is_valid(p.tax_code) for p in cooperatives)
    assert cooperatives.filter(accredited_home_care=True, accreditation_expires__isnull=False)
    assert providers.filter(kind="municipality", title__contains="Ufficio di Piano").exists()
    for point in SocialPointPage.objects.all():
        assert point.opening_hours.exists() and point.latitude and point.phone


def test_demo_providers_wait_for_municipal_approval(demo):
    index = ProviderIndexPage.objects.get()
    assert WorkflowPage.objects.get(page=index).workflow.name == APPROVAL_WORKFLOW
    for provider in ProviderPage.objects.all():
        assert Group.objects.filter(provider_link__page=provider).exists()
        assert provider.get_workflow().name == APPROVAL_WORKFLOW


def test_every_demo_page_with_a_template_answers(client, demo):
    checked = 0
    for page in Page.objects.live().specific().filter(depth__gt=1):
        try:
            get_template(page.template)
        except TemplateDoesNotExist:
            continue
        assert client.get(page.url).status_code == 200, page.url
        checked += 1
    assert checked >= 1
