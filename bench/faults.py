"""Faults under load: citizens keep submitting while an app server, a worker and PostgreSQL die.

Needs the cluster (`make cluster`). Citizens (threads, each with an API token) POST requests
through nginx with a fresh Idempotency-Key each, and retry as the API documents: the same
key and body again after a connection error, a 5xx, a 409 (after its Retry-After) or a 429.
During the run, on a schedule:

1. one app server is killed with SIGKILL (its whole process group, mid-request) and started
   again two seconds later;
2. one outbox worker is killed with SIGKILL (its supervisor starts it again);
3. PostgreSQL is restarted (`pg_ctlcluster ... restart`), only with `--restart-postgres`:
   other work on the same server sees its connections cut.

At the end it checks, against the database and the mail folder: every request that got a
201 is stored once, under its key and with the reference the client was told; no key has
two requests; every email queued for them was sent exactly once. Bounded: `--seconds` of
load, at most `--max-requests`, loopback only.

    .venv/bin/python bench/faults.py                       # app server and worker faults
    .venv/bin/python bench/faults.py --restart-postgres    # and a PostgreSQL restart
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import cluster  # noqa: E402 - bench/cluster.py, beside this script

BASE = f"http://127.0.0.1:{cluster.PORT}"
PG_RESTART = ["pg_ctlcluster", "--skip-systemctl-redirect", "15", "main", "restart"]
GIVE_UP_SECONDS = 90


def django_eval(code):
    done = subprocess.run(
        [cluster.PYTHON, "manage.py", "shell", "-c", code],
        cwd=cluster.ROOT,
        env=cluster.cluster_env(),
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def make_citizens(count):
    return django_eval(f"""
import json
from rest_framework.authtoken.models import Token
from catalogue.models import ServicePage
from intake.models import CitizenProfile
from tests.factories import CitizenProfileFactory
CitizenProfileFactory.reset_sequence(CitizenProfile.objects.count() + 5000)
tokens = [Token.objects.get_or_create(user=CitizenProfileFactory().user)[0].key
          for _ in range({count})]
service = ServicePage.objects.live().filter(is_active=True).order_by("path").first()
print(json.dumps({{"tokens": tokens, "service": service.pk}}))
""")


class Run:
    """What the clients saw, shared between their threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.told = {}  # key -> reference of a 201
        self.given_up = []
        self.errors = Counter()
        self.attempts = 0
        self.submissions = 0
        self.successes = []  # monotonic times of 201s
        self.stop = threading.Event()


def submit(run, token, body, key):
    """Send one request until a 201, retrying with the same key; record what happened."""
    started = time.monotonic()
    delay = 0.2
    while time.monotonic() - started < GIVE_UP_SECONDS:
        request = urllib.request.Request(
            f"{BASE}/api/intake/requests/",
            data=body,
            method="POST",
            headers={
                "Authorization": f"Token {token}",
                "Content-Type": "application/json",
                "Idempotency-Key": key,
            },
        )
        with run.lock:
            run.attempts += 1
        try:
            with urllib.request.urlopen(request, timeout=15) as response:  # noqa: S310
                answer = json.loads(response.read())
                with run.lock:
                    run.told[key] = answer["reference"]
                    run.successes.append(time.monotonic())
                return
        except urllib.error.HTTPError as error:
            kind, wait = f"HTTP {error.code}", delay
            if error.code in (409, 429):
                wait = float(error.headers.get("Retry-After", "1"))
            elif error.code < 500:
                with run.lock:
                    run.errors[f"{kind} (not retried)"] += 1
                    run.given_up.append(key)
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError) as error:
            kind, wait = type(getattr(error, "reason", error)).__name__, delay
        with run.lock:
            run.errors[kind] += 1
        time.sleep(wait)
        delay = min(delay * 2, 2.0)
    with run.lock:
        run.given_up.append(key)


def citizen(run, token, service, max_requests):
    while not run.stop.is_set():
        with run.lock:
            if run.submissions >= max_requests:
                return
            run.submissions += 1
            number = run.submissions
        body = json.dumps({"service": service, "description": f"Richiesta di prova {number}"})
        submit(run, token, body.encode(), str(uuid.uuid4()))


def kill_group(name):
    pid = cluster.read_pid(name)
    os.killpg(pid, signal.SIGKILL)
    return pid


def faults(run, restart_postgres, log):
    """The schedule: app server at 3 s, worker at 8 s, PostgreSQL at 13 s."""
    events = []

    def at(second, what, action):
        while time.monotonic() - run.started < second:
            if run.stop.is_set():
                return
            time.sleep(0.05)
        moment = time.monotonic()
        action()
        events.append((what, moment))
        log(f"{moment - run.started:5.1f} s  {what}")

    def kill_app():
        kill_group("app1")

    def restart_app():
        cluster.start_app_server(0, cluster.cluster_env())

    def kill_worker():
        os.kill(cluster.read_pid("worker1-process"), signal.SIGKILL)

    at(3, "app server 1 killed (SIGKILL, whole process group)", kill_app)
    at(5, "app server 1 started again", restart_app)
    at(8, "outbox worker 1 killed (SIGKILL)", kill_worker)
    if restart_postgres:
        at(13, "PostgreSQL restarted", lambda: subprocess.run(PG_RESTART, check=True))
    return events


def recovery(run, events):
    """For each fault: seconds until the next 201 that a client got."""
    found = {}
    for what, moment in events:
        later = [t for t in run.successes if t > moment]
        found[what] = round(later[0] - moment, 2) if later else None
    gaps = sorted(b - a for a, b in zip(run.successes, run.successes[1:], strict=False))
    return found, round(gaps[-1], 2) if gaps else None


def check(run, started_at):
    """What the database and the mail folder say about every key the clients used."""
    keys = list(run.told) + run.given_up
    Path(cluster.VAR / "faults-keys.json").write_text(json.dumps(keys))
    stored = django_eval(f"""
import json
from django.db.models import Count
from intake.models import Notification, ServiceRequest
keys = json.load(open("{cluster.VAR / "faults-keys.json"}"))
rows = ServiceRequest.objects.filter(idempotency_key__in=keys)
by_key = {{}}
for key, reference in rows.values_list("idempotency_key", "reference"):
    by_key.setdefault(key, []).append(reference)
notifications = Notification.objects.filter(request__idempotency_key__in=keys)
print(json.dumps({{
    "by_key": by_key,
    "notifications": notifications.count(),
    "pending": notifications.filter(status="pending").count(),
    "sent": notifications.filter(status="sent").count(),
}}))
""")
    mails = Counter()
    for path in (cluster.VAR / "mail").glob("*.log"):
        if path.stat().st_mtime < started_at - 1:
            continue
        for line in path.read_text(errors="replace").splitlines():
            if line.startswith("Subject:"):
                for reference in line.split():
                    if reference.startswith("RW-"):
                        mails[reference.strip("«»().,:;")] += 1
    by_key = stored["by_key"]
    told_refs = set(run.told.values())
    return {
        "acknowledged (201)": len(run.told),
        "acknowledged but not stored": sum(1 for k in run.told if k not in by_key),
        "stored under another reference than told": sum(
            1 for k, ref in run.told.items() if k in by_key and ref not in by_key[k]
        ),
        "keys with more than one request": sum(1 for refs in by_key.values() if len(refs) > 1),
        "stored for a key no client was told about": sum(1 for k in by_key if k not in run.told),
        "emails queued": stored["notifications"],
        "emails still pending": stored["pending"],
        "emails sent (rows)": stored["sent"],
        "emails written for the acknowledged requests": sum(mails[r] for r in told_refs),
        "acknowledged requests with no email": sum(1 for r in told_refs if mails[r] == 0),
        "acknowledged requests with an email twice": sum(1 for r in told_refs if mails[r] > 1),
    }


def wait_for_outbox(seconds=120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        pending = django_eval(
            "import json; from intake.models import Notification; "
            "print(json.dumps(Notification.objects.filter(status='pending').count()))"
        )
        if pending == 0:
            return True
        time.sleep(2)
    return False


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=20, help="seconds of load")
    parser.add_argument("--citizens", type=int, default=12)
    parser.add_argument("--max-requests", type=int, default=3000)
    parser.add_argument("--restart-postgres", action="store_true")
    args = parser.parse_args(argv)
    if not cluster.alive(cluster.read_pid("nginx")):
        raise SystemExit("Start the cluster first: make cluster")

    def log(message):
        print(message, flush=True)

    world = make_citizens(args.citizens)
    run = Run()
    started_at = time.time()
    run.started = time.monotonic()
    log(f"load average at start: {' '.join(Path('/proc/loadavg').read_text().split()[:3])}")
    threads = [
        threading.Thread(target=citizen, args=(run, token, world["service"], args.max_requests))
        for token in world["tokens"]
    ]
    for thread in threads:
        thread.start()
    scheduled = {}
    scheduler = threading.Thread(
        target=lambda: scheduled.update(events=faults(run, args.restart_postgres, log))
    )
    scheduler.start()
    time.sleep(args.seconds)
    run.stop.set()
    scheduler.join()
    for thread in threads:
        thread.join()
    load_seconds = time.monotonic() - run.started
    log(f"load over after {load_seconds:.1f} s; waiting for the outbox to drain")
    drained = wait_for_outbox()
    recovered, longest_gap = recovery(run, scheduled.get("events", []))
    report = {
        "load average at end": " ".join(Path("/proc/loadavg").read_text().split()[:3]),
        "requests submitted (keys)": run.submissions,
        "attempts (with retries)": run.attempts,
        "retries": run.attempts - run.submissions,
        "errors seen by clients": dict(run.errors),
        "given up": len(run.given_up),
        "seconds to the next 201 after each fault": recovered,
        "longest time without a 201 (s)": longest_gap,
        "outbox drained": drained,
        **check(run, started_at),
    }
    print(json.dumps(report, indent=2, ensure_ascii=False))
    bad = (
        report["acknowledged but not stored"]
        + report["stored under another reference than told"]
        + report["keys with more than one request"]
        + report["acknowledged requests with no email"]
        + report["acknowledged requests with an email twice"]
    )
    return 1 if bad or not drained else 0


if __name__ == "__main__":
    sys.exit(main())
