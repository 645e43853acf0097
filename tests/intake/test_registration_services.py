"""Registration rules: the codice fiscale, one account per person, assisted activation."""

import datetime

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.hashers import check_password
from django.core import mail
from django.core.exceptions import ValidationError

from intake.models import CitizenProfile
from intake.notifications import deliver_pending
from intake.services import (
    ActivationFailed,
    activate_account,
    issue_activation_code,
    register_citizen,
    register_citizen_assisted,
    verify_email,
)
from tests import factories as f

BIRTH = datetime.date(1948, 3, 12)


def registration(**overrides):
    data = {
        "email": "anna@example.org",
        "password": "una-password-lunga-7",
        "first_name": "Anna",
        "last_name": "Esempio",
        "fiscal_code": f.fiscal_code_for(7, BIRTH),
        "birth_date": BIRTH,
        "municipality": None,
        "other_municipality": "Varese",
        "privacy_consent": True,
    }
    data.update(overrides)
    return data


def test_online_registration_needs_the_emailed_link(db):
    profile = register_citizen(**registration())
    assert not profile.user.is_active
    assert authenticate(username=profile.fiscal_code, password="una-password-lunga-7") is None

    deliver_pending()
    (email,) = mail.outbox
    link = next(line for line in email.body.splitlines() if "/account/verifica/" in line)
    uidb64, token = link.rstrip("/").split("/")[-2:]
    verify_email(uidb64=uidb64, token=token)

    user = authenticate(username="anna@example.org", password="una-password-lunga-7")
    assert user == profile.user
    assert authenticate(username=profile.fiscal_code.lower(), password="una-password-lunga-7")
    profile.refresh_from_db()
    assert profile.email_verified_at and profile.privacy_notice_version


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"fiscal_code": "RSSMRA80A01L319X"}, "fiscal_code"),
        ({"fiscal_code": "ABC"}, "fiscal_code"),
        ({"birth_date": datetime.date(1948, 3, 13)}, "birth_date"),
        ({"first_name": "x" * 81}, "first_name"),
        ({"last_name": ""}, "last_name"),
        ({"privacy_consent": False}, "privacy_consent"),
        ({"other_municipality": ""}, "municipality"),
        ({"password": "123"}, "password"),
    ],
)
def test_bad_registration_is_refused_on_its_field_and_saves_nothing(db, overrides, field):
    with pytest.raises(ValidationError) as caught:
        register_citizen(**registration(**overrides))
    assert field in caught.value.message_dict
    assert CitizenProfile.objects.count() == 0
    assert get_user_model().objects.count() == 0


def test_one_account_per_fiscal_code(db):
    register_citizen(**registration())
    with pytest.raises(ValidationError) as caught:
        register_citizen(**registration(email="altra@example.org"))
    assert "fiscal_code" in caught.value.message_dict
    assert CitizenProfile.objects.count() == 1


def test_assisted_registration_hands_out_a_one_time_code(catalogue):
    operator = f.OperatorFactory()
    desk = f.SocialPointPageFactory(parent=catalogue["social_points"])
    data = registration(email="")
    data.pop("password")
    profile, code = register_citizen_assisted(operator=operator, social_point=desk, **data)

    assert profile.registered_by == operator and profile.registered_at.pk == desk.pk
    assert not profile.user.is_active
    stored = profile.activation_codes.get().code_hash
    assert stored != code.replace("-", "") and check_password(code.replace("-", ""), stored)

    user = activate_account(
        fiscal_code=profile.fiscal_code.lower(), code=code.lower(), password="nuova-password-9"
    )
    assert user.is_active
    assert authenticate(username=profile.fiscal_code, password="nuova-password-9") == user
    with pytest.raises(ActivationFailed):
        activate_account(fiscal_code=profile.fiscal_code, code=code, password="altra-password-9")


def test_a_new_code_replaces_the_old_one(catalogue):
    operator = f.OperatorFactory()
    data = registration(email="")
    data.pop("password")
    profile, old = register_citizen_assisted(operator=operator, social_point=None, **data)
    new = issue_activation_code(profile=profile, operator=operator)

    with pytest.raises(ActivationFailed):
        activate_account(fiscal_code=profile.fiscal_code, code=old, password="nuova-password-9")
    assert activate_account(
        fiscal_code=profile.fiscal_code, code=new, password="nuova-password-9"
    ).is_active
