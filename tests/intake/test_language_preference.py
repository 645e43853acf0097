"""The citizen's preferred language, end to end: the emails they get and the pages after login."""

from django.core import mail

from intake.notifications import deliver_pending
from tests import factories as f


def test_a_citizen_who_prefers_romanian_gets_romanian_emails_with_romanian_links(service):
    citizen = f.CitizenProfileFactory(preferred_language="ro", first_name="Ioana")
    submitted = f.ServiceRequestFactory(citizen=citizen, service=service)

    deliver_pending()

    (email,) = mail.outbox
    assert email.subject == f"Am primit cererea dumneavoastră {submitted.reference}"
    assert "Stimată/Stimate Ioana," in email.body and "evaluează cererea" in email.body
    assert f"/ro/richieste/{submitted.reference}/" in email.body
    assert "Abbiamo ricevuto" not in email.subject


def test_after_login_the_portal_speaks_the_citizens_language(client, home_page):
    profile = f.CitizenProfileFactory(preferred_language="uk")

    response = client.post(
        "/account/accedi/",
        {"username": profile.fiscal_code, "password": "password-di-prova-1"},
        follow=True,
    )

    assert response.redirect_chain[-1][0].startswith("/uk/")
    assert '<html lang="uk"' in response.content.decode()
