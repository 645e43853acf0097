"""Factories shared by the test suite: a test states only what matters to it."""

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.utils.text import slugify

from home.models import HomePage


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"utente{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("password-di-prova-1")


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Rete Welfare"
    slug = "home"


# --- catalogue -------------------------------------------------------------------------


def default_locale():
    from wagtail.models import Locale

    return Locale.get_default()


class NeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "catalogue.Need"
        django_get_or_create = ("slug", "locale")

    name = factory.Sequence(lambda n: f"Bisogno {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    locale = factory.LazyFunction(default_locale)


class AudienceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "catalogue.Audience"
        django_get_or_create = ("slug", "locale")

    name = factory.Sequence(lambda n: f"Destinatari {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    locale = factory.LazyFunction(default_locale)


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "catalogue.Municipality"
        django_get_or_create = ("slug", "locale")

    name = factory.Sequence(lambda n: f"Comune {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    cadastral_code = "L319"
    postcode = "21049"
    locale = factory.LazyFunction(default_locale)


class ServiceIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = "catalogue.ServiceIndexPage"

    title = "Servizi"
    slug = "servizi"


class ProviderIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = "catalogue.ProviderIndexPage"

    title = "Enti e cooperative"
    slug = "enti"


class ProviderPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = "catalogue.ProviderPage"

    title = factory.Sequence(lambda n: f"Cooperativa Esempio {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    legal_name = factory.LazyAttribute(lambda o: f"{o.title} Società Cooperativa Sociale")
    kind = "social_cooperative"
    email = "info@example.org"


class ServicePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = "catalogue.ServicePage"

    title = factory.Sequence(lambda n: f"Servizio {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    summary = "Un servizio di prova del catalogo."
    description = "<p>Descrizione del servizio.</p>"


class ServiceCostOptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "catalogue.ServiceCostOption"

    kind = "free"


class SocialPointIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = "catalogue.SocialPointIndexPage"

    title = "Social Point"
    slug = "social-point"


class SocialPointPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = "catalogue.SocialPointPage"

    title = factory.Sequence(lambda n: f"Social Point {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    address = "Piazza Mazzini 6"
    municipality = factory.SubFactory(MunicipalityFactory)


class GuideIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = "catalogue.GuideIndexPage"

    title = "Guide"
    slug = "guide"


class GuidePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = "catalogue.GuidePage"

    title = factory.Sequence(lambda n: f"Guida {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    summary = "Una guida di prova."


# --- public site (service card rows, Social Point hours, feedback) ---------------------


class ServiceAccessStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "catalogue.ServiceAccessStep"

    text = factory.Sequence(lambda n: f"Passo {n}")


class ServiceRequiredDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "catalogue.ServiceRequiredDocument"

    name = "Documento d'identità"


class ServiceContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "catalogue.ServiceContact"

    name = "Sportello del servizio"
    phone = "0331 123456"
    email = "sportello@example.org"


class ServiceLanguageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "catalogue.ServiceLanguage"

    language = "it"


class SocialPointOpeningHoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "catalogue.SocialPointOpeningHours"

    weekday = 0
    opens = "09:00"
    closes = "12:30"


class SocialPointClosureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "catalogue.SocialPointClosure"


class PageFeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "catalogue.PageFeedback"

    rating = 4
