"""Request every page type of the demo from a running production server and check answers.

Usage: smoke.py BASE_URL. Exits 1 on any unexpected status (a 500 above all), on the theme's
placeholder error page, or on a missing security header. Every request carries
`X-Forwarded-Proto: https`, as the TLS-terminating proxy in front of the portal does.
"""

import json
import sys
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

BASE = sys.argv[1].rstrip("/")
HEADERS = {"X-Forwarded-Proto": "https", "Accept-Language": "it"}
EVERY_ANSWER = ["X-Content-Type-Options", "Referrer-Policy", "Strict-Transport-Security"]
HTML_ANSWER = ["Content-Security-Policy", "Permissions-Policy", "X-Frame-Options"]
failures = []


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


opener = urllib.request.build_opener(NoRedirect)


def fetch(path):
    request = urllib.request.Request(BASE + path, headers=HEADERS)
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def check(path, expected=(200,), html=True):
    status, headers, body = fetch(path)
    problems = []
    if status not in expected:
        problems.append(f"status {status}, expected {'/'.join(map(str, expected))}")
    wanted = EVERY_ANSWER + (HTML_ANSWER if html and status != 302 else [])
    problems += [f"no {name}" for name in wanted if not headers.get(name)]
    text = body.decode("utf-8", "replace")
    if html and "Lorem Ipsum" in text:
        problems.append("the theme's placeholder page (Lorem Ipsum)")
    public = not path.startswith("/admin/")
    if html and public and status == 200 and "unsafe-inline" in csp_script(headers):
        problems.append("script-src allows unsafe-inline")
    if path.startswith("/api/") and status >= 400:
        try:
            if "code" not in json.loads(body):
                problems.append("an API error without a code")
        except ValueError:
            problems.append("an API error that is not JSON")
    print(f"{'FAIL' if problems else 'ok  '} {status} {path} {'; '.join(problems)}")
    if problems:
        failures.append(path)
    return status, body


def csp_script(headers):
    policy = headers.get("Content-Security-Policy", "")
    for directive in policy.split(";"):
        if directive.strip().startswith(("script-src ", "default-src ")):
            return directive
    return ""


def wait_until_up():
    for _ in range(60):
        try:
            if fetch("/healthz")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(1)
    sys.exit("smoke: the server did not answer /healthz within 60 s")


def first_page_of(page_type):
    """The path of one live page of a type, found through the Wagtail API."""
    status, body = check(f"/api/v2/pages/?type={page_type}&limit=1", html=False)
    if status != 200:
        return None
    items = json.loads(body)["items"]
    return urlsplit(items[0]["meta"]["html_url"]).path if items else None


wait_until_up()
check("/healthz", html=False)
check("/readyz", html=False)
check("/")
check("/en/")
check("/servizi/")
check("/servizi/?bisogno=anziani&comune=tradate&gratuito=1")
check("/cerca/?q=assistenza")
check("/cerca/?q=")
check("/cerca/?q=ca%00sa", expected=(200, 400))
check("/account/accedi/")
check("/account/registrati/")
check("/richieste/", expected=(302,))
check("/account/dati/", expected=(302,))
for page_type in (
    "catalogue.ServiceIndexPage",
    "catalogue.ServicePage",
    "catalogue.ProviderIndexPage",
    "catalogue.ProviderPage",
    "catalogue.SocialPointIndexPage",
    "catalogue.SocialPointPage",
    "catalogue.GuideIndexPage",
    "catalogue.GuidePage",
):
    path = first_page_of(page_type)
    if path is None:
        print(f"FAIL no live {page_type} in the demo")
        failures.append(page_type)
    else:
        check(path)
check("/api/v2/pages/", html=False)
check("/api/hsds/", html=False)
check("/api/hsds/services", html=False)
check("/api/intake/", expected=(404,), html=False)
check("/api/intake/requests/", expected=(401,), html=False)
check("/api/schema/", html=False)
check("/api/docs/")
check("/admin/login/")
check("/sitemap.xml", html=False)
check("/static/css/rete-welfare.css", html=False)
check("/pagina-che-non-esiste/", expected=(404,))
check("/en/no-such-page/", expected=(404,))
check("/api/hsds/services/00000000-0000-0000-0000-000000000000", expected=(404,), html=False)
status, body = check("/__error_probe__/", expected=(500,))
if status == 500 and b"<html" not in body:
    print("FAIL the forced server error did not render the portal's 500 page")
    failures.append("500 page")

print(f"\nsmoke: {len(failures)} failure(s)")
sys.exit(1 if failures else 0)
