"""Who a staff user is for the intake: Social Point operator, Ufficio di Piano, provider staff,
employer HR contact.

Roles are Wagtail groups (created by `manage.py setup_roles`); provider staff reach their
providers through ProviderMembership; an employer's HR contacts («Referenti aziendali»)
reach their employer through funding.EmployerMembership (the funding app owns employers,
and the intake never imports it: this module only names the group).
"""

from django.utils.translation import gettext_lazy as _

OPERATORS_GROUP = "Operatori Social Point"
DISTRICT_OFFICE_GROUP = "Ufficio di Piano"
PROVIDER_STAFF_GROUP = "Personale degli enti"
EMPLOYER_HR_GROUP = "Referenti aziendali"

ROLE_LABELS = {
    OPERATORS_GROUP: _("Operatori Social Point"),
    DISTRICT_OFFICE_GROUP: _("Ufficio di Piano"),
    PROVIDER_STAFF_GROUP: _("Personale degli enti"),
    EMPLOYER_HR_GROUP: _("Referenti aziendali"),
}


def _group_names(user):
    if not hasattr(user, "_intake_group_names"):
        user._intake_group_names = set(user.groups.values_list("name", flat=True))
    return user._intake_group_names


def is_operator(user):
    """A Social Point operator: registers citizens, files and triages requests."""
    return user.is_authenticated and (user.is_superuser or OPERATORS_GROUP in _group_names(user))


def is_district_office(user):
    """The Ufficio di Piano: sees the whole district and its reports."""
    return user.is_authenticated and (
        user.is_superuser or DISTRICT_OFFICE_GROUP in _group_names(user)
    )


def is_employer_hr(user):
    """An employer's HR contact: reaches the admin for their employer's welfare plan only
    (which employer: funding.selectors.employer_ids)."""
    return user.is_authenticated and EMPLOYER_HR_GROUP in _group_names(user)


def works_on_requests(user):
    """Operators, the Ufficio di Piano and provider staff (a ProviderMembership gives a
    provider's requests, as it gives its content group); not editors of content only."""
    return is_operator(user) or is_district_office(user) or bool(provider_ids(user))


def provider_ids(user):
    """The ids of the ProviderPages this user works for (empty for everyone else)."""
    if not user.is_authenticated:
        return set()
    if not hasattr(user, "_intake_provider_ids"):
        user._intake_provider_ids = set(
            user.provider_memberships.values_list("provider_id", flat=True)
        )
    return user._intake_provider_ids
