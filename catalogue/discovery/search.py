"""Full-text search over the catalogue in the citizen's words, forgiving of forms and typos.

Wagtail's database backend finds the pages (PostgreSQL full text with the Italian
configuration in production, SQLite FTS in development). What the two backends do
differently is done here, in Python, the same way on both:

* stop words («mio», «di», «non», «più») are dropped before searching (the `stop-words`
  package's Italian list, less a few words that carry a need, such as «solo» or «lavoro»);
* Italian word forms: each word is searched with every indexed word of its family. A
  family is the Snowball Italian stem (`snowballstemmer`, the algorithm PostgreSQL's
  `italian` configuration uses) with -nza/-nte taken as one («demenza», «demente»), and
  stems that begin one another («anzi», «anzian»; «alcol», «alcolizz»);
* typos ("asistenza domicilare"): a word the catalogue does not contain is replaced by the
  closest word that it does contain (difflib over a cached vocabulary of titles, summaries,
  the words citizens use and taxonomy names), and the page says «Risultati per …»;
* ranking: a service scores, for each word of the query, the rarity of the word's family in
  the catalogue times where the service has it (title and citizens' words above needs,
  summary and audiences). A sentence therefore puts first the services that match its rare
  words, not every service sharing one common word. The scores come from a cached index of
  those fields, so PostgreSQL and SQLite rank alike; services that only the backend finds
  (in descriptions) follow.

When no page has any of the words, the typed text is taken as the beginning of words
(Wagtail's autocomplete, on both backends): «psico» finds «Supporto psicologico».
"""

import difflib
import math
import re
import threading
from functools import lru_cache

import snowballstemmer
from django.core.cache import cache
from stop_words import get_stop_words
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page
from wagtail.search.query import And, PlainText

from catalogue.models import Audience, GuidePage, Need, ServicePage

VOCABULARY_CACHE_KEY = "catalogue:discovery:vocabulary:v2"
SCORING_CACHE_KEY = "catalogue:discovery:scoring:v1"
VOCABULARY_TIMEOUT = 60 * 60
# Matches kept per kind and for the services (the facets count within these).
SERVICE_MATCH_LIMIT = 500
OTHER_MATCH_LIMIT = 10
# How close a typed word must be to a known word to be corrected (difflib ratio).
CORRECTION_CUTOFF = 0.8
MIN_CORRECTED_LENGTH = 4
MAX_QUERY_LENGTH = 200
# With several words, services scoring less than this share of the best are left out.
SENTENCE_CUTOFF = 0.4
# Stems at least this long join the family of the longer stems they begin.
MIN_FAMILY_PREFIX = 4
# Where a service has a word: the weight of each field in the score.
FIELD_WEIGHTS = {
    "title": 3.0,
    "lay_terms": 3.0,
    "need": 2.0,
    "summary": 1.5,
    "audience": 1.5,
}
# Words of the stop list that say what a citizen needs.
MEANINGFUL = {"lavoro", "solo", "sola", "soli", "sole", "casa", "persone", "gente", "fine"}
STOP_WORDS = frozenset(get_stop_words("it")) - MEANINGFUL
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_local = threading.local()


def words(text):
    """The lower-case words of `text` (letters only, accents kept)."""
    return WORD.findall((text or "").lower())


def content_words(text):
    """The words of `text` that carry meaning: no stop words, no single letters."""
    return [word for word in words(text) if len(word) > 1 and word not in STOP_WORDS]


def clean_query(text):
    """The query as typed, without control characters, single-spaced, of a sensible length."""
    printable = "".join(ch if ch.isprintable() else " " for ch in (text or ""))
    return " ".join(printable.split())[:MAX_QUERY_LENGTH]


@lru_cache(maxsize=50_000)
def root(word):
    """The family key of a word: its Italian Snowball stem, with -nz- read as -nt-."""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:  # Snowball stemmers keep state: one per thread
        stemmer = _local.stemmer = snowballstemmer.stemmer("italian")
    stem = stemmer.stemWord(word)
    return stem[:-2] + "nt" if stem.endswith("nz") else stem


def related(first, second):
    """Whether two roots are one family: equal, or the shorter (long enough) begins the other."""
    if first == second:
        return True
    short, long = sorted((first, second), key=len)
    return len(short) >= MIN_FAMILY_PREFIX and long.startswith(short)


def build_vocabulary():
    """Every word of the live pages' titles and summaries, of the citizens' words, and of the
    taxonomies' names."""
    vocabulary = set()
    for title in Page.objects.live().values_list("title", flat=True).iterator():
        vocabulary.update(words(title))
    for model in (ServicePage, GuidePage):
        for summary in model.objects.live().values_list("summary", flat=True).iterator():
            vocabulary.update(words(summary))
    for terms in ServicePage.objects.live().values_list("lay_terms", flat=True).iterator():
        vocabulary.update(words(terms))
    for model in (Need, Audience):
        for name, terms in model.objects.values_list("name", "lay_terms"):
            vocabulary.update(words(name))
            vocabulary.update(words(terms))
    return frozenset(word for word in vocabulary if len(word) > 1)


def vocabulary():
    """The cached vocabulary; publishing or unpublishing a page clears it."""
    known = cache.get(VOCABULARY_CACHE_KEY)
    if known is None:
        known = build_vocabulary()
        cache.set(VOCABULARY_CACHE_KEY, known, VOCABULARY_TIMEOUT)
    return known


def forget_vocabulary(**kwargs):
    """Signal receiver: the next search rebuilds the vocabulary and the scoring index."""
    cache.delete_many([VOCABULARY_CACHE_KEY, SCORING_CACHE_KEY])


def variants(word, known):
    """`word` first, then the known words of its family (other forms of the same word)."""
    if len(word) < MIN_CORRECTED_LENGTH:
        return [word]
    key = root(word)
    return [word] + sorted(other for other in known if other != word and related(key, root(other)))


def correct(word, known):
    """The known word closest to `word`, or `word` itself when it is known or too short."""
    if word in known or len(word) < MIN_CORRECTED_LENGTH:
        return word
    family = variants(word, known)[1:]
    if family:  # a known form of the same word: the closest one if it is a misspelling
        close = difflib.get_close_matches(word, family, n=1, cutoff=CORRECTION_CUTOFF)
        return close[0] if close else word
    matches = difflib.get_close_matches(word, known, n=1, cutoff=CORRECTION_CUTOFF)
    return matches[0] if matches else word


def interpret(query):
    """The words to search for and, when some were corrected, the corrected query text.

    Returns (terms, corrected): terms is a list of variant lists, one per word that carries
    meaning (stop words are left out), each starting with the word itself.
    """
    typed = content_words(query)
    if not typed:
        return [], None
    known = vocabulary()
    fixed = [correct(word, known) for word in typed]
    corrected = " ".join(fixed) if fixed != typed else None
    return [variants(word, known) for word in fixed], corrected


def mentions(terms, text):
    """Whether `text` has a word of the family of one of the query's words."""
    roots = {root(word) for word in content_words(text)}
    return any(related(root(group[0]), other) for group in terms for other in roots)


def search_expression(terms, operator="and"):
    """A Wagtail search query: each word (or one of its variants), all of them by default."""
    parts = [PlainText(" ".join(group), operator="or") for group in terms]
    if operator == "or":
        return PlainText(" ".join(" ".join(group) for group in terms), operator="or")
    return parts[0] if len(parts) == 1 else And(parts)


def ranked_ids(queryset, terms, *, limit, text=""):
    """Primary keys of the best `limit` matches in `queryset`, best first.

    The backend finds the services with any of the words (or their forms); they are ordered
    by `service_scores`, then by title. If nothing has any of the words, the typed text is
    taken as the beginning of words (Wagtail's autocomplete: «psico»).
    """
    if not terms:
        return [], "or"
    expression = search_expression(terms, "or")
    found = queryset.only("pk", "title").search(expression, order_by_relevance=False)
    matches = [(page.pk, page.title) for page in found]
    if matches:
        scores = service_scores(terms)
        matches.sort(key=lambda match: (-scores.get(match[0], 0.0), match[1], match[0]))
        if len(terms) > 1 and scores:
            # A sentence keeps the services close to the best, not all that share one word.
            best = scores.get(matches[0][0], 0.0)
            matches = [m for m in matches if scores.get(m[0], 0.0) >= best * SENTENCE_CUTOFF]
        return [pk for pk, _title in matches[:limit]], "or"
    if text:
        return [page.pk for page in queryset.only("pk").autocomplete(text)[:limit]], "prefix"
    return [], "or"


def build_scoring_index():
    """{root: {service pk: weight}} over the live services' titles, summaries, citizens'
    words, and their needs' and audiences' names and words, with the number of services."""
    postings = {}

    def add(pk, text, weight):
        for word in content_words(text):
            row = postings.setdefault(root(word), {})
            if row.get(pk, 0.0) < weight:
                row[pk] = weight

    services = ServicePage.objects.live().values_list("pk", "title", "summary", "lay_terms")
    count = 0
    for pk, title, summary, lay_terms in services.iterator():
        count += 1
        add(pk, title, FIELD_WEIGHTS["title"])
        add(pk, lay_terms, FIELD_WEIGHTS["lay_terms"])
        add(pk, summary, FIELD_WEIGHTS["summary"])
    for model, relation, kind in ((Need, "needs", "need"), (Audience, "audiences", "audience")):
        texts = {
            pk: f"{name} {terms}"
            for pk, name, terms in model.objects.values_list("pk", "name", "lay_terms")
        }
        through = getattr(ServicePage, relation).through
        target = f"{kind}_id"
        links = through.objects.filter(servicepage__live=True).values_list("servicepage_id", target)
        for service_pk, term_pk in links.iterator():
            add(service_pk, texts.get(term_pk, ""), FIELD_WEIGHTS[kind])
    return {"postings": postings, "count": count}


def scoring_index():
    """The cached scoring index; publishing or unpublishing a page clears it."""
    index = cache.get(SCORING_CACHE_KEY)
    if index is None:
        index = build_scoring_index()
        cache.set(SCORING_CACHE_KEY, index, VOCABULARY_TIMEOUT)
    return index


def service_scores(terms):
    """{service pk: score} for the query's words: per word, the rarity of its family among
    the services (inverse document frequency) times the weight of the field that has it."""
    index = scoring_index()
    postings, count = index["postings"], max(index["count"], 1)
    scores = {}
    for group in terms:
        key = root(group[0])
        best = {}
        for other, row in postings.items():
            if related(key, other):
                for pk, weight in row.items():
                    if best.get(pk, 0.0) < weight:
                        best[pk] = weight
        if not best:
            continue
        rarity = math.log(1 + count / len(best))
        for pk, weight in best.items():
            scores[pk] = scores.get(pk, 0.0) + rarity * weight
    return scores


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
