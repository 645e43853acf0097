"""Employers' HR contacts as a Wagtail role: an EmployerMembership is the one place where a
user is tied to an employer; adding one puts the user in «Referenti aziendali», removing
the last takes them out (receivers in funding/signals.py)."""

from django.contrib.auth.models import Group

from funding.models import EmployerMembership
from intake.roles import EMPLOYER_HR_GROUP


def _forget_cached_employers(user):
    for attribute in ("_intake_group_names", "_funding_employer_ids"):
        user.__dict__.pop(attribute, None)


def grant_employer_role(membership):
    """Put the HR contact in «Referenti aziendali» (its admin access comes from there)."""
    group, _created = Group.objects.get_or_create(name=EMPLOYER_HR_GROUP)
    membership.user.groups.add(group)
    _forget_cached_employers(membership.user)


def revoke_employer_role(membership):
    """Take the former HR contact out of the role unless another employer still gives it."""
    user = membership.user
    others = EmployerMembership.objects.filter(user=user).exclude(pk=membership.pk)
    if not others.exists():
        user.groups.remove(*Group.objects.filter(name=EMPLOYER_HR_GROUP))
    _forget_cached_employers(user)
