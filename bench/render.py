"""CPU per request of one page rendered in-process: a quick before/after for template work.

Requests the page through Django's test client N times (after 3 warm-up requests) on the
database of ``DATABASE_URL`` (load the demo first: ``manage.py migrate && manage.py
load_demo``), with DEBUG off, and prints CPU ms per request (process time, which the load of
a shared machine hardly changes), wall ms and SQL queries. ``--profile`` prints a
pyinstrument profile instead (``pip install pyinstrument`` into the virtualenv). Not a test.

    DATABASE_URL=sqlite:///var/db.sqlite3 .venv/bin/python bench/render.py --repeat 200
    DATABASE_URL=sqlite:///var/db.sqlite3 .venv/bin/python bench/render.py --url / --no-kept-reads
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="SERVICE", help="path; SERVICE: the demo's first service")
    parser.add_argument("--repeat", type=int, default=100)
    parser.add_argument("--no-kept-reads", action="store_true", help="CONTENT_CACHE_ENABLED off")
    parser.add_argument("--profile", action="store_true", help="pyinstrument profile")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import logging

    import django

    django.setup()
    logging.disable(logging.INFO)
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    from bench.run import page_url

    url = page_url(args.url)
    overrides = {"DEBUG": False, "ALLOWED_HOSTS": ["*"], "PAGE_CACHE_ENABLED": False}
    if args.no_kept_reads:
        overrides["CONTENT_CACHE_ENABLED"] = False
    with override_settings(**overrides):
        client = Client()
        for _ in range(3):
            assert client.get(url).status_code == 200
        queries = []  # a wrapper, not queries_log: request_started empties the log

        def count(execute, sql, params, many, context):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            client.get(url)
        if args.profile:
            from pyinstrument import Profiler

            profiler = Profiler(interval=0.0005)
            with profiler:
                for _ in range(args.repeat):
                    client.get(url)
            print(profiler.output_text(unicode=True, color=False, show_all=False))
            return
        cpu, wall = [], []
        for _ in range(args.repeat):
            c0, w0 = time.process_time(), time.perf_counter()
            client.get(url)
            cpu.append((time.process_time() - c0) * 1000)
            wall.append((time.perf_counter() - w0) * 1000)
    print(
        f"{url}: CPU ms/request median {statistics.median(cpu):.1f} mean {statistics.mean(cpu):.1f}"
        f", wall median {statistics.median(wall):.1f}, {len(queries)} queries"
        f", {args.repeat} requests, load {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
