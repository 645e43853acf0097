"""HTTP benchmark through gunicorn and nginx: req/s and p95 of the public pages, and intake.

For each database (SQLite, PostgreSQL) it loads the demo district plus N services
(`bench/run.py --load-only`), starts gunicorn (production settings, 3 workers of 4 threads, Redis
db 8 as the shared cache) and drives it with wrk (Debian's `wrk`), for each page:

* uncached: no page kept, every read computed (CONTENT_CACHE and PAGE_CACHE off);
* kept reads: pages rendered every time, the reads kept until the next publication;
* cached: whole anonymous pages from the page cache (Redis) through gunicorn;
* nginx: the same through nginx's proxy cache in front of gunicorn;

then, on PostgreSQL, intake submissions per second: 16 citizens POST requests with their
tokens and fresh Idempotency-Keys, after which the references are checked to be
sequential and without gaps, and the CPU time gunicorn and PostgreSQL spent per submission
is reported (from /proc: what bounds the rate on a machine of N cores).

bakerydemo as the reference (README "Performance" says how to install it):
`--bakerydemo-dir DIR` serves the checkout in DIR with its own virtualenv and the same
gunicorn command line as ours, DEBUG off, and measures its home, first bread page, bread
list and search right after our uncached pages, on its SQLite file (and on PostgreSQL with
`--bakerydemo-postgres-url`); `--bakerydemo URL` measures one already running, at the end.
Everything listens on 127.0.0.1 (ports 8283-8285, or --port and the next two); the load
averages are printed with every figure, since the machine is shared.

    .venv/bin/python bench/throughput.py                         # SQLite and PostgreSQL
    .venv/bin/python bench/throughput.py --db postgres --services 2000 --seconds 5
    .venv/bin/python bench/throughput.py --db sqlite --parts pages --modes uncached \
        --bakerydemo-dir ../bakerydemo
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
APP_PORT, NGINX_PORT = 8283, 8284  # --port moves both (nginx on the next port)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/8")
POSTGRES_URL = os.environ.get(
    "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/rw_perf_bench"
)
SQLITE_PATH = ROOT / "var" / "bench.sqlite3"
PAGES = [
    ("home", "/"),
    ("service page", "SERVICE"),
    ("catalogue, 2 facets", "/servizi/?bisogno=anziani&comune=tradate"),
    ("search", "/cerca/?q=assistenza+domiciliare"),
]
BAKERYDEMO_PAGES = [
    ("bakerydemo home", "/"),
    ("bakerydemo bread page", "FIRST_BREAD"),
    ("bakerydemo bread list", "/breads/"),
    ("bakerydemo search", "/search/?q=bread"),
]


def bakerydemo_pages(base):
    """bakerydemo's pages to measure; its first bread page is found on its bread list."""
    html = urllib.request.urlopen(base + "/breads/", timeout=30).read().decode()  # noqa: S310
    links = sorted(set(re.findall(r'href="(/breads/[a-z0-9-]+/)"', html)))
    pages = []
    for label, path in BAKERYDEMO_PAGES:
        if path == "FIRST_BREAD":
            if not links:
                continue
            path = links[0]
        pages.append((label, path))
    return pages


class Bakerydemo:
    """wagtail/bakerydemo served from its own checkout and virtualenv (`--bakerydemo-dir`),
    with the same gunicorn command line as ours, DEBUG off, on APP_PORT + 2.

    Its database: its own SQLite file, or `database_url` (its settings read DATABASE_URL).
    """

    def __init__(self, folder, database_url=None):
        self.folder, self.database_url = Path(folder), database_url
        self.port = APP_PORT + 2

    def __enter__(self):
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "CACHE_"))
        }
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": "bakerydemo.settings.production",
                "DJANGO_SECRET_KEY": "bench-on-the-loopback-only-not-secret",
                "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
                "SECURE_SSL_REDIRECT": "false",
            }
        )
        if self.database_url:
            env["DATABASE_URL"] = self.database_url
        gunicorn = str(self.folder / ".venv" / "bin" / "gunicorn")
        command = gunicorn_command(gunicorn, "bakerydemo.wsgi", self.port)
        self.process = subprocess.Popen(command, cwd=self.folder, env=env, start_new_session=True)
        self.base = f"http://127.0.0.1:{self.port}"
        # A first visit makes bakerydemo's image renditions: allow it the time.
        if not wait_for(self.base + "/", seconds=180, each=120):
            self.__exit__()
            raise SystemExit("bakerydemo's gunicorn did not start")
        return self

    def __exit__(self, *exc):
        stop(self.process)


MODES = {
    "uncached": {"PAGE_CACHE_ENABLED": "false", "CONTENT_CACHE_ENABLED": "false"},
    "kept reads": {"PAGE_CACHE_ENABLED": "false", "CONTENT_CACHE_ENABLED": "true"},
    "cached": {"PAGE_CACHE_ENABLED": "true", "CONTENT_CACHE_ENABLED": "true"},
}
WRK_REPORT = """
done = function(summary, latency, requests)
  io.write(string.format("ERRORS status=%d connect=%d read=%d write=%d timeout=%d\\n",
    summary.errors.status, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.timeout))
  io.write(string.format("RESULT %d %d %d %.3f\\n", summary.requests, summary.duration,
    summary.errors.status + summary.errors.connect + summary.errors.read +
    summary.errors.write + summary.errors.timeout, latency:percentile(95) / 1000))
end
"""
WRK_SUBMIT = (
    """
local counter = 0
local tokens = {}
for token in string.gmatch(os.getenv("RW_TOKENS"), "[^,]+") do table.insert(tokens, token) end
local body = os.getenv("RW_BODY")
-- `tid` is set in each thread's own Lua state by setup() (a global: a local would hide it).
tid = 0
local next_tid = 0
function setup(thread)
  next_tid = next_tid + 1
  thread:set("tid", next_tid)
end
function init(args)
  math.randomseed(os.time() + tid * 7919)
end
request = function()
  counter = counter + 1
  local token = tokens[((counter * 7 + tid) % #tokens) + 1]
  local key = string.format("bench-%d-%d-%d-%d", tid, os.time(), counter,
    math.random(1, 1000000000))
  return wrk.format("POST", "/api/intake/requests/", {
    ["Authorization"] = "Token " .. token,
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = key,
  }, body)
end
"""
    + WRK_REPORT
)


def load_average():
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def base_env(database_url):
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": "bench-on-the-loopback-only-not-secret",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_HSTS_SECONDS": "0",
            "DATABASE_URL": database_url,
            "CONN_MAX_AGE": "60",
            "CACHE_URL": REDIS_URL,
            "EMAIL_URL": "dummymail://",
            "LOG_LEVEL": "WARNING",
            "THROTTLE_REQUEST_CREATION": "1000000/hour",
            "PAGE_CACHE_SHARED_SECONDS": "60",
        }
    )
    return env


def flush_cache():
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


def django_eval(env, code):
    """Run `code` in a Django shell under `env`; return what it prints (last line, JSON)."""
    done = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def wait_for(url, seconds=30, each=2):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=each) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return True
        except OSError:
            time.sleep(0.3)
    return False


WORKERS, THREADS = 3, 4  # --workers, --threads (1 thread: gunicorn's sync workers)


def gunicorn_command(gunicorn, application, port):
    """The one gunicorn command line of every run (ours and bakerydemo's alike)."""
    command = [gunicorn, application, "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", str(WORKERS), "--log-level", "warning"]
    if THREADS > 1:
        # Threads keep connections alive (a sync worker closes each one after its answer).
        command += ["--worker-class", "gthread", "--threads", str(THREADS)]
    return command


def process_cpu_seconds(pids):
    """User and system CPU seconds used so far by these processes (those still alive)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def group_pids(pgid):
    """The processes of one process group (gunicorn's master and its workers)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rpartition(")")[2].split()
            except OSError:
                continue
            if int(fields[2]) == pgid:
                pids.append(int(entry.name))
    return pids


def stop(process):
    """End a gunicorn started in its own session: gracefully, else its whole group at once."""
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:  # workers still busy with queued slow requests
        os.killpg(process.pid, 9)
        process.wait(timeout=15)


class Gunicorn:
    """gunicorn on APP_PORT for the length of a `with` block."""

    def __init__(self, env):
        self.env = env

    def cpu_seconds(self):
        return process_cpu_seconds(group_pids(self.process.pid))

    def settle(self, seconds=90):
        """Wait until every worker has booted (the group's CPU stops growing), so that
        booting is not counted as the benchmark's work."""
        deadline = time.monotonic() + seconds
        before = self.cpu_seconds()
        while time.monotonic() < deadline:
            time.sleep(1)
            now = self.cpu_seconds()
            if now - before < 0.05:
                return
            before = now

    def __enter__(self):
        command = gunicorn_command(GUNICORN, "config.wsgi", APP_PORT)
        self.process = subprocess.Popen(command, cwd=ROOT, env=self.env, start_new_session=True)
        if not wait_for(f"http://127.0.0.1:{APP_PORT}/healthz", seconds=120):
            self.__exit__()
            raise SystemExit("gunicorn did not start")
        return self

    def __exit__(self, *exc):
        stop(self.process)


class Nginx:
    """nginx on NGINX_PORT with a proxy cache, in front of the gunicorn on APP_PORT."""

    def __enter__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="rw-bench-nginx-"))
        user = "user root;" if os.geteuid() == 0 else ""
        conf = self.folder / "nginx.conf"
        conf.write_text(
            f"""worker_processes 2; pid {self.folder}/nginx.pid; error_log {self.folder}/error.log;
{user}
events {{ worker_connections 1024; }}
http {{
  access_log off;
  client_body_temp_path {self.folder}/body; proxy_temp_path {self.folder}/proxy;
  fastcgi_temp_path {self.folder}/fcgi; uwsgi_temp_path {self.folder}/uwsgi;
  scgi_temp_path {self.folder}/scgi;
  proxy_cache_path {self.folder}/cache keys_zone=pages:10m use_temp_path=off;
  upstream app {{ server 127.0.0.1:{APP_PORT}; keepalive 16; }}
  server {{
    listen 127.0.0.1:{NGINX_PORT};
    location / {{
      proxy_pass http://app; proxy_http_version 1.1; proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_cache pages; proxy_cache_key "$scheme$host$request_uri$cookie_django_language";
      proxy_cache_bypass $cookie_sessionid $http_authorization;
      proxy_no_cache $cookie_sessionid $http_authorization;
      proxy_ignore_headers Vary; proxy_cache_lock on;
    }}
  }}
}}
"""
        )
        subprocess.run(["nginx", "-c", str(conf), "-p", str(self.folder)], check=True)
        if not wait_for(f"http://127.0.0.1:{NGINX_PORT}/healthz"):
            raise SystemExit("nginx did not start")
        return self

    def __exit__(self, *exc):
        pid = int((self.folder / "nginx.pid").read_text())
        os.kill(pid, 15)
        time.sleep(0.5)
        shutil.rmtree(self.folder, ignore_errors=True)


def wrk(url, seconds, connections, script=WRK_REPORT, env=None):
    """(requests per second, p95 in ms, errors) of wrk against `url`."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(script)
    try:
        done = subprocess.run(
            [
                "wrk",
                "-t",
                str(min(2, connections)),
                "-c",
                str(connections),
                "-d",
                f"{seconds}s",
                "--timeout",
                "10s",
                "-s",
                lua.name,
                url,
            ],
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, **(env or {})},
            check=True,
        )
    finally:
        os.unlink(lua.name)
    match = re.search(r"RESULT (\d+) (\d+) (\d+) ([\d.]+)", done.stdout)
    errors_line = re.search(r"ERRORS .*", done.stdout)
    if errors_line and match.group(3) != "0":
        print(url, errors_line.group(0), file=sys.stderr)
    requests, duration_us, errors, p95 = match.groups()
    return round(int(requests) / (int(duration_us) / 1e6), 1), float(p95), int(errors)


def measure_pages(base, pages, seconds, connections, label, database, results):
    for page, path in pages:
        for _warm in range(3):
            urllib.request.urlopen(base + path, timeout=30).read()  # noqa: S310 - loopback
        rps, p95, errors = wrk(base + path, seconds, connections)
        row = {"database": database, "mode": label, "page": page, "req_s": rps}
        row.update({"p95_ms": p95, "errors": errors, "load": load_average()})
        results.append(row)
        print(json.dumps(row), flush=True)


def service_path(env):
    return django_eval(
        env,
        "import json; from catalogue.models import ServicePage; "
        "print(json.dumps(ServicePage.objects.live().order_by('path').first().url))",
    )


def make_citizens(env, count):
    """`count` citizens with API tokens, and a live service to request."""
    code = f"""
import json
from rest_framework.authtoken.models import Token
from catalogue.models import ServicePage
from intake.models import CitizenProfile
from tests.factories import CitizenProfileFactory
CitizenProfileFactory.reset_sequence(CitizenProfile.objects.count() + 100)
tokens = [Token.objects.get_or_create(user=CitizenProfileFactory().user)[0].key
          for _ in range({count})]
service = ServicePage.objects.live().filter(is_active=True).order_by("path").first()
print(json.dumps({{"tokens": tokens, "service": service.pk}}))
"""
    return django_eval(env, code)


def references_check(env):
    code = """
import json
from django.db.models import Count
from intake.models import ServiceRequest
numbers = {}
for reference in ServiceRequest.objects.values_list("reference", flat=True):
    _, year, number = reference.split("-")
    numbers.setdefault(year, []).append(int(number))
print(json.dumps({year: {"count": len(found), "max": max(found), "distinct": len(set(found))}
                  for year, found in numbers.items()}))
"""
    return django_eval(env, code)


def database_backends(env):
    """The pids of PostgreSQL's sessions on the benchmark's database (other than ours)."""
    code = """
import json
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
        " AND pid <> pg_backend_pid()"
    )
    print(json.dumps([pid for (pid,) in cursor.fetchall()]))
"""
    return django_eval(env, code)


def intake_benchmark(env, seconds, clients, database, results, connections=None):
    world = make_citizens(env, clients)
    before = references_check(env)
    body = json.dumps({"service": world["service"], "description": "Ho bisogno di aiuto."})
    with Gunicorn(env) as server:
        server.settle()
        app_cpu = server.cpu_seconds()
        rps, p95, errors = wrk(
            f"http://127.0.0.1:{APP_PORT}/api/intake/requests/",
            seconds,
            connections or clients,
            script=WRK_SUBMIT,
            env={"RW_TOKENS": ",".join(world["tokens"]), "RW_BODY": body},
        )
        app_cpu = server.cpu_seconds() - app_cpu
        # The app servers' database sessions were all opened during the run (CONN_MAX_AGE
        # keeps one per thread), so their whole CPU time is the run's.
        db_cpu = process_cpu_seconds(database_backends(env))
    after = references_check(env)
    row = {"database": database, "mode": "intake", "page": f"submissions, {clients} clients"}
    row.update({"req_s": rps, "p95_ms": p95, "errors": errors, "load": load_average()})
    stored = sum(year["count"] for year in after.values())
    submissions = max(1, stored - sum(year["count"] for year in before.values()))
    row["submissions"] = submissions
    row["cpu_ms_per_submission"] = {
        "gunicorn": round(1000 * app_cpu / submissions, 1),
        "postgres": round(1000 * db_cpu / submissions, 1),
    }
    row["references"] = {"before": before, "after": after}
    results.append(row)
    print(json.dumps(row), flush=True)


def measure_bakerydemo(args, database, results):
    """bakerydemo's pages on `database` (its SQLite file, or --bakerydemo-postgres-url)."""
    database_url = args.bakerydemo_postgres_url if database == "postgres" else None
    if database == "postgres" and not database_url:
        print("bakerydemo on PostgreSQL: no --bakerydemo-postgres-url, skipped", flush=True)
        return
    with Bakerydemo(args.bakerydemo_dir, database_url) as reference:
        pages = bakerydemo_pages(reference.base)
        measure_pages(
            reference.base, pages, args.seconds, args.connections, "bakerydemo", database, results
        )


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", action="append", choices=["sqlite", "postgres"])
    parser.add_argument("--services", type=int, default=10_000)
    parser.add_argument("--seconds", type=int, default=8, help="wrk run per page")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--bakerydemo", help="base URL of a running bakerydemo (optional)")
    parser.add_argument(
        "--bakerydemo-dir",
        help="a bakerydemo checkout with its .venv: served with our gunicorn settings and "
        "measured right after our uncached pages",
    )
    parser.add_argument(
        "--bakerydemo-postgres-url", help="bakerydemo's PostgreSQL database (loaded beforehand)"
    )
    parser.add_argument(
        "--modes",
        default=",".join(MODES),
        help="page modes to measure (comma-separated; nginx runs with cached)",
    )
    parser.add_argument("--skip-load", action="store_true", help="reuse the loaded databases")
    parser.add_argument("--json", help="also write the rows to this file")
    parser.add_argument("--port", type=int, default=APP_PORT, help="gunicorn's; nginx's is +1")
    parser.add_argument("--workers", type=int, default=WORKERS, help="gunicorn workers")
    parser.add_argument(
        "--threads", type=int, default=THREADS, help="threads per worker (1: sync workers)"
    )
    parser.add_argument("--clients", type=int, default=16, help="concurrent submitting clients")
    parser.add_argument(
        "--parts", default="pages,intake", help="pages, intake or both (comma-separated)"
    )
    return parser.parse_args(argv)


def measure_database(args, database, results):
    """Load `database` (unless --skip-load), then its pages in each mode, then intake."""
    url = f"sqlite:///{SQLITE_PATH}" if database == "sqlite" else POSTGRES_URL
    if not args.skip_load:
        command = [PYTHON, str(ROOT / "bench" / "run.py"), "--child", "--load-only"]
        command += ["--db", database, "--services", str(args.services)]
        command += ["--postgres-url", POSTGRES_URL]
        subprocess.run(command, cwd=ROOT, check=True)
    env = base_env(url)
    pages = [(p, service_path(env) if u == "SERVICE" else u) for p, u in PAGES]
    modes = [mode for mode in MODES if mode in args.modes.split(",")]
    for mode in modes if "pages" in args.parts else ():
        flush_cache()
        with Gunicorn({**env, **MODES[mode]}):
            base = f"http://127.0.0.1:{APP_PORT}"
            measure_pages(base, pages, args.seconds, args.connections, mode, database, results)
            if mode == "cached":
                with Nginx():
                    base = f"http://127.0.0.1:{NGINX_PORT}"
                    label = "nginx cache"
                    measure_pages(
                        base, pages, args.seconds, args.connections, label, database, results
                    )
        if mode == "uncached" and args.bakerydemo_dir:
            # The reference right after our uncached pages, with the same gunicorn.
            measure_bakerydemo(args, database, results)
    if database == "postgres" and "intake" in args.parts:
        flush_cache()
        intake_benchmark(env, args.seconds, args.clients, database, results)


def main(argv=None):
    global APP_PORT, NGINX_PORT, WORKERS, THREADS
    args = parse_args(argv)
    APP_PORT, NGINX_PORT = args.port, args.port + 1
    WORKERS, THREADS = args.workers, args.threads
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install -y wrk")
    results = []
    print(f"load average at start: {load_average()}", flush=True)
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=base_env(f"sqlite:///{SQLITE_PATH}"),
        check=True,
    )
    for database in args.db or ["sqlite", "postgres"]:
        measure_database(args, database, results)
    if args.bakerydemo:
        measure_pages(
            args.bakerydemo.rstrip("/"),
            bakerydemo_pages(args.bakerydemo.rstrip("/")),
            args.seconds,
            args.connections,
            "bakerydemo",
            "bakerydemo",
            results,
        )
    print(f"\nload average at end: {load_average()}")
    print(f"{'database':<10} {'mode':<12} {'page':<28} {'req/s':>7} {'p95 ms':>8} {'err':>5}  load")
    for row in results:
        print(
            f"{row['database']:<10} {row['mode']:<12} {row['page']:<28} {row['req_s']:>7} "
            f"{row['p95_ms']:>8} {row['errors']:>5}  {row['load']}"
        )
        if "cpu_ms_per_submission" in row:
            print(f"{'':<10} CPU ms per submission: {row['cpu_ms_per_submission']}")
    if args.json:
        Path(args.json).write_text("\n".join(json.dumps(row) for row in results) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
