"""Full-text search over the catalogue, forgiving of inflections and typos.

Wagtail's database backend does the matching and the ranking (PostgreSQL full text with
the Italian configuration in production, SQLite FTS in development). Two things it does
not do on both backends are done here, the same way on both:

* Italian inflections the stemmer keeps apart ("anziano" stems to «anzi», "anziani" to
  «anzian»): each word is searched together with the indexed words that differ from it only
  in the final vowel;
* typos ("asistenza domicilare"): a word the catalogue does not contain is replaced by the
  closest word that it does contain (difflib over a cached vocabulary of titles, summaries
  and taxonomy names), and the page says «Risultati per …».

When no page has any of the words, the typed text is taken as the beginning of words
(Wagtail's autocomplete, on both backends): «psico» finds «Supporto psicologico».
"""

import difflib
import re

from django.core.cache import cache
from django.db import connection
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page
from wagtail.search.query import And, PlainText

from catalogue.models import Audience, GuidePage, Need, ServicePage

VOCABULARY_CACHE_KEY = "catalogue:discovery:vocabulary:v1"
VOCABULARY_TIMEOUT = 60 * 60
# Matches kept per kind and for the services (the facets count within these).
SERVICE_MATCH_LIMIT = 500
OTHER_MATCH_LIMIT = 10
# How close a typed word must be to a known word to be corrected (difflib ratio).
CORRECTION_CUTOFF = 0.8
MIN_CORRECTED_LENGTH = 4
MAX_QUERY_LENGTH = 200
# On SQLite, more matches than this are ordered without the backend's scores (see below).
SQLITE_RANKED_MATCHES = 300
VOWELS = "aeiou"
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def words(text):
    """The lower-case words of `text` (letters only, accents kept)."""
    return WORD.findall((text or "").lower())


def clean_query(text):
    """The query as typed, without control characters, single-spaced, of a sensible length."""
    printable = "".join(ch if ch.isprintable() else " " for ch in (text or ""))
    return " ".join(printable.split())[:MAX_QUERY_LENGTH]


def build_vocabulary():
    """Every word of the live pages' titles and summaries and of the taxonomies' names."""
    vocabulary = set()
    for title in Page.objects.live().values_list("title", flat=True).iterator():
        vocabulary.update(words(title))
    for model in (ServicePage, GuidePage):
        for summary in model.objects.live().values_list("summary", flat=True).iterator():
            vocabulary.update(words(summary))
    for model in (Need, Audience):
        for name in model.objects.values_list("name", flat=True):
            vocabulary.update(words(name))
    return frozenset(word for word in vocabulary if len(word) > 1)


def vocabulary():
    """The cached vocabulary; publishing or unpublishing a page clears it."""
    known = cache.get(VOCABULARY_CACHE_KEY)
    if known is None:
        known = build_vocabulary()
        cache.set(VOCABULARY_CACHE_KEY, known, VOCABULARY_TIMEOUT)
    return known


def forget_vocabulary(**kwargs):
    """Signal receiver: the next search rebuilds the vocabulary."""
    cache.delete(VOCABULARY_CACHE_KEY)


def variants(word, known):
    """`word` and the known words that differ from it only in a final vowel."""
    found = {word}
    if len(word) >= MIN_CORRECTED_LENGTH and word[-1] in VOWELS:
        stem = word[:-1]
        found.update(stem + vowel for vowel in VOWELS if stem + vowel in known)
    return sorted(found)


def correct(word, known):
    """The known word closest to `word`, or `word` itself when it is known or too short."""
    if word in known or len(word) < MIN_CORRECTED_LENGTH:
        return word
    if any(variant in known for variant in variants(word, known)[1:]):
        return word
    matches = difflib.get_close_matches(word, known, n=1, cutoff=CORRECTION_CUTOFF)
    return matches[0] if matches else word


def interpret(query):
    """The words to search for and, when some were corrected, the corrected query text.

    Returns (terms, corrected): terms is a list of variant lists, one per word.
    """
    typed = words(query)
    if not typed:
        return [], None
    known = vocabulary()
    fixed = [correct(word, known) for word in typed]
    corrected = " ".join(fixed) if fixed != typed else None
    return [variants(word, known) for word in fixed], corrected


def search_expression(terms, operator="and"):
    """A Wagtail search query: each word (or one of its variants), all of them by default."""
    parts = [PlainText(" ".join(group), operator="or") for group in terms]
    if operator == "or":
        return PlainText(" ".join(" ".join(group) for group in terms), operator="or")
    return parts[0] if len(parts) == 1 else And(parts)


def ranked_ids(queryset, terms, *, limit, text=""):
    """Primary keys of the best `limit` matches in `queryset`, best first.

    All the words first; if nothing has them all, any of them; if nothing has any, the
    typed text as the beginning of words (Wagtail's autocomplete: «psico»).
    """
    if not terms:
        return [], "and"
    for operator in ("and", "or"):
        expression = search_expression(terms, operator)
        if connection.vendor == "sqlite":
            ids = _sqlite_ranked_ids(queryset, expression, terms, limit)
        else:
            results = queryset.only("pk").search(expression)
            ids = [page.pk for page in results[:limit]]
        if ids:
            return ids, operator
        if len(terms) == 1:
            break
    if text:
        return [page.pk for page in queryset.only("pk").autocomplete(text)[:limit]], "prefix"
    return [], "and"


def _sqlite_ranked_ids(queryset, expression, terms, limit):
    """SQLite: the backend's own ranking for a few matches, titles first for many.

    Wagtail's SQLite backend scores each matching row with its own full-text subquery, so
    ranking thousands of matches takes seconds; finding them (unranked) is one query.
    Beyond SQLITE_RANKED_MATCHES the matches are ordered by how many of the words their
    title contains, then by title. PostgreSQL always ranks in the database.
    """
    unranked = queryset.only("pk", "title").search(expression, order_by_relevance=False)
    matches = [(page.pk, page.title) for page in unranked]
    if len(matches) <= SQLITE_RANKED_MATCHES:
        return [page.pk for page in queryset.only("pk").search(expression)[:limit]]

    def in_title(match):
        title_words = set(words(match[1]))
        return -sum(1 for group in terms if title_words.intersection(group)), match[1]

    return [pk for pk, _title in sorted(matches, key=in_title)[:limit]]


def ranked_pages(queryset, terms, *, limit=OTHER_MATCH_LIMIT, text=""):
    """The best `limit` pages of `queryset` for the words, best first (as ranked_ids)."""
    if not terms:
        return []
    for operator in ("and", "or"):
        pages = list(queryset.search(search_expression(terms, operator))[:limit])
        if pages:
            return pages
        if len(terms) == 1:
            break
    return list(queryset.autocomplete(text)[:limit]) if text else []


def record_query(query):
    """Count the query for Wagtail's search promotions report; return its editors' picks."""
    if not words(query):
        return []
    recorded = Query.get(query)
    recorded.add_hit()
    picks = recorded.editors_picks.select_related("page").order_by("sort_order")
    return [pick for pick in picks if pick.page is None or pick.page.live]
