"""A cluster on one machine, with the parts of a real one: `make cluster`, `make cluster-stop`.

    nginx :8280 (Debian's; static and media files, a short cache of anonymous pages)
      ├── gunicorn app server 1 :8281 ─┐
      └── gunicorn app server 2 :8282 ─┼── PostgreSQL (rw_perf_cluster)
    outbox worker 1, outbox worker 2 ──┘   Redis: cache, throttles, lockouts (db 10),
                                           sessions (db 11)
    media on one shared folder (var/cluster/media); emails written to var/cluster/mail/

Every process it starts writes its pid under var/cluster/ and `stop` ends exactly those
(and nothing else). Each worker runs under a small supervisor (this script's `supervise`)
that starts it again when it dies, as systemd's Restart=always would, and enqueues again the
deliveries a killed worker held (`manage.py requeue_notifications`) before each start. The
supervisors also run the daily job, `manage.py expire_allocations`, at start and whenever
the date changes (what a cron line or a systemd timer does in production; it is idempotent,
so two supervisors running it is harmless).

    .venv/bin/python bench/cluster.py start     # or: make cluster
    .venv/bin/python bench/cluster.py status
    .venv/bin/python bench/cluster.py stop      # or: make cluster-stop

Every setting can be overridden from the environment (CLUSTER_DATABASE_URL, CLUSTER_PORT,
...); the Django settings are the production ones, over plain HTTP on the loopback.
"""

import argparse
import datetime
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "cluster"
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
PORT = int(os.environ.get("CLUSTER_PORT", "8280"))
APP_PORTS = [PORT + 1, PORT + 2]
WORKERS = ["worker1", "worker2"]
DATABASE_URL = os.environ.get(
    "CLUSTER_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/rw_perf_cluster"
)
REDIS = os.environ.get("CLUSTER_REDIS", "redis://127.0.0.1:6379")
GUNICORN_WORKERS = os.environ.get("CLUSTER_GUNICORN_WORKERS", "2")
GUNICORN_THREADS = os.environ.get("CLUSTER_GUNICORN_THREADS", "4")


def cluster_env():
    """The app servers' and workers' environment: production settings, shared parts."""
    env = dict(os.environ)
    defaults = {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "cluster-on-the-loopback-only-not-secret",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "CSRF_TRUSTED_ORIGINS": f"http://127.0.0.1:{PORT},http://localhost:{PORT}",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "DATABASE_URL": DATABASE_URL,
        "CONN_MAX_AGE": "60",
        "CACHE_URL": f"{REDIS}/10",
        "SESSION_CACHE_URL": f"{REDIS}/11",
        "LOGIN_LOCKOUTS_IN_CACHE": "true",
        "NUM_PROXIES": "1",
        "MEDIA_ROOT": str(VAR / "media"),
        "EMAIL_URL": f"filemail:///{VAR / 'mail'}",  # four slashes: an absolute path
        "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{PORT}",
        "PAGE_CACHE_SHARED_SECONDS": "5",
        "INTAKE_IDEMPOTENCY_LEASE": "10",
        # A test rig: the fault run submits far more than a citizen would.
        "THROTTLE_REQUEST_CREATION": "100000/hour",
        "LOG_LEVEL": "WARNING",
    }
    for key, value in defaults.items():
        env.setdefault(key, value)
    return env


def pid_file(name):
    return VAR / f"{name}.pid"


def read_pid(name):
    try:
        return int(pid_file(name).read_text().strip())
    except (FileNotFoundError, ValueError):
        return None


def alive(pid):
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie (ended, not yet reaped) is not alive.
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except FileNotFoundError:
        return False


def spawn(name, command, env):
    """Start `command` in its own session, logging to var/cluster/NAME.log; write its pid."""
    log = open(VAR / f"{name}.log", "ab")  # noqa: SIM115 - the child keeps it
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    pid_file(name).write_text(str(process.pid))
    return process.pid


def manage(*args, env):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def ensure_database(url):
    import psycopg
    from psycopg import sql

    base, _, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True, connect_timeout=5) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def nginx_conf():
    """nginx in front: both app servers, static and media files, a short page cache."""
    upstreams = "\n".join(
        f"        server 127.0.0.1:{port} max_fails=1 fail_timeout=2s;" for port in APP_PORTS
    )
    return f"""# Written by bench/cluster.py; started with nginx -c this file.
worker_processes 1;
pid {VAR / "nginx.pid"};
error_log {VAR / "nginx-error.log"} warn;
{"user root;" if os.geteuid() == 0 else ""}
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path {VAR / "nginx-tmp" / "body"};
    proxy_temp_path {VAR / "nginx-tmp" / "proxy"};
    fastcgi_temp_path {VAR / "nginx-tmp" / "fastcgi"};
    uwsgi_temp_path {VAR / "nginx-tmp" / "uwsgi"};
    scgi_temp_path {VAR / "nginx-tmp" / "scgi"};
    # Anonymous pages, for as long as the portal's s-maxage says (PAGE_CACHE_SHARED_SECONDS).
    proxy_cache_path {VAR / "nginx-cache"} levels=1:2 keys_zone=rw_pages:10m max_size=256m
                     inactive=10m use_temp_path=off;
    upstream rw_app {{
{upstreams}
        keepalive 32;
    }}
    server {{
        listen 127.0.0.1:{PORT};
        server_name 127.0.0.1 localhost;
        client_max_body_size 20m;
        location /static/ {{
            alias {ROOT / "var" / "static"}/;
            expires 30d;
        }}
        location /media/ {{
            alias {VAR / "media"}/;
        }}
        location / {{
            proxy_pass http://rw_app;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            # GET and HEAD go to the other app server when one is down; a POST is not
            # repeated by nginx (the client retries it with its Idempotency-Key).
            proxy_next_upstream error timeout http_502 http_503;
            proxy_connect_timeout 2s;
            proxy_cache rw_pages;
            proxy_cache_key "$scheme$host$request_uri$cookie_django_language";
            proxy_cache_bypass $cookie_sessionid $http_authorization;
            proxy_no_cache $cookie_sessionid $http_authorization;
            # The portal keys its own answers by language; a csrftoken cookie is no reason
            # to keep another copy.
            proxy_ignore_headers Vary;
            proxy_cache_lock on;
            proxy_cache_use_stale updating;
            add_header X-Nginx-Cache $upstream_cache_status always;
        }}
    }}
}}
"""


def wait_for(url, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return True
        except OSError:
            time.sleep(0.3)
    return False


def start_app_server(index, env):
    port = APP_PORTS[index]
    name = f"app{index + 1}"
    command = [GUNICORN, "config.wsgi", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", GUNICORN_WORKERS, "--worker-class", "gthread"]
    command += ["--threads", GUNICORN_THREADS]
    command += ["--graceful-timeout", "5", "--timeout", "30"]
    spawn(name, command, env)
    if not wait_for(f"http://127.0.0.1:{port}/healthz"):
        raise SystemExit(f"{name} did not answer on :{port}; see {VAR / (name + '.log')}")
    return port


def start(args):
    if any(alive(read_pid(name)) for name in status_names()):
        raise SystemExit("The cluster is already running: make cluster-stop first.")
    for folder in ("media", "mail", "nginx-cache", "nginx-tmp"):
        (VAR / folder).mkdir(parents=True, exist_ok=True)
    env = cluster_env()
    ensure_database(env["DATABASE_URL"])
    manage("migrate", "--noinput", "-v", "0", env=env)
    manage("collectstatic", "--noinput", "-v", "0", env=env)
    if not args.no_demo:
        manage("load_demo", env={**env, "DEBUG": "false"})
    for index in range(len(APP_PORTS)):
        start_app_server(index, env)
    for name in WORKERS:
        spawn(name, [PYTHON, __file__, "supervise", name], env)
    conf = VAR / "nginx.conf"
    conf.write_text(nginx_conf())
    subprocess.run(["nginx", "-c", str(conf), "-p", str(VAR), "-t", "-q"], check=True)
    subprocess.run(["nginx", "-c", str(conf), "-p", str(VAR)], check=True)
    if not wait_for(f"http://127.0.0.1:{PORT}/healthz"):
        raise SystemExit("nginx did not answer; see var/cluster/nginx-error.log")
    print(f"Cluster up: http://127.0.0.1:{PORT}/ (app servers :{APP_PORTS[0]} :{APP_PORTS[1]})")


def run_daily_jobs(env):
    """The jobs of the day (idempotent): close the allocations past their date."""
    subprocess.run([PYTHON, "manage.py", "expire_allocations"], cwd=ROOT, env=env, check=False)


def supervise(name):
    """Run one outbox worker and start it again whenever it ends, until told to stop; run
    the daily jobs at start and at every change of date."""
    env = dict(os.environ)
    stopping = False
    child = None
    day = None

    def stop(signum, frame):
        nonlocal stopping
        stopping = True
        if child and child.poll() is None:
            child.terminate()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    while not stopping:
        subprocess.run(
            [PYTHON, "manage.py", "requeue_notifications"], cwd=ROOT, env=env, check=False
        )
        if day != datetime.date.today():
            day = datetime.date.today()
            run_daily_jobs(env)
        if stopping:
            break
        command = [PYTHON, "manage.py", "db_worker", "--backend", "outbox"]
        command += ["--worker-id", name, "--interval", "0.2"]
        child = subprocess.Popen(command, cwd=ROOT, env=env)
        pid_file(f"{name}-process").write_text(str(child.pid))
        while child.poll() is None:
            try:
                child.wait(timeout=60)
            except subprocess.TimeoutExpired:
                if not stopping and day != datetime.date.today():
                    day = datetime.date.today()
                    run_daily_jobs(env)
        if not stopping:
            print(f"{name} ended with {child.returncode}; starting it again", flush=True)
            time.sleep(1)
    pid_file(f"{name}-process").unlink(missing_ok=True)


def status_names():
    return ["nginx", *[f"app{i + 1}" for i in range(len(APP_PORTS))], *WORKERS]


def stop(args):
    """End what `start` started, by the pids it wrote: nginx, app servers, supervisors."""
    for name in status_names():
        pid = read_pid(name)
        if alive(pid):
            os.kill(pid, signal.SIGTERM if name != "nginx" else signal.SIGQUIT)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(alive(read_pid(n)) for n in status_names()):
        time.sleep(0.2)
    for name in status_names():
        pid = read_pid(name)
        if alive(pid):
            os.kill(pid, signal.SIGKILL)
        pid_file(name).unlink(missing_ok=True)
    for name in WORKERS:  # a worker whose supervisor was killed hard
        pid = read_pid(f"{name}-process")
        if alive(pid):
            os.kill(pid, signal.SIGTERM)
        pid_file(f"{name}-process").unlink(missing_ok=True)
    print("Cluster stopped.")


def status(args):
    for name in status_names() + [f"{w}-process" for w in WORKERS]:
        pid = read_pid(name)
        print(f"{name:<18} {pid or '-':>8} {'up' if alive(pid) else 'down'}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    start_parser = sub.add_parser("start")
    start_parser.add_argument("--no-demo", action="store_true", help="skip load_demo")
    sub.add_parser("stop")
    sub.add_parser("status")
    supervise_parser = sub.add_parser("supervise")
    supervise_parser.add_argument("name")
    args = parser.parse_args(argv)
    VAR.mkdir(parents=True, exist_ok=True)
    if args.command == "supervise":
        return supervise(args.name)
    return {"start": start, "stop": stop, "status": status}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
