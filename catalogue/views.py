"""Public views of the catalogue that are not pages: search, page feedback and robots.txt."""

from urllib.parse import urlsplit

from django.http import HttpResponse, HttpResponseForbidden, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from wagtail.models import Page, Site

from catalogue.discovery import search_site
from catalogue.forms import PageFeedbackForm
from catalogue.models import GuidePage, ProviderPage, ServicePage, SocialPointPage
from catalogue.services import feedback_allowed, record_page_feedback

# The content pages whose foot carries the feedback block.
FEEDBACK_PAGE_TYPES = (ServicePage, ProviderPage, SocialPointPage, GuidePage)
FEEDBACK_ANCHOR = "valutazione"
FEEDBACK_PARAM = "valutazione"


def _client_key(request):
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _from_another_site(request):
    """Whether the browser says the post comes from a page of another site."""
    if request.META.get("HTTP_SEC_FETCH_SITE") == "cross-site":
        return True
    origin = request.META.get("HTTP_ORIGIN")
    if not origin:
        return False
    return origin == "null" or urlsplit(origin).netloc != request.get_host()


@csrf_exempt
@require_POST
def page_feedback(request, page_id):
    """Store a citizen's rating of a live page and send them back to its thanks.

    No form token, so that the pages carrying the form can be cached for everyone: the
    rating is anonymous and acts on nobody's behalf (it reads no session or account), it is
    rate-limited per address, and a post that a browser says comes from another site
    (`Origin`, `Sec-Fetch-Site`) is refused, so other sites cannot make visitors post ratings.

    A bad answer re-renders the page with the form's errors (status 400) and stores nothing;
    past the rate limit nothing is stored and the page says so.
    """
    if _from_another_site(request):
        return HttpResponseForbidden()
    pages = Page.objects.live().public().type(*FEEDBACK_PAGE_TYPES).specific()
    page = get_object_or_404(pages, pk=page_id)
    page_url = page.get_url(request) or "/"
    form = PageFeedbackForm(request.POST)
    if not form.is_valid():
        context = page.get_context(request)
        context["feedback_form"] = form
        return TemplateResponse(request, page.get_template(request), context, status=400)
    outcome = "grazie"
    if feedback_allowed(client_key=_client_key(request), page_id=page.pk):
        record_page_feedback(
            page=page,
            rating=form.cleaned_data["rating"],
            reason=form.cleaned_data["reason"],
            comment=form.cleaned_data["comment"],
        )
    else:
        outcome = "limite"
    if not url_has_allowed_host_and_scheme(page_url, allowed_hosts={request.get_host()}):
        page_url = "/"
    return HttpResponseRedirect(f"{page_url}?{FEEDBACK_PARAM}={outcome}#{FEEDBACK_ANCHOR}")


@require_GET
def robots_txt(request):
    """Let crawlers in, keep them out of the admin and the APIs, and point at the sitemap."""
    sitemap = request.build_absolute_uri("/sitemap.xml")
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        "Disallow: /valutazione/",
        "Allow: /",
        "",
        f"Sitemap: {sitemap}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_GET
def search(request):
    """«Cerca»: one box for services, providers, Social Points and guides.

    Services come with the catalogue's facets; every choice lives in the query string.
    """
    site = Site.find_for_request(request)
    root = site.root_page.localized if site else None
    context = search_site(request.GET, root=root)
    context["search_url"] = request.path
    return TemplateResponse(request, "catalogue/search.html", context)
