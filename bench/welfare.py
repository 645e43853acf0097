"""Benchmark of company welfare on PostgreSQL: the employees' upload and the employer's
report.

* upload: HR's CSV of 5,000 employees, previewed then saved (`apply_upload`: employees,
  accounts and allocations in bulk, one grant transaction, the invitations written to the
  outbox in bulk), then the same file again (idempotent: nothing saved); time, CPU time
  and queries of each; then the same file on another plan through the admin's form posts
  (the preview's page, the confirmation), as HR sends it;
* report: the plan's admin page (every employee with credit and left), the API's totals
  and first page of employees, for a plan of 500 and one of 5,000 employees: the query
  counts must be the same.

    .venv/bin/python bench/welfare.py   # or BENCH_WELFARE_URL=postgres://... first

The database is dropped and created again, and left behind. It is not a test.
"""

import argparse
import datetime
import importlib.util
import os
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/rw_welfare_bench"


def _funding_bench():
    """bench/funding.py (its database set-up and world), loaded by path: its module name
    would shadow the funding app."""
    spec = importlib.util.spec_from_file_location("funding_bench", ROOT / "bench" / "funding.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def employees_csv(count, offset=0):
    from tests import factories as f

    lines = ["codice fiscale;nome;cognome;email;credito"]
    born = datetime.date(1960, 1, 1)
    for number in range(offset, offset + count):
        code = f.fiscal_code_for(number, born + datetime.timedelta(days=number % 15000))
        lines.append(f"{code};Nome{number};Cognome{number};n{number}@example.org;500,00")
    return "\n".join(lines) + "\n"


def measured(label, call):
    """Run `call`, print its time, this process's CPU time (robust to the machine's load;
    the database's work is not in it) and its number of SQL queries (counted by a wrapper:
    Django's query log keeps only the last 9,000)."""
    from django.db import connection

    count = 0

    def counting(execute, sql, params, many, context):
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    started, cpu = time.perf_counter(), time.process_time()
    with connection.execute_wrapper(counting):
        result = call()
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"{label}: {elapsed * 1000:.0f} ms, CPU {cpu * 1000:.0f} ms, {count} queries", flush=True)
    return result


def plan_of(w, name, employees):
    from funding.services import welfare
    from tests import factories as f

    employer = f.EmployerFactory(name=name)
    hr = f.EmployerHRFactory(employer=employer)
    plan = welfare.create_plan(
        employer=employer,
        name=f"Piano {name}",
        budget=Decimal(employees) * Decimal("500.00") + Decimal("1000.00"),
        valid_from=w.today - datetime.timedelta(days=30),
        valid_until=w.today + datetime.timedelta(days=300),
        art51_categories=["f", "f_bis", "f_ter"],
        employee_credit=Decimal("500.00"),
        actor=w.district,
    )
    return plan, hr


def bench_upload(w, count):
    from funding.services import welfare

    plan, hr = plan_of(w, "Grande Azienda", count)
    content = employees_csv(count)
    preview = measured(
        f"upload preview, {count} employees",
        lambda: welfare.preview_upload(plan=plan, data=content.encode(), actor=hr),
    )
    assert len(preview.new) == count, len(preview.rejected)
    measured(
        f"upload confirm, {count} employees",
        lambda: welfare.apply_upload(plan=plan, data=content.encode(), actor=hr),
    )
    again = measured(
        f"same file again, {count} employees (nothing saved)",
        lambda: welfare.apply_upload(plan=plan, data=content.encode(), actor=hr),
    )
    assert not again.changes_anything
    return plan, hr


def bench_admin_upload(w, count):
    """The same file through «Welfare aziendale»: the preview's page, then the confirm."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    plan, hr = plan_of(w, "Azienda dal modulo", count)
    client = Client()
    client.force_login(hr)
    url = f"/admin/fondi-e-buoni/welfare/piani/{plan.pk}/carica/"
    content = employees_csv(count)
    upload = SimpleUploadedFile("dipendenti.csv", content.encode(), "text/csv")
    preview = measured(
        f"admin: preview page, {count} employees",
        lambda: client.post(url, {"file": upload}),
    )
    assert preview.status_code == 200, preview.status_code
    saved = measured(
        f"admin: confirm, {count} employees",
        lambda: client.post(url, {"content": content}),  # the page's hidden field
    )
    assert saved.status_code == 302 and plan.employees.count() == count, saved.status_code


def bench_report(w, plans):
    from django.test import Client
    from rest_framework.test import APIClient

    for plan, hr in plans:
        count = plan.employees.count()
        client = Client()
        client.force_login(hr)
        api = APIClient()
        api.force_authenticate(hr)
        answer = measured(
            f"report page (admin), {count} employees",
            lambda plan=plan, client=client: client.get(
                f"/admin/fondi-e-buoni/welfare/piani/{plan.pk}/"
            ),
        )
        assert answer.status_code == 200, answer.status_code
        measured(
            f"report totals (API), {count} employees",
            lambda plan=plan, api=api: api.get(f"/api/funding/plans/{plan.pk}/totals/"),
        )
        measured(
            f"employees, first page (API), {count} employees",
            lambda plan=plan, api=api: api.get(f"/api/funding/plans/{plan.pk}/employees/"),
        )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=5000)
    parser.add_argument("--small", type=int, default=500)
    args = parser.parse_args(argv)
    bench = _funding_bench()
    bench.setup(os.environ.get("BENCH_WELFARE_URL", DEFAULT_URL))
    from django.conf import settings
    from django.core.management import call_command

    settings.DEBUG = False
    w = bench.world()
    print("load average at the start: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    big = bench_upload(w, args.employees)
    bench_admin_upload(w, args.employees)
    from funding.services import welfare

    small_plan, small_hr = plan_of(w, "Piccola Azienda", args.small)
    welfare.apply_upload(
        plan=small_plan, data=employees_csv(args.small, offset=args.employees), actor=small_hr
    )
    bench_report(w, [(small_plan, small_hr), big])
    call_command("check_ledger")
    print("load average at the end: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))


if __name__ == "__main__":
    main()
