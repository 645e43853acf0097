"""The network's figures on the admin home and in «Andamento della rete», against a known
set of requests: for the Ufficio di Piano the district, for provider staff their own."""

from datetime import datetime, timedelta
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone

from intake.models import ServiceRequest
from intake.services import Action, perform_transition
from tests import factories as f

DAY = timedelta(days=1)


class TableReader(HTMLParser):
    """The rows of every table with an id, as lists of cell texts."""

    def __init__(self):
        super().__init__()
        self.tables, self._table, self._row, self._cell = {}, None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and attrs.get("id"):
            self._table = self.tables.setdefault(attrs["id"], [])
        elif tag == "tr" and self._table is not None:
            self._row = []
        elif tag in ("th", "td") and self._row is not None:
            self._cell = ""

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self._cell is not None:
            self._row.append(" ".join(self._cell.split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self._table.append(self._row)
            self._row = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data


def tables(response):
    reader = TableReader()
    reader.feed(response.content.decode())
    return reader.tables


def counts(table):
    """{label: count} of a two-column table, header row left out, zeros left out."""
    return {label: int(n) for label, n in table[1:] if int(n)}


def month_start(months_back):
    local = timezone.localtime()
    year, month = local.year, local.month - months_back
    while month < 1:
        month, year = month + 12, year - 1
    return timezone.make_aware(datetime(year, month, 15, 12))


@pytest.fixture
def network(catalogue):
    """Six requests, two providers, two needs, two municipalities and one outside."""
    provider_a = catalogue["provider"]
    provider_a.title = "Cooperativa Alfa"
    provider_a.save_revision().publish()
    provider_b = f.ProviderPageFactory(parent=catalogue["providers"], title="Cooperativa Beta")
    elderly = f.NeedFactory(name="Anziani")
    disability = f.NeedFactory(name="Disabilità")
    service_a = catalogue["service"]
    service_a.needs.set([elderly])
    service_a.save_revision().publish()
    service_b = f.ServicePageFactory(parent=provider_b, title="Trasporto sociale")
    service_b.needs.set([elderly, disability])
    service_b.save_revision().publish()
    tradate = f.MunicipalityFactory(name="Tradate")
    vedano = f.MunicipalityFactory(name="Vedano Olona")

    operator = f.OperatorFactory()
    staff_a = f.ProviderStaffFactory(provider=provider_a)
    staff_b = f.ProviderStaffFactory(provider=provider_b)

    def request(service, municipality, submitted_at):
        citizen = f.CitizenProfileFactory(municipality=municipality)
        if municipality is None:
            citizen.other_municipality = "Varese"
            citizen.save()
        made = f.ServiceRequestFactory(citizen=citizen, service=service)
        ServiceRequest.objects.filter(pk=made.pk).update(submitted_at=submitted_at)
        made.refresh_from_db()
        return made

    def step(made, action, actor, **kwargs):
        return perform_transition(service_request=made, action=action, actor=actor, **kwargs)

    def set_times(made, **offsets):
        ServiceRequest.objects.filter(pk=made.pk).update(
            **{field: made.submitted_at + offset for field, offset in offsets.items()}
        )

    this_month = timezone.now() - timedelta(minutes=5)
    r1 = request(service_a, tradate, this_month)
    r2 = request(service_a, tradate, this_month)
    step(r2, Action.TAKE_IN_REVIEW, operator)

    r3 = request(service_a, vedano, month_start(1))
    step(r3, Action.TAKE_IN_REVIEW, operator)
    step(r3, Action.ASSIGN, operator, provider=provider_a)
    set_times(r3, assigned_at=DAY)  # waiting for weeks: overdue

    r4 = request(service_b, vedano, month_start(1))
    step(r4, Action.TAKE_IN_REVIEW, operator)
    step(r4, Action.ASSIGN, operator, provider=provider_b)
    step(r4, Action.ACCEPT, staff_b)
    set_times(r4, assigned_at=2 * DAY, accepted_at=4 * DAY)

    r5 = request(service_b, None, month_start(2))
    step(r5, Action.TAKE_IN_REVIEW, operator)
    step(r5, Action.ASSIGN, operator, provider=provider_a)
    step(r5, Action.DECLINE, staff_a, note="Non copriamo quella zona.")
    step(r5, Action.ASSIGN, operator, provider=provider_b)
    step(r5, Action.ACCEPT, staff_b)
    step(r5, Action.START, staff_b)
    step(r5, Action.COMPLETE, staff_b)
    set_times(r5, assigned_at=3 * DAY, accepted_at=5 * DAY)

    r6 = request(service_a, tradate, month_start(2))
    step(r6, Action.REJECT, operator, note="Il servizio non è per questa necessità.")
    return {"staff_b": staff_b, "requests": [r1, r2, r3, r4, r5, r6]}


def month_label(moment):
    from django.utils.formats import date_format

    return date_format(timezone.localtime(moment).date(), "M Y")


def test_the_district_office_reads_the_figures_of_the_whole_district(client, network):
    client.force_login(f.DistrictOfficeFactory())

    response = client.get(reverse("intake_dashboard:report"))

    assert response.status_code == 200
    found = tables(response)
    assert counts(found["per-stato-table"]) == {
        "Inviata": 1,
        "In valutazione": 1,
        "Assegnata a un ente": 1,
        "Accettata dall'ente": 1,
        "Conclusa": 1,
        "Respinta": 1,
    }
    assert counts(found["per-bisogno-table"]) == {"Anziani": 6, "Disabilità": 2}
    assert counts(found["per-comune-table"]) == {
        "Tradate": 3,
        "Vedano Olona": 2,
        "Fuori dal distretto": 1,
    }
    assert counts(found["per-ente-table"]) == {
        "Non ancora assegnata": 3,
        "Cooperativa Alfa": 1,
        "Cooperativa Beta": 2,
    }
    months = counts(found["per-mese-table"])
    assert months == {
        month_label(timezone.now()): 2,
        month_label(month_start(1)): 2,
        month_label(month_start(2)): 2,
    }
    assert len(found["per-mese-table"]) == 1 + 12
    assert found["per-ente-tempi-table"][1:] == [
        ["Cooperativa Alfa", "2", "1", "50%", "1,0 giorni", "—"],
        ["Cooperativa Beta", "2", "0", "0%", "2,5 giorni", "4,5 giorni"],
    ]
    html = response.content.decode()
    assert "2,0 giorni" in html  # median to assignment, whole network: 1, 2, 3 days
    assert "4,5 giorni" in html
    assert "33%" in html  # 1 of the 3 assigned requests was declined
    assert "(1 su 3 assegnate)" in html
    assert response.context["figures"].overdue == 1
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg"') == 6
    assert "<script" not in html.split('id="per-stato-title"')[1]


def test_provider_staff_read_only_their_providers_figures(client, network):
    client.force_login(network["staff_b"])

    response = client.get(reverse("intake_dashboard:report"))

    found = tables(response)
    assert counts(found["per-stato-table"]) == {"Accettata dall'ente": 1, "Conclusa": 1}
    assert counts(found["per-ente-table"]) == {"Cooperativa Beta": 2}
    assert counts(found["per-comune-table"]) == {"Vedano Olona": 1, "Fuori dal distretto": 1}
    assert counts(found["per-bisogno-table"]) == {"Anziani": 2, "Disabilità": 2}
    assert found["per-ente-tempi-table"][1:] == [
        ["Cooperativa Beta", "2", "0", "0%", "2,5 giorni", "4,5 giorni"]
    ]
    assert response.context["figures"].overdue == 0
    assert "(0 su 2 assegnate)" in response.content.decode()
    assert "Cooperativa Alfa" not in response.content.decode()


def test_the_admin_home_shows_the_panel_to_operators_with_the_status_chart(client, network):
    client.force_login(f.OperatorFactory())

    response = client.get(reverse("wagtailadmin_home"))

    html = response.content.decode()
    assert "Andamento della rete" in html
    assert counts(tables(response)["per-stato-table"])["Assegnata a un ente"] == 1
    assert 'role="img"' in html
    assert reverse("intake_dashboard:report") in html


def test_the_report_takes_a_fixed_number_of_queries(
    client, network, catalogue, django_assert_max_num_queries
):
    client.force_login(f.DistrictOfficeFactory())
    client.get(reverse("intake_dashboard:report"))  # warm caches (site, locale)
    # 21: the figures, and the funds' budget panel that the report shows too.
    with django_assert_max_num_queries(21) as before:
        response = client.get(reverse("intake_dashboard:report"))
    assert response.status_code == 200
    for _ in range(5):
        f.ServiceRequestFactory(service=catalogue["service"])
    with django_assert_max_num_queries(len(before.captured_queries)):
        response = client.get(reverse("intake_dashboard:report"))
    assert response.status_code == 200


def test_municipal_editors_and_citizens_do_not_get_the_dashboard(client, network):
    from django.contrib.auth.models import Group

    editor = f.UserFactory()
    editor.groups.add(Group.objects.get(name="Redattori comunali"))
    client.force_login(editor)
    assert "Andamento della rete" not in client.get(reverse("wagtailadmin_home")).content.decode()
    assert client.get(reverse("intake_dashboard:report")).status_code == 302

    client.force_login(network["requests"][0].citizen.user)
    response = client.get(reverse("intake_dashboard:report"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_the_figures_take_the_same_queries_however_many_requests(network, catalogue):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from intake.reports import network_figures

    udp = f.DistrictOfficeFactory()
    with CaptureQueriesContext(connection) as before:
        network_figures(udp)
    for _ in range(5):
        f.ServiceRequestFactory(service=catalogue["service"])
    udp = type(udp).objects.get(pk=udp.pk)
    with CaptureQueriesContext(connection) as after:
        figures = network_figures(udp)

    assert figures.total == 11
    assert len(after) == len(before) <= 10


def test_a_request_counts_as_overdue_only_once_the_provider_is_late(client, catalogue):
    operator = f.OperatorFactory()
    made = f.ServiceRequestFactory(service=catalogue["service"])
    perform_transition(service_request=made, action=Action.TAKE_IN_REVIEW, actor=operator)
    perform_transition(
        service_request=made, action=Action.ASSIGN, actor=operator, provider=catalogue["provider"]
    )
    client.force_login(f.DistrictOfficeFactory())
    report = reverse("intake_dashboard:report")

    assert client.get(report).context["figures"].overdue == 0

    ServiceRequest.objects.filter(pk=made.pk).update(assigned_at=timezone.now() - 14 * DAY)
    response = client.get(report)
    assert response.context["figures"].overdue == 1
    assert "rw-kpi--alert" in response.content.decode()
