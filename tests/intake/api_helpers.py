"""Helpers for the intake API tests: clients logged in as someone, a valid registration."""

import datetime

from rest_framework.test import APIClient

from tests import factories as f

API = "/api/intake/"
REGISTRATION = f"{API}registration/"
TOKEN = f"{API}auth/token/"
PROFILE = f"{API}profile/"
REQUESTS = f"{API}requests/"

# Registrations are born on different days from this one: the made-up names encode to the
# same letters, so the birth date keeps each registration's codice fiscale unique.
BIRTH_DATE = datetime.date(1950, 4, 12)


def request_url(reference, action=""):
    return f"{REQUESTS}{reference}/" + (f"{action}/" if action else "")


def client_for(user):
    """An APIClient authenticated as `user` with a token, as an app would be."""
    from rest_framework.authtoken.models import Token

    client = APIClient()
    token, _created = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def registration_data(**overrides):
    """A complete, valid online registration (a fresh codice fiscale each call)."""
    sequence = next(_sequence)
    birth_date = BIRTH_DATE + datetime.timedelta(days=sequence)
    data = {
        "email": f"nuovo{sequence}@example.org",
        "password": "una-password-lunga-2026",
        "first_name": "Maria",
        "last_name": "Bianchi",
        "fiscal_code": f.fiscal_code_for(sequence, birth_date),
        "birth_date": birth_date.isoformat(),
        "other_municipality": "Varese",
        "phone": "0331 123456",
        "preferred_language": "it",
        "privacy_consent": True,
    }
    data.update(overrides)
    return data


def _counter():
    n = 0
    while True:
        n += 1
        yield n


_sequence = _counter()
