"""Keep permissions in step with the page tree, whoever creates the pages (admin, loader)."""

from django.contrib.auth.models import Group
from django.db.models.signals import post_delete, post_migrate, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from catalogue import governance
from catalogue.discovery.search import forget_vocabulary
from catalogue.models import ProviderEditorGroup, ProviderIndexPage, ProviderPage


@receiver(post_migrate)
def set_up_governance(sender, **kwargs):
    """After `migrate` (and test database set-up), the editors' group and workflow exist."""
    if sender.name == "catalogue":
        governance.setup_governance()


@receiver(post_save, sender=ProviderPage)
def sync_provider_group(sender, instance, created, raw=False, update_fields=None, **kwargs):
    """A new provider gets its group; a published rename renames it.

    Saving a draft only touches revision bookkeeping (`update_fields` without the title):
    the group keeps the live title until the new one is published.
    """
    if raw or (update_fields is not None and "title" not in update_fields):
        return
    governance.sync_provider_group(instance)


@receiver(post_save, sender=ProviderIndexPage)
def attach_approval_workflow(sender, instance, created, raw=False, **kwargs):
    """Changes under a new providers' index wait for municipal approval."""
    if created and not raw:
        governance.attach_approval_workflow(instance)


@receiver(post_delete, sender=ProviderEditorGroup)
def delete_provider_group(sender, instance, **kwargs):
    """A deleted provider's editors lose their admin access with it."""
    Group.objects.filter(pk=instance.group_id).delete()


@receiver(page_published)
@receiver(page_unpublished)
def forget_search_vocabulary(sender, **kwargs):
    """Published words become searchable (and correctable) at once."""
    forget_vocabulary()
