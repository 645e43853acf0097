"""The intake's signal receivers: the role groups after `migrate`, and a provider
membership's groups kept in step when it is added or removed (rules in intake/staff.py)."""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_migrate, post_save
from django.dispatch import receiver

from intake.staff import ensure_roles, grant_membership_groups, revoke_membership_groups


@receiver(post_migrate)
def set_up_roles(sender, **kwargs):
    """After `migrate` (and the test database's set-up) the role groups exist."""
    if sender.name == "intake":
        ensure_roles()


@receiver(post_save, sender="intake.ProviderMembership")
def membership_added(sender, instance, created, raw=False, **kwargs):
    """A new member gets the provider's content group and the provider staff role."""
    if not raw:
        grant_membership_groups(instance)


@receiver(post_delete, sender="intake.ProviderMembership")
def membership_removed(sender, instance, **kwargs):
    """A removed member loses what no other membership still gives (skip a deleted user)."""
    if get_user_model().objects.filter(pk=instance.user_id).exists():
        revoke_membership_groups(instance)
