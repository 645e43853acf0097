"""The Content-Security-Policy in a real browser: the main pages run with no violation."""

import pytest

from tests.e2e.test_catalogue import live_catalogue  # noqa: F401  (the fixture)

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


@pytest.mark.parametrize(
    "which", ["home", "services", "service", "provider", "social_point", "guide", "search", "login"]
)
def test_main_pages_have_a_policy_and_no_csp_violation(page, live_catalogue, which):  # noqa: F811
    paths = {
        "home": "/",
        "services": "/servizi/",
        "search": "/cerca/?q=voucher",
        "login": "/account/accedi/",
    }
    path = paths.get(which) or live_catalogue[which].url
    page.add_init_script(RECORD_VIOLATIONS)
    response = page.goto(path)
    assert response.status == 200, path
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__cspViolations") == []
    assert [e for e in page.console_errors if "Content Security Policy" in e] == []
    assert page.console_errors == []
