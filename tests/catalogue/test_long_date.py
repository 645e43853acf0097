"""The long_date filter: month names follow each language's own capitalisation."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

MOMENT = datetime.datetime(2026, 12, 31, 23, 30, tzinfo=datetime.UTC)


def render(source, language):
    with translation.override(language):
        return Template("{% load catalogue_tags %}" + source).render(Context({"moment": MOMENT}))


@pytest.mark.parametrize(
    ("language", "expected"),
    [("it", "1 gennaio 2027"), ("en", "1 January 2027")],
)
def test_long_date_writes_the_month_as_the_language_does_in_rome_time(language, expected):
    assert render("{{ moment|long_date }}", language) == expected


def test_long_date_with_time_adds_the_rome_time():
    assert render("{{ moment|long_date:'time' }}", "en") == "1 January 2027, 00:30"


def test_long_date_of_nothing_is_empty():
    assert Template("{% load catalogue_tags %}[{{ missing|long_date }}]").render(Context()) == "[]"
