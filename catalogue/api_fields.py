"""Serializer fields for the pages' api_fields: related objects inline, in a stable shape."""

from rest_framework import serializers


class TermListField(serializers.ReadOnlyField):
    """A many-to-many to Need or Audience as [{"name", "slug"}]."""

    def to_representation(self, manager):
        return [{"name": term.name, "slug": term.slug} for term in manager.all()]


class MunicipalityListField(serializers.ReadOnlyField):
    """Municipalities as [{"name", "slug", "istat_code", "cadastral_code", "postcode"}]."""

    def to_representation(self, manager):
        return [municipality_representation(m) for m in manager.all()]


class MunicipalityField(serializers.ReadOnlyField):
    def to_representation(self, municipality):
        return municipality_representation(municipality) if municipality else None


def municipality_representation(municipality):
    return {
        "name": municipality.name,
        "slug": municipality.slug,
        "istat_code": municipality.istat_code,
        "cadastral_code": municipality.cadastral_code,
        "postcode": municipality.postcode,
    }


def page_link(page, request):
    return {"id": page.pk, "title": page.title, "url": page.get_url(request=request)}


class PageLinkListField(serializers.ReadOnlyField):
    """Related pages (Social Points, partner providers) as [{"id", "title", "url"}]."""

    def to_representation(self, manager):
        request = self.context.get("request")
        return [page_link(page, request) for page in manager.all()]


class PageLinkField(serializers.ReadOnlyField):
    """One related page as {"id", "title", "url"}."""

    def to_representation(self, page):
        return page_link(page, self.context.get("request")) if page else None


class ServiceProviderField(serializers.Field):
    """The provider a service sits under, as {"id", "title", "url"}.

    Listings annotate the provider's id and title (see `with_provider`); the URL is the
    service's own URL without its last segment, since a service is a child of its provider.
    """

    def __init__(self, **kwargs):
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, service):
        request = self.context.get("request")
        provider_id = getattr(service, "api_provider_id", None)
        if provider_id is None:
            provider = service.provider
            return page_link(provider, request) if provider else None
        url = service.get_url(request=request)
        if url:
            url = url[: -len(service.slug) - 1]
        return {"id": provider_id, "title": service.api_provider_title, "url": url}


class DeliveryModesField(serializers.Field):
    def __init__(self, **kwargs):
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, service):
        return [str(mode) for mode in service.delivery_modes]
