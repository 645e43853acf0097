"""The request's receipt: a one-page PDF a Social Point operator prints or a citizen keeps.

fpdf2 writes the PDF (pure Python, maintained, no system libraries: unlike WeasyPrint it
needs no Pango/Cairo) with the design system's Titillium Web, taken from the theme
package's static files so accented letters and «» print; segno draws the QR code (pure
Python, writes PNG without Pillow), which points to the request's page on the portal.
"""

import io
import logging

import segno
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from fpdf import FPDF

# fpdf2 subsets the font through fontTools, which logs every step at INFO.
logging.getLogger("fontTools").setLevel(logging.WARNING)

FONT_FILES = {
    "": "fonts/Titillium_Web/titillium-web-v10-latin-ext_latin-regular.ttf",
    "B": "fonts/Titillium_Web/titillium-web-v10-latin-ext_latin-700.ttf",
}


def request_page_url(service_request):
    """The absolute address of the request's page, which the QR code encodes."""
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return base + reverse("intake:request-detail", args=[service_request.reference])


def _contacts(service_request, district):
    """Who to call about the request: its Social Point, else the district's office."""
    point = service_request.social_point
    if point is not None:
        lines = [point.title, point.address]
        if point.phone:
            lines.append(_("Telefono: %(phone)s") % {"phone": point.phone})
        if point.email:
            lines.append(_("Email: %(email)s") % {"email": point.email})
        return lines
    lines = [district.lead_body or district.district_name]
    if district.address:
        lines.append(district.address)
    if district.phone:
        lines.append(_("Telefono: %(phone)s") % {"phone": district.phone})
    if district.email:
        lines.append(_("Email: %(email)s") % {"email": district.email})
    return lines


def render_receipt(service_request, *, district):
    """The receipt's PDF bytes: reference, service, date, contacts and the QR code."""
    pdf = FPDF(format="A4")
    pdf.set_title(
        _("Ricevuta della richiesta %(reference)s") % {"reference": service_request.reference}
    )
    pdf.set_author(district.district_name)
    pdf.set_lang("it")
    for style, path in FONT_FILES.items():
        pdf.add_font("Titillium", style, finders.find(path))
    pdf.add_page()
    pdf.set_margins(20, 20, 20)
    width = pdf.w - 40

    pdf.set_font("Titillium", "B", 12)
    pdf.cell(width, 7, district.district_name, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Titillium", "", 10)
    pdf.cell(
        width, 6, _("Rete Welfare: servizi sociali del distretto"), new_x="LMARGIN", new_y="NEXT"
    )
    pdf.ln(8)
    pdf.set_font("Titillium", "B", 20)
    pdf.cell(width, 10, _("Ricevuta della richiesta"), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)

    submitted = timezone.localtime(service_request.submitted_at)
    rows = [
        (_("Numero della richiesta"), service_request.reference),
        (_("Servizio"), service_request.service_title),
        (_("Inviata il"), date_format(submitted, "j F Y, H:i").lower()),
        (_("Canale"), str(service_request.get_channel_display())),
        (_("Stato"), str(service_request.get_status_display())),
    ]
    if service_request.provider_title:
        rows.insert(2, (_("Ente"), service_request.provider_title))
    for label, value in rows:
        pdf.set_font("Titillium", "B", 11)
        pdf.cell(55, 8, label)
        pdf.set_font("Titillium", "", 11)
        pdf.multi_cell(width - 55, 8, value, new_x="LMARGIN", new_y="NEXT")

    pdf.ln(6)
    pdf.set_font("Titillium", "B", 13)
    pdf.cell(width, 8, _("Per informazioni"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Titillium", "", 11)
    for line in _contacts(service_request, district):
        pdf.multi_cell(width, 6, line, new_x="LMARGIN", new_y="NEXT")

    url = request_page_url(service_request)
    qr = io.BytesIO()
    segno.make(url, error="m").save(qr, kind="png", scale=8, border=4)
    qr.seek(0)
    pdf.ln(6)
    top = pdf.get_y()
    pdf.image(qr, x=20, y=top, w=40, h=40, alt_text=_("Codice QR della pagina della richiesta"))
    pdf.set_xy(65, top + 8)
    pdf.set_font("Titillium", "", 10)
    pdf.multi_cell(
        width - 45,
        5,
        _("Inquadra il codice o apri l'indirizzo per seguire la richiesta (serve l'accesso):"),
        new_x="LEFT",
        new_y="NEXT",
    )
    pdf.multi_cell(width - 45, 5, url, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
