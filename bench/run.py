"""Benchmark of the discovery pages: 10,000 services across 200 providers, timed and counted.

Loads the demo district into a throwaway database, adds N providers with M services
between them (direct bulk inserts along Wagtail's tree paths, then the search index in
chunks), and requests through Django's test client, for each page:

* the catalogue with two facets selected (need and municipality),
* a search query (with a typo, so the correction runs too) and a plain one,
* the home page,

reporting the median and 95th-percentile time and the number of SQL queries. It is not a
test and pytest does not collect it.

    .venv/bin/python bench/run.py                       # SQLite, then PostgreSQL if reachable
    .venv/bin/python bench/run.py --db sqlite --services 2000 --repeat 10
    BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/rw_bench bench/run.py --db postgres

The SQLite file is var/bench.sqlite3; the PostgreSQL database (default rw_bench) is dropped
and created again. Both are left behind for inspection; delete them at will.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/rw_bench"
PAGES = [
    ("catalogue, 2 facets", "/servizi/?bisogno=anziani&comune=tradate"),
    ("catalogue, 2 facets + eligibility", "/servizi/?bisogno=anziani&costo=gratuito&eta=80"),
    ("search «assistenza domiciliare»", "/cerca/?q=assistenza+domiciliare"),
    ("search with typo «asistenza domicilare»", "/cerca/?q=asistenza+domicilare"),
    ("home page", "/"),
    ("service page (the demo's first)", "SERVICE"),
]


def page_url(url):
    """The URL to request; SERVICE stands for the demo's first service page."""
    if url != "SERVICE":
        return url
    from catalogue.models import ServicePage

    return ServicePage.objects.live().order_by("path").first().url


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--db",
        action="append",
        choices=["sqlite", "postgres"],
        help="database to run on (repeatable; default: sqlite and postgres)",
    )
    parser.add_argument("--services", type=int, default=10_000)
    parser.add_argument("--providers", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=30, help="timed requests per page")
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get("BENCH_POSTGRES_URL", DEFAULT_POSTGRES_URL),
        help="PostgreSQL database to (re)create; default $BENCH_POSTGRES_URL or rw_bench",
    )
    parser.add_argument("--json", action="store_true", help="print results as JSON lines")
    parser.add_argument(
        "--load-only", action="store_true", help="load the database and stop (bench/throughput.py)"
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


# --- database set-up ---------------------------------------------------------------------


def recreate_postgres(url):
    """Drop and create the database named in `url`; False if the server is unreachable."""
    import psycopg
    from psycopg import sql

    base, _, name = url.rpartition("/")
    try:
        with psycopg.connect(f"{base}/postgres", autocommit=True, connect_timeout=5) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    except psycopg.OperationalError as error:
        print(f"PostgreSQL not reachable at {base}: {error}".strip(), file=sys.stderr)
        return False
    return True


def setup_django(database_url):
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


# --- bulk content ------------------------------------------------------------------------


def child_path(parent, position):
    """The treebeard materialised path of the `position`-th child (1-based) of `parent`."""
    from wagtail.models import Page

    return parent.path + Page._int2str(position).rjust(Page.steplen, "0")


def page_fields(model, parent, position, title, slug, now, locale):
    from django.contrib.contenttypes.models import ContentType

    return {
        "path": child_path(parent, position),
        "depth": parent.depth + 1,
        "numchild": 0,
        "title": title,
        "draft_title": title,
        "slug": slug,
        "url_path": f"{parent.url_path}{slug}/",
        "content_type": ContentType.objects.get_for_model(model),
        "locale": locale,
        "translation_key": uuid.uuid4(),
        "live": True,
        "has_unpublished_changes": False,
        "first_published_at": now,
        "last_published_at": now,
        "show_in_menus": False,
    }


def insert_pages(model, rows):
    """Insert `rows` [(page fields, specific fields)] as pages of `model`, in bulk.

    Django cannot bulk_create a multi-table model, so the wagtailcore_page rows go first
    with bulk_create, then the model's own table with one executemany.
    """
    from django.db import connection
    from wagtail.models import Page

    parents = Page.objects.bulk_create([Page(**fields) for fields, _extra in rows], 1000)
    if connection.vendor != "postgresql":  # SQLite returns ids from 3.35; be safe
        by_path = dict(
            Page.objects.filter(path__in=[p.path for p in parents]).values_list("path", "pk")
        )
        for page in parents:
            page.pk = page.id = by_path[page.path]
    specific_fields = [f for f in model._meta.local_concrete_fields]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in specific_fields)
    marks = ", ".join(["%s"] * len(specific_fields))
    table = connection.ops.quote_name(model._meta.db_table)
    values = []
    for page, (_fields, extra) in zip(parents, rows, strict=True):
        instance = model(page_ptr_id=page.pk, **extra)
        values.append(
            [f.get_db_prep_save(getattr(instance, f.attname), connection) for f in specific_fields]
        )
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", values)
    return [page.pk for page in parents]


def load_bulk(n_services, n_providers, log):
    """The demo district, then `n_providers` providers sharing `n_services` services."""
    import random

    from django.db import transaction
    from django.utils import timezone
    from django.utils.text import slugify
    from wagtail.models import Locale, Page
    from wagtail.search.backends import get_search_backend

    from catalogue.data import demo_content
    from catalogue.demo import load_catalogue
    from catalogue.models import (
        Audience,
        Municipality,
        Need,
        ProviderIndexPage,
        ProviderPage,
        ServiceCostOption,
        ServiceLanguage,
        ServicePage,
    )
    from home.demo import load_home

    rng = random.Random(42)
    started = time.perf_counter()
    with transaction.atomic():
        load_home()
        load_catalogue()
    log(f"demo district loaded in {time.perf_counter() - started:.1f} s")

    started = time.perf_counter()
    now = timezone.now()
    locale = Locale.get_default()
    index = ProviderIndexPage.objects.get()
    needs = list(Need.objects.all())
    audiences = list(Audience.objects.all())
    municipalities = list(Municipality.objects.all())
    templates = demo_content.SERVICES
    kinds = ["free", "fixed", "per_hour", "per_month", "income_based"]
    with transaction.atomic():
        last = index.get_last_child()
        first = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
        provider_rows = []
        for number in range(n_providers):
            title = f"Cooperativa Banco {number + 1} (prova)"
            slug = f"cooperativa-banco-{number + 1}"
            provider_rows.append(
                (
                    page_fields(ProviderPage, index, first + number, title, slug, now, locale),
                    {
                        "legal_name": f"{title} Società Cooperativa Sociale",
                        "kind": "social_cooperative",
                    },
                )
            )
        provider_ids = insert_pages(ProviderPage, provider_rows)
        Page.objects.filter(pk=index.pk).update(numchild=index.numchild + n_providers)
        providers = list(ProviderPage.objects.filter(pk__in=provider_ids).order_by("path"))

        per_provider = [n_services // n_providers] * n_providers
        for extra in range(n_services % n_providers):
            per_provider[extra] += 1
        service_rows = []
        for provider, count in zip(providers, per_provider, strict=True):
            for position in range(1, count + 1):
                template = templates[(len(service_rows)) % len(templates)]
                title = f"{template['title']} – {provider.title}"
                slug = f"{slugify(template['title'])}-{position}"
                service_rows.append(
                    (
                        page_fields(ServicePage, provider, position, title, slug, now, locale),
                        {
                            "summary": template["summary"],
                            "description": f"<p>{template['description']}</p>",
                            "outcome": f"<p>{template['outcome']}</p>",
                            "funding": rng.choice(["public", "accredited", "private"]),
                            "voucher_accepted": rng.random() < 0.3,
                            "min_age": template.get("min_age"),
                            "max_age": template.get("max_age"),
                            "residence_required": rng.random() < 0.5,
                            "delivered_at_home": "h" in template.get("delivery", "h"),
                            "delivered_at_provider": "p" in template.get("delivery", ""),
                            "delivered_at_social_point": rng.random() < 0.2,
                            "delivered_remotely": rng.random() < 0.2,
                        },
                    )
                )
        service_ids = insert_pages(ServicePage, service_rows)
        for provider, count in zip(providers, per_provider, strict=True):
            Page.objects.filter(pk=provider.pk).update(numchild=count)

        through = ServicePage.needs.through
        through.objects.bulk_create(
            [
                through(servicepage_id=pk, need_id=need.pk)
                for pk in service_ids
                for need in rng.sample(needs, rng.randint(1, 3))
            ],
            2000,
        )
        through = ServicePage.audiences.through
        through.objects.bulk_create(
            [
                through(servicepage_id=pk, audience_id=rng.choice(audiences).pk)
                for pk in service_ids
            ],
            2000,
        )
        through = ServicePage.municipalities.through
        through.objects.bulk_create(
            [
                through(servicepage_id=pk, municipality_id=municipality.pk)
                for pk in service_ids
                if rng.random() < 0.4
                for municipality in rng.sample(municipalities, rng.randint(1, 4))
            ],
            2000,
        )
        ServiceLanguage.objects.bulk_create(
            [
                ServiceLanguage(page_id=pk, language=code, sort_order=order)
                for pk in service_ids
                for order, code in enumerate(["it"] + (["en"] if rng.random() < 0.3 else []))
            ],
            2000,
        )
        options = []
        for pk in service_ids:
            kind = rng.choice(kinds)
            amount = None if kind in ("free", "income_based") else 10
            note = "In base all'ISEE." if kind == "income_based" else ""
            options.append(
                ServiceCostOption(
                    page_id=pk,
                    kind=kind,
                    amount=amount,
                    note=note,
                    sort_order=0,
                    locale=locale,
                )
            )
        ServiceCostOption.objects.bulk_create(options, 2000)
    log(
        f"{n_providers} providers and {n_services} services inserted in "
        f"{time.perf_counter() - started:.1f} s"
    )

    started = time.perf_counter()
    backend = get_search_backend()
    for model, ids in ((ProviderPage, provider_ids), (ServicePage, service_ids)):
        for start in range(0, len(ids), 500):
            chunk = model.get_indexed_objects().filter(pk__in=ids[start : start + 500])
            if model is ServicePage:  # the index holds their needs' and audiences' names
                chunk = chunk.prefetch_related("needs", "audiences")
            backend.add_bulk(model, list(chunk))
    log(f"search index built in {time.perf_counter() - started:.1f} s")


# --- measuring ---------------------------------------------------------------------------


def percentile(values, share):
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(share * (len(ordered) - 1))))
    return ordered[index]


def measure(repeat):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="localhost")
    results = []
    for label, url in PAGES:
        url = page_url(url)
        for _warm in range(2):
            assert client.get(url).status_code == 200, url
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        count = len(queries)  # now: the next request clears the connection's log
        timings = []
        for _round in range(repeat):
            started = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        results.append(
            {
                "page": label,
                "url": url,
                "median_ms": round(statistics.median(timings), 1),
                "p95_ms": round(percentile(timings, 0.95), 1),
                "queries": count,
            }
        )
    return results


def run_child(args, database):
    """Set up one database, load, measure, print."""
    if database == "sqlite":
        path = ROOT / "var" / "bench.sqlite3"
        path.parent.mkdir(exist_ok=True)
        path.unlink(missing_ok=True)
        url = f"sqlite:///{path}"
    else:
        url = args.postgres_url
        if not recreate_postgres(url):
            return 2

    def log(message):
        print(f"[{database}] {message}", file=sys.stderr, flush=True)

    setup_django(url)
    from django.core.management import call_command
    from django.db import connection

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    log(f"migrated in {time.perf_counter() - started:.1f} s")
    load_bulk(args.services, args.providers, log)
    # Fresh statistics, as a maintained database has them: without them SQLite runs the
    # full-text MATCH once per index row instead of once per query.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    if args.load_only:
        return 0
    from django.conf import settings

    # As in production: reads kept until the next publication (the test settings turn
    # them off); whole pages are not kept, so every request renders its page.
    settings.CONTENT_CACHE_ENABLED = True
    results = measure(args.repeat)
    version = connection.pg_version if database == "postgres" else ""
    for row in results:
        row.update({"database": database, "services": args.services, "server": str(version)})
        print(json.dumps(row), flush=True)
    return 0


def main(argv=None):
    args = parse_args(argv)
    databases = args.db or ["sqlite", "postgres"]
    if args.child:
        return run_child(args, databases[0])
    rows = []
    for database in databases:
        command = [sys.executable, __file__, "--child", "--db", database]
        command += ["--services", str(args.services), "--providers", str(args.providers)]
        command += ["--repeat", str(args.repeat), "--postgres-url", args.postgres_url]
        done = subprocess.run(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
        if done.returncode:
            print(f"[{database}] skipped or failed (exit {done.returncode})", file=sys.stderr)
            continue
        rows += [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    if args.json:
        for row in rows:
            print(json.dumps(row))
        return 0 if rows else 1
    print(f"\n{'database':<9} {'page':<42} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
    for row in rows:
        print(
            f"{row['database']:<9} {row['page']:<42} {row['median_ms']:>10} "
            f"{row['p95_ms']:>8} {row['queries']:>8}"
        )
    print(
        f"\n{args.services} services, {args.providers} providers, {args.repeat} requests per page"
    )
    return 0 if rows else 1


if __name__ == "__main__":
    sys.exit(main())
