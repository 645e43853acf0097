"""The staff roles of the intake as Wagtail groups, and provider memberships kept in step.

`ensure_roles()` creates or completes the four groups of `intake.roles` with admin access and
the model permissions each role needs; it is idempotent (`manage.py setup_roles`, the demo
loader and `post_migrate` call it; the receivers are in intake/signals.py). A
ProviderMembership is the one place where a user is tied to a provider: adding one puts
the user in that provider's content group from the catalogue and in «Personale degli enti»;
removing it takes them out again, unless another membership still gives the same group.
"""

from django.apps import apps
from django.contrib.auth.models import Group
from django.db import transaction

from catalogue.governance import admin_access_permission, permission_for
from catalogue.models import ProviderEditorGroup, ProviderPage
from intake.models import ProviderMembership
from intake.roles import (
    DISTRICT_OFFICE_GROUP,
    EMPLOYER_HR_GROUP,
    OPERATORS_GROUP,
    PROVIDER_STAFF_GROUP,
)

# (model name in the intake app, actions) per role. Requests are changed only through the
# lifecycle module; "change" is what lets the admin offer its actions at all.
ROLE_PERMISSIONS = {
    OPERATORS_GROUP: {
        "citizenprofile": ("add", "change", "view"),
        "servicerequest": ("add", "change", "view"),
        "requestevent": ("view",),
    },
    DISTRICT_OFFICE_GROUP: {
        "citizenprofile": ("view",),
        "servicerequest": ("change", "view"),
        "requestevent": ("view",),
        "providermembership": ("add", "change", "delete", "view"),
    },
    PROVIDER_STAFF_GROUP: {
        "servicerequest": ("change", "view"),
        "requestevent": ("view",),
    },
    # Admin access only: the funding's welfare views check the role and the employer
    # membership themselves; no intake model is theirs to read (never requests or needs).
    EMPLOYER_HR_GROUP: {},
}


@transaction.atomic
def ensure_roles():
    """Create or complete the role groups; return them by name. Safe to call again."""
    groups = {}
    for name, grants in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = [admin_access_permission()]
        for model_name, actions in grants.items():
            model = apps.get_model("intake", model_name)
            permissions.extend(permission_for(model, action) for action in actions)
        group.permissions.add(*permissions)
        groups[name] = group
    return groups


def _content_group_id(provider_id):
    """The id of the catalogue's editors' group of a provider (shared by its translations)."""

    translation_key = (
        ProviderPage.objects.filter(pk=provider_id)
        .values_list("translation_key", flat=True)
        .first()
    )
    if translation_key is None:
        return None
    return (
        ProviderEditorGroup.objects.filter(page__translation_key=translation_key)
        .values_list("group_id", flat=True)
        .first()
    )


def _forget_cached_roles(user):
    for attribute in ("_intake_group_names", "_intake_provider_ids"):
        user.__dict__.pop(attribute, None)


def grant_membership_groups(membership):
    """Put the member in their provider's content group and in «Personale degli enti»."""
    user = membership.user
    staff_group, _ = Group.objects.get_or_create(name=PROVIDER_STAFF_GROUP)
    group_ids = [staff_group.pk]
    content_group_id = _content_group_id(membership.provider_id)
    if content_group_id is not None:
        group_ids.append(content_group_id)
    user.groups.add(*group_ids)
    _forget_cached_roles(user)


def revoke_membership_groups(membership):
    """Take the former member out of the groups no remaining membership still gives."""
    user = membership.user
    remaining = list(
        ProviderMembership.objects.filter(user=user)
        .exclude(pk=membership.pk)
        .values_list("provider_id", flat=True)
    )
    still_given = {_content_group_id(provider_id) for provider_id in remaining}
    content_group_id = _content_group_id(membership.provider_id)
    to_remove = []
    if content_group_id is not None and content_group_id not in still_given:
        to_remove.append(content_group_id)
    if not remaining:
        to_remove.extend(
            Group.objects.filter(name=PROVIDER_STAFF_GROUP).values_list("pk", flat=True)
        )
    if to_remove:
        user.groups.remove(*to_remove)
    _forget_cached_roles(user)
