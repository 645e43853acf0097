"""The home page in a real browser."""


def test_home_page_opens_in_italian_with_a_title_and_no_console_errors(page, live_site):
    response = page.goto("/")
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == "it"
    assert "Ambito di Tradate" in page.title()
    page.wait_for_load_state("networkidle")
    assert page.console_errors == []
