"""Factories shared by the test suite: a test states only what matters to it."""

import datetime

import factory
import wagtail_factories
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import slugify

from home.models import HomePage


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"utente{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("password-di-prova-1")


def restore_wagtail_roots():
    """Recreate the root page, root collection and locale that Wagtail's migrations create.

    The flush after each transactional test (browser, concurrency) empties every table, so
    the tests after it would find no root page; serialized rollback cannot bring them back
    for the browser tests, whose greenlets use another connection object than the one
    pytest-django serialized.
    """
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Collection, Locale, Page

    # The flush emptied the content types too: forget the ones cached in memory.
    ContentType.objects.clear_cache()
    for code, _name in settings.LANGUAGES:  # the locales the migrations create
        Locale.objects.get_or_create(language_code=code)
    locale = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


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


# --- intake ----------------------------------------------------------------------------


def fiscal_code_for(n, birth_date):
    """A valid codice fiscale for a made-up person born on `birth_date` in Tradate."""
    from codicefiscale import codicefiscale

    letters = "ABCDEFGHILMNOPRSTUVZ"
    surname = "Prova" + letters[n % 20] + letters[(n // 20) % 20]
    return codicefiscale.encode(
        lastname=surname,
        firstname="Esempio" + letters[(n // 400) % 20],
        gender="F" if n % 2 else "M",
        birthdate=birth_date.strftime("%d/%m/%Y"),
        birthplace="Tradate",
    )


class CitizenUserFactory(UserFactory):
    username = factory.LazyAttribute(lambda u: u.fiscal_code)
    email = factory.Sequence(lambda n: f"cittadino{n}@example.org")

    class Params:
        fiscal_code = None


class CitizenProfileFactory(factory.django.DjangoModelFactory):
    """An active citizen with a verified email; the password is `password-di-prova-1`."""

    class Meta:
        model = "intake.CitizenProfile"

    first_name = "Maria"
    last_name = factory.Sequence(lambda n: f"Prova{n}")
    # A different day for each citizen: the made-up names all encode to the same letters,
    # so the birth date is what keeps their codici fiscali apart.
    birth_date = factory.Sequence(
        lambda n: datetime.date(1940, 1, 1) + datetime.timedelta(days=n % 20000)
    )
    fiscal_code = factory.LazyAttributeSequence(lambda o, n: fiscal_code_for(n, o.birth_date))
    user = factory.SubFactory(
        CitizenUserFactory, fiscal_code=factory.SelfAttribute("..fiscal_code")
    )
    email = factory.LazyAttribute(lambda o: o.user.email)
    phone = "0331 000000"
    # The notice in force: a citizen made by the factory has consented to it.
    privacy_notice_version = factory.LazyFunction(lambda: settings.PRIVACY_NOTICE_VERSION)
    privacy_consent_at = factory.LazyFunction(timezone.now)
    email_verified_at = factory.LazyFunction(timezone.now)


def joins_role_group(name_in_roles):
    """A post-generation step that puts the new user in one of intake/roles.py's groups."""

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        from django.contrib.auth.models import Group

        from intake import roles

        self.groups.add(Group.objects.get_or_create(name=getattr(roles, name_in_roles))[0])

    return role


class StaffFactory(UserFactory):
    class Meta:
        skip_postgeneration_save = True


class OperatorFactory(StaffFactory):
    """A Social Point operator."""

    username = factory.Sequence(lambda n: f"operatore{n}")
    role = joins_role_group("OPERATORS_GROUP")


class DistrictOfficeFactory(StaffFactory):
    """A member of the Ufficio di Piano."""

    username = factory.Sequence(lambda n: f"ufficio{n}")
    role = joins_role_group("DISTRICT_OFFICE_GROUP")


class ProviderStaffFactory(StaffFactory):
    """A staff user of `provider` (a ProviderPage), through a ProviderMembership."""

    username = factory.Sequence(lambda n: f"ente{n}")
    role = joins_role_group("PROVIDER_STAFF_GROUP")

    @factory.post_generation
    def provider(self, create, extracted, **kwargs):
        from intake.models import ProviderMembership

        if extracted is not None:
            ProviderMembership.objects.get_or_create(user=self, provider=extracted)


def ServiceRequestFactory(*, citizen=None, service, actor=None, **kwargs):  # noqa: N802
    """A request submitted through the lifecycle, as a citizen would."""
    from intake.services import submit_request

    citizen = citizen or CitizenProfileFactory()
    kwargs.setdefault("description", "Mia madre non riesce più a cucinare da sola.")
    return submit_request(citizen=citizen, service=service, actor=actor or citizen.user, **kwargs)


def partita_iva(n):
    """A made-up partita IVA with a right check digit (Varese's office code, 012)."""
    from stdnum import luhn

    body = f"{n + 1:07d}012"
    return body + luhn.calc_check_digit(body)


class EmployerFactory(factory.django.DjangoModelFactory):
    """A local employer with a valid partita IVA."""

    class Meta:
        model = "funding.Employer"

    name = factory.Sequence(lambda n: f"Azienda di prova {n} S.r.l.")
    tax_code = factory.Sequence(partita_iva)
    address = "Via Roma 1"
    postcode = "21049"
    city = "Tradate"
    email = factory.Sequence(lambda n: f"hr{n}@azienda.example.org")


class EmployerHRFactory(StaffFactory):
    """An HR contact («Referenti aziendali») of `employer`, through an EmployerMembership."""

    username = factory.Sequence(lambda n: f"referente{n}")

    @factory.post_generation
    def employer(self, create, extracted, **kwargs):
        from funding.models import EmployerMembership

        if extracted is not None:
            EmployerMembership.objects.get_or_create(user=self, employer=extracted)
