"""The HSDS 3.0 JSON schemas shipped in catalogue/hsds/schemas/, as validators for tests.

A failed validation names the JSON path of every offending field, so a broken mapping
says where it broke (e.g. `$.contents[3].cost_options[0].amount`).
"""

import json
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SCHEMAS = Path(__file__).resolve().parents[2] / "catalogue" / "hsds" / "schemas"


@cache
def load(name):
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


@cache
def validator(name):
    """A Draft 2020-12 validator with format checks; relative $refs resolve in SCHEMAS."""
    registry = Registry().with_resources(
        (
            path.name,
            Resource.from_contents(load(path.name), default_specification=DRAFT202012),
        )
        for path in SCHEMAS.glob("*.json")
    )
    return Draft202012Validator(
        load(name), registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def problems(instance, schema_name, where="$"):
    """Every violation of `schema_name` in `instance`, one line each, with its path."""
    lines = []
    for error in validator(schema_name).iter_errors(instance):
        path = where + error.json_path[1:]
        lines.append(f"{path}: {error.message[:200]}")
    return lines


def assert_valid(instance, schema_name, where="$"):
    found = problems(instance, schema_name, where)
    assert not found, f"{where} does not follow HSDS {schema_name}:\n" + "\n".join(found[:20])


def envelope_schema():
    """The specification's paging envelope (components/schemas/Page of openapi.json)."""
    page = load("openapi.json")["components"]["schemas"]["Page"]
    return {
        **page,
        "required": [*page["properties"], "contents"],
        "properties": {**page["properties"], "contents": {"type": "array"}},
    }


def assert_page(data, item_schema, where):
    """A listing: the envelope, then every item against `item_schema`."""
    envelope = Draft202012Validator(envelope_schema())
    found = [f"{where}{e.json_path[1:]}: {e.message}" for e in envelope.iter_errors(data)]
    assert not found, "\n".join(found)
    for index, item in enumerate(data["contents"]):
        assert_valid(item, item_schema, f"{where}.contents[{index}]")
