"""The funding's signal receivers: an employer membership keeps its user in the
«Referenti aziendali» group (rules in funding/staff.py); a new citizen profile gets the
welfare credits waiting for its codice fiscale (funding/services/welfare.py)."""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from funding.services.welfare import attach_credits
from funding.staff import grant_employer_role, revoke_employer_role
from intake.services import profile_created


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


@receiver(profile_created)
def attach_waiting_credits(sender, profile, **kwargs):
    """A new citizen finds the welfare credits their employers loaded for their code."""
    attach_credits(profile)
