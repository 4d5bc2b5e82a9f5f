"""The JSON Schema shipped for editors agrees with the validator on the shape of a spec."""
from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from factsheet import validate as rules
from factsheet.starter import write_starter

ROOT = Path(__file__).parent.parent
BROKEN = Path(__file__).parent / "broken"
SCHEMA = json.loads((resources.files("factsheet") / "schema" / "factsheet.schema.json").read_text("utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)


class _DatesAsText(yaml.SafeLoader):
    """Dates stay strings, as in JSON and in editors' YAML language servers."""


_DatesAsText.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def load(path: Path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_DatesAsText)


def problems(path: Path) -> list:
    return sorted(error.message for error in VALIDATOR.iter_errors(load(path)))


def test_schema_is_valid_draft_2020_12():
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("table, keys, required", [
    ("the spec", rules.TOP_KEYS, rules.TOP_REQUIRED),
    ("source", rules.SOURCE_KEYS, rules.SOURCE_REQUIRED),
    ("fact", rules.FACT_KEYS, rules.FACT_REQUIRED),
    ("section", rules.SECTION_KEYS, ("heading",)),
])
def test_schema_keys_match_the_validator(table, keys, required):
    node = SCHEMA if table == "the spec" else SCHEMA["$defs"][table]
    assert list(node["properties"]) == list(keys)
    assert sorted(node["required"]) == sorted(required)
    assert node["additionalProperties"] is False


def test_schema_limits_match_the_validator():
    from factsheet.model import QUALIFIERS

    assert SCHEMA["properties"]["key_figures"]["maxItems"] == rules.MAX_KEY_FIGURES
    assert SCHEMA["properties"]["factsheet"]["const"] == rules.FORMAT_VERSION
    assert SCHEMA["$defs"]["fact"]["properties"]["qualifier"]["enum"] == list(QUALIFIERS)


def test_example_spec_matches_schema():
    assert problems(ROOT / "specs" / "raqqa-2017.yaml") == []


def test_starter_spec_matches_schema(tmp_path):
    spec, _archive = write_starter("demo", tmp_path)
    assert problems(spec) == []


@pytest.mark.parametrize("name, message", [
    ("unknown-key-typo.yaml", "Additional properties are not allowed ('publsher' was unexpected)"),
    ("wrong-type.yaml", "['Humanitarian', 'fact sheet'] is not of type 'string'"),
    ("value-not-a-number.yaml", "'20,000' is not of type 'number'"),
    ("bad-slug-id.yaml", "'VOA News' does not match '^[a-z0-9][a-z0-9_-]*$'"),
    ("bad-date-not-real.yaml", "'2017-02-30' is not a 'date'"),
    ("bad-date-not-iso.yaml", "'25/08/2017' is not a 'date'"),
    ("bad-url.yaml", "'ftp://www.voanews.com/' does not match '^https?://[^\\\\s/]+\\\\S*$'"),
    ("bad-version.yaml", "1 was expected"),
    ("bad-qualifier.yaml", "'roughly' is not one of ['at least', 'more than', 'over', 'up to', 'less than', 'fewer than', 'under', 'nearly', 'almost', 'about', 'around', 'approximately']"),
    ("missing-required-key.yaml", "'quote' is a required property"),
    ("key-figures-none.yaml", "[] should be non-empty"),
    ("key-figures-too-many.yaml",
     "['trapped', 'casualty-increase', 'expected-to-flee', 'a', 'b', 'c', 'd'] is too long"),
    ("empty-section.yaml", "{'heading': 'Background'} is not valid under any of the given schemas"),
    ("archive-absolute-path.yaml", "'/etc/hostname' does not match '^(?![/\\\\\\\\])(?![A-Za-z]:)\\\\S'"),
])
def test_broken_spec_fails_schema(name, message):
    assert message in problems(BROKEN / name)
