"""Factories shared by the test suite: a test states only what matters to it."""

import factory
import wagtail_factories
from django.contrib.auth import get_user_model

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
