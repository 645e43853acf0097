"""The funding's signal receivers: an employer membership keeps its user in the
«Referenti aziendali» group (rules in funding/staff.py)."""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from funding.staff import grant_employer_role, revoke_employer_role


@receiver(post_save, sender="funding.EmployerMembership")
def employer_membership_added(sender, instance, created, raw=False, **kwargs):
    """A new HR contact gets the «Referenti aziendali» role."""
    if not raw:
        grant_employer_role(instance)


@receiver(post_delete, sender="funding.EmployerMembership")
def employer_membership_removed(sender, instance, **kwargs):
    """A removed HR contact loses the role unless another employer still gives it."""
    if get_user_model().objects.filter(pk=instance.user_id).exists():
        revoke_employer_role(instance)
