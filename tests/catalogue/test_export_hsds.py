"""`manage.py export_hsds PATH`: the demo catalogue as an HSDS tabular data package."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command
from frictionless import Package
from jsonschema import Draft202012Validator

from catalogue.hsds.tabular import REFERENCES
from tests.catalogue.hsds_schemas import load


@pytest.fixture
def package(demo, tmp_path):
    """The exported package: its folder and the command's output."""
    out = io.StringIO()
    call_command("export_hsds", str(tmp_path / "hsds"), stdout=out)
    return tmp_path / "hsds", out.getvalue()


def spec_tables():
    """(name, file, scalar columns, item schema) of compiled/tabular.json, in its order."""
    tables = load("compiled/tabular.json")["properties"]
    ordered = sorted(tables.items(), key=lambda kv: kv[1]["items"]["datapackage_metadata"]["order"])
    for name, table in ordered:
        schema = table["items"]
        columns = [c for c, prop in schema["properties"].items() if prop.get("type") != "array"]
        yield name, schema["path"], columns, schema


def read(folder, path):
    with (folder / path).open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        return header, [dict(zip(header, row, strict=True)) for row in reader]


def typed(row, schema):
    """A CSV row back as a JSON object: empty cells left out, numbers as numbers."""
    data = {}
    for column, value in row.items():
        if value == "":
            continue
        kind = schema["properties"][column].get("type")
        data[column] = float(value) if kind == "number" else value
    return data


def test_every_table_of_the_specification_is_written_with_its_headers(package, demo):
    folder, output = package
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))

    expected = list(spec_tables())
    assert [(r["name"], r["path"]) for r in descriptor["resources"]] == [
        (name, path) for name, path, _c, _s in expected
    ]
    for name, path, columns, _schema in expected:
        header, _rows = read(folder, path)
        assert header == columns, name
        resource = next(r for r in descriptor["resources"] if r["name"] == name)
        assert [field["name"] for field in resource["schema"]["fields"]] == columns
    assert f"{len(demo['services'])} servizi, {len(demo['providers'])} enti" in output


def test_rows_follow_the_table_schemas_and_reference_each_other_by_id(package, demo):
    folder, _output = package
    rows, problems = {}, []
    for name, path, _columns, schema in spec_tables():
        _header, rows[name] = read(folder, path)
        required = set(schema.get("required", [])) | set(schema.get("tabular_required", []))
        check = {**schema, "required": sorted(required & set(schema["properties"]))}
        validator = Draft202012Validator(check, format_checker=Draft202012Validator.FORMAT_CHECKER)
        for number, row in enumerate(rows[name], start=2):
            for error in validator.iter_errors(typed(row, schema)):
                problems.append(f"{path}:{number} {error.json_path}: {error.message}")
    assert not problems, "\n".join(problems[:20])

    ids = {name: {row["id"] for row in table} for name, table in rows.items()}
    for name, table in rows.items():
        for row in table:
            for column, target in REFERENCES.items():
                if row.get(column):
                    assert row[column] in ids[target], f"{name}.{column} → {target}"
    services = ids["service"]
    assert all(row["link_id"] in services for row in rows["attribute"])
    assert len(services) == len(demo["services"])
    assert len(ids["organization"]) == len(demo["providers"])
    for table in ("service_at_location", "location", "schedule", "cost_option", "taxonomy_term"):
        assert rows[table], table


def test_an_open_data_tool_validates_the_package(package, demo):
    folder, _output = package
    report = Package(str(folder / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:20]


def test_an_unknown_language_is_refused_with_the_available_ones(demo, tmp_path):
    with pytest.raises(CommandError, match=r"Lingue disponibili: ([a-z]+, )*it\b"):
        call_command("export_hsds", str(tmp_path), locale="fr")
