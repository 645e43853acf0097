"""Who may edit what: municipal editors, one group per provider, and municipal approval.

Wagtail permissions follow the page tree. The municipal editors («Redattori comunali») hold
every page right from the tree's root down, the snippets and the media; each provider's
group («Ente: <nome>») may add and edit pages only in its own ProviderPage subtree, without
publishing; the workflow «Approvazione comunale», attached to the providers' index page,
makes every change a provider submits wait for a municipal editor's approval.

Every function here is idempotent: the demo loader, ``post_migrate`` and the page signals
call them again and again.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.admin.models import Admin
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from catalogue.models import Audience, Municipality, Need, ProviderEditorGroup, ProviderIndexPage

MUNICIPAL_EDITORS = "Redattori comunali"
APPROVAL_WORKFLOW = "Approvazione comunale"
APPROVAL_TASK = "Approvazione dei redattori comunali"
PROVIDER_GROUP_PREFIX = "Ente: "

MUNICIPAL_PAGE_ACTIONS = ("add", "change", "publish", "lock", "unlock", "bulk_delete")
PROVIDER_PAGE_ACTIONS = ("add", "change")
MUNICIPAL_MEDIA_ACTIONS = ("add", "change", "choose", "delete")
PROVIDER_MEDIA_ACTIONS = ("add", "change", "choose")
SNIPPET_ACTIONS = ("add", "change", "delete", "view")

GROUP_NAME_MAX_LENGTH = Group._meta.get_field("name").max_length


def permission_for(model, action):
    """The permission `action` on `model`, created if post_migrate has not made it yet."""
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    codename = f"{action}_{model._meta.model_name}"
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": f"Can {action} {model._meta.verbose_name_raw}"},
    )
    return permission


def admin_access_permission():
    """The right to enter the Wagtail admin at all."""
    return permission_for(Admin, "access")


def _grant_page(group, page, actions):
    for action in actions:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=permission_for(Page, action)
        )


def _grant_media(group, collection, actions):
    for model in (get_image_model(), get_document_model()):
        for action in actions:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permission_for(model, action)
            )


@transaction.atomic
def ensure_municipal_editors():
    """Create or complete the «Redattori comunali» group: every right on the whole site.

    Page rights are granted on the tree's root, so they cover the HomePage of every language
    (wagtail-localize puts translated trees beside the Italian one).
    """
    group, _ = Group.objects.get_or_create(name=MUNICIPAL_EDITORS)
    group.permissions.add(admin_access_permission())
    group.permissions.add(
        *(
            permission_for(model, action)
            for model in (Need, Audience, Municipality)
            for action in SNIPPET_ACTIONS
        )
    )
    root = Page.get_first_root_node()
    if root is not None:
        _grant_page(group, root, MUNICIPAL_PAGE_ACTIONS)
    root_collection = Collection.get_first_root_node()
    if root_collection is not None:
        _grant_media(group, root_collection, MUNICIPAL_MEDIA_ACTIONS)
    return group


@transaction.atomic
def ensure_approval_workflow():
    """Create the «Approvazione comunale» workflow and attach it to every providers' index."""
    editors = ensure_municipal_editors()
    workflow, _ = Workflow.objects.get_or_create(name=APPROVAL_WORKFLOW)
    task = GroupApprovalTask.objects.filter(name=APPROVAL_TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=APPROVAL_TASK)
    task.groups.set([editors])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for index in ProviderIndexPage.objects.all():
        WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
    return workflow


def attach_approval_workflow(index_page):
    """Make changes under a (new) providers' index page wait for municipal approval."""
    workflow = ensure_approval_workflow()
    WorkflowPage.objects.update_or_create(page=index_page, defaults={"workflow": workflow})
    return workflow


def provider_group_name(title, page_id, group_id=None):
    """«Ente: <title>», cut to fit, with the page id added if another group has the name."""
    name = f"{PROVIDER_GROUP_PREFIX}{title}"[:GROUP_NAME_MAX_LENGTH]
    taken = Group.objects.filter(name=name).exclude(pk=group_id).exists()
    if taken:
        suffix = f" (#{page_id})"
        name = name[: GROUP_NAME_MAX_LENGTH - len(suffix)] + suffix
    return name


@transaction.atomic
def sync_provider_group(page):
    """Create or rename the editors' group of `page` and give it rights on its subtree only.

    Translations of a provider page (same translation key) share the source page's group.
    """
    link = (
        ProviderEditorGroup.objects.select_related("group", "collection")
        .filter(page__translation_key=page.translation_key)
        .first()
    )
    if link is None:
        group = Group.objects.create(name=provider_group_name(page.title, page.pk))
        group.permissions.add(admin_access_permission())
        collection = _root_collection().add_child(name=group.name)
        _grant_media(group, collection, PROVIDER_MEDIA_ACTIONS)
        link = ProviderEditorGroup.objects.create(page=page, group=group, collection=collection)
    elif link.page_id == page.pk:
        name = provider_group_name(page.title, page.pk, group_id=link.group_id)
        if link.group.name != name:
            link.group.name = name
            link.group.save(update_fields=["name"])
            if link.collection is not None:
                link.collection.name = name
                link.collection.save(update_fields=["name"])
    _grant_page(link.group, page, PROVIDER_PAGE_ACTIONS)
    return link.group


def _root_collection():
    """Wagtail's root collection, recreated if a flushed database has lost it."""
    return Collection.get_first_root_node() or Collection.add_root(name="Root")


def setup_governance():
    """Everything above that does not depend on a particular page: groups and workflow."""
    return ensure_approval_workflow()
