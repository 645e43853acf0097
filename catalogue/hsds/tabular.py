"""The whole catalogue as an HSDS tabular data package: datapackage.json and one CSV per table.

Tables, file names, column names and their order come from the specification's
`compiled/tabular.json` (in `schemas/`), so the package follows it by construction; the
rows are the same HSDS objects the API serves, flattened: each nested list becomes rows of
its own table, linked back by the ids the objects already carry.
"""

import csv
import json
from functools import cache
from pathlib import Path

from django.utils import timezone

from catalogue.hsds import selectors
from catalogue.hsds.mapping import Mapper

TABULAR = Path(__file__).resolve().parent / "schemas" / "compiled" / "tabular.json"
PACKAGE_NAME = "rete-welfare-hsds"
# Columns that hold the id of a row of another table (link_id can point to several).
REFERENCES = {
    "organization_id": "organization",
    "parent_organization_id": "organization",
    "program_id": "program",
    "service_id": "service",
    "location_id": "location",
    "contact_id": "contact",
    "phone_id": "phone",
    "service_at_location_id": "service_at_location",
    "taxonomy_term_id": "taxonomy_term",
    "taxonomy_id": "taxonomy",
    "parent_id": "taxonomy_term",
}


@cache
def tables():
    """The specification's tables in its order: name → (file, schema, columns, child lists)."""
    spec = json.loads(TABULAR.read_text(encoding="utf-8"))["properties"]
    described = {}
    for name, table in sorted(
        spec.items(), key=lambda kv: kv[1]["items"]["datapackage_metadata"]["order"]
    ):
        schema = table["items"]
        columns, children = [], {}
        for column, prop in schema["properties"].items():
            if prop.get("type") == "array":
                items = prop.get("items", {})
                children[column] = items.get("name") or items["$ref"].removesuffix(".json")
            else:
                columns.append(column)
        described[name] = (schema["path"], schema, columns, children)
    return described


def flatten(table, record, rows):
    """Add `record` (and, recursively, its nested lists) to `rows`, once per id."""
    _path, _schema, columns, children = tables()[table]
    seen = rows.setdefault(table, {})
    if record["id"] not in seen:
        seen[record["id"]] = {column: record.get(column) for column in columns}
    for prop, child_table in children.items():
        for child in record.get(prop) or []:
            flatten(child_table, child, rows)


def collect(locale):
    """Every table's rows for the live, public catalogue of `locale`."""
    mapper = Mapper(
        district=selectors.district_municipalities(locale), language_code=locale.language_code
    )
    rows = {}
    providers = list(selectors.live_providers(locale))
    for provider in providers:
        flatten("organization", mapper.organization(provider, full=True), rows)
    services = selectors.with_details(selectors.live_services(locale), locale)
    for service in selectors.attach_providers(services, locale):
        data = mapper.service(service, full=True)
        flatten("service", data, rows)
        for link in data["service_at_locations"]:
            flatten("location", link["location"], rows)
    for point in selectors.live_social_points(locale):
        flatten("location", mapper.social_point_location(point), rows)
    for slug in selectors.TAXONOMY_SLUGS:
        flatten("taxonomy", mapper.taxonomy(slug, locale.language_code), rows)
    for slug, term in selectors.taxonomy_terms(locale):
        flatten("taxonomy_term", mapper.taxonomy_term(slug, term), rows)
    return {table: list(rows.get(table, {}).values()) for table in tables()}


def field(column, prop, required):
    """A Table Schema field for one column of the specification."""
    kind = prop.get("datapackage_type") or prop.get("type", "string")
    data = {"name": column, "type": kind}
    if kind == "string" and prop.get("format") in {"uuid", "email", "uri"}:
        data["format"] = prop["format"]
    if kind == "datetime":
        data["format"] = "any"
    if prop.get("title"):
        data["title"] = prop["title"]
    if prop.get("description"):
        data["description"] = prop["description"]
    if column == "id":
        data["constraints"] = {"required": True, "unique": True}
    elif column in required:
        data["constraints"] = {"required": True}
    return data


def descriptor(locale, counts):
    """datapackage.json: one tabular-data-resource per table, with keys between tables."""
    resources = []
    for name, (path, schema, columns, _children) in tables().items():
        required = set(schema.get("required", [])) | set(schema.get("tabular_required", []))
        foreign_keys = [
            {"fields": column, "reference": {"resource": REFERENCES[column], "fields": "id"}}
            for column in columns
            if column in REFERENCES
        ]
        table_schema = {
            "fields": [field(c, schema["properties"][c], required) for c in columns],
            "primaryKey": "id",
            "missingValues": [""],
        }
        if foreign_keys:
            table_schema["foreignKeys"] = foreign_keys
        resources.append(
            {
                "name": name,
                "path": path,
                "title": schema.get("title", name),
                "description": schema.get("description", ""),
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "count": counts[name],
                "schema": table_schema,
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "title": "Rete Welfare: catalogo dei servizi (Open Referral HSDS 3.0)",
        "version": "3.0",
        "language": locale.language_code,
        "created": timezone.now().isoformat(timespec="seconds"),
        "resources": resources,
    }


def cell(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def write_package(directory, locale):
    """Write datapackage.json and every table's CSV into `directory`; return row counts."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    rows = collect(locale)
    for name, (path, _schema, columns, _children) in tables().items():
        with (directory / path).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(columns)
            for row in rows[name]:
                writer.writerow([cell(row[column]) for column in columns])
    counts = {name: len(table_rows) for name, table_rows in rows.items()}
    (directory / "datapackage.json").write_text(
        json.dumps(descriptor(locale, counts), ensure_ascii=False, indent=2) + "\n",
        encoding="utf-8",
    )
    return counts
