"""Catalogue models: taxonomies (snippets) and the page types of the public catalogue."""

from .feedback import PageFeedback
from .governance import ProviderEditorGroup
from .guides import GuideIndexPage, GuidePage, GuideRelatedService
from .providers import ProviderIndexPage, ProviderPage
from .services import (
    ServiceAccessStep,
    ServiceAttachment,
    ServiceContact,
    ServiceCostOption,
    ServiceIndexPage,
    ServiceLanguage,
    ServicePage,
    ServiceRequiredDocument,
)
from .social_points import (
    SocialPointClosure,
    SocialPointIndexPage,
    SocialPointLanguage,
    SocialPointOpeningHours,
    SocialPointPage,
)
from .taxonomies import Audience, Municipality, Need

__all__ = [
    "Audience",
    "GuideIndexPage",
    "GuidePage",
    "GuideRelatedService",
    "Municipality",
    "Need",
    "PageFeedback",
    "ProviderEditorGroup",
    "ProviderIndexPage",
    "ProviderPage",
    "ServiceAccessStep",
    "ServiceAttachment",
    "ServiceContact",
    "ServiceCostOption",
    "ServiceIndexPage",
    "ServiceLanguage",
    "ServicePage",
    "ServiceRequiredDocument",
    "SocialPointClosure",
    "SocialPointIndexPage",
    "SocialPointLanguage",
    "SocialPointOpeningHours",
    "SocialPointPage",
]
