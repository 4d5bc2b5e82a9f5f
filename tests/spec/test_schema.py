"""The JSON Schema shipped for editors agrees with the validator on the shape of a spec."""
from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from factsheet.validate import rules
from factsheet.spec.starter import write_starter

ROOT = Path(__file__).parent.parent.parent
BROKEN = Path(__file__).parent.parent / "broken"
SCHEMA = json.loads((resources.files("factsheet.spec") / "schema" / "factsheet.schema.json").read_text("utf-8"))
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
    from factsheet.spec.qualifiers import SPEC_WORDS

    assert SCHEMA["properties"]["key_figures"]["maxItems"] == rules.MAX_KEY_FIGURES
    assert SCHEMA["properties"]["factsheet"]["const"] == rules.FORMAT_VERSION
    assert SCHEMA["$defs"]["fact"]["properties"]["qualifier"]["enum"] == list(SPEC_WORDS)


@pytest.mark.parametrize("spec", [ROOT / "specs" / "raqqa-2017.yaml",
                                  *sorted(p for p in (ROOT / "specs" / "examples").glob("*.yaml")
                                          if "." not in p.stem)],   # translations: below
                         ids=lambda p: p.stem)
def test_example_spec_matches_schema(spec):
    assert problems(spec) == []


def test_starter_spec_matches_schema(tmp_path):
    spec, _archive = write_starter("demo", tmp_path)
    assert problems(spec) == []


# (broken spec, the schema keyword that refuses it, where): not jsonschema's wording, which
# changes between its releases
@pytest.mark.parametrize("name, keyword, where", [
    ("unknown-key-typo.yaml", "additionalProperties", "sources/1"),
    ("wrong-type.yaml", "type", "subtitle"),
    ("value-not-a-number.yaml", "type", "facts/0/value"),
    ("bad-slug-id.yaml", "pattern", "sources/1/id"),
    ("bad-date-not-real.yaml", "format", "sources/0/published"),
    ("bad-date-not-iso.yaml", "format", "as_of"),
    ("bad-url.yaml", "pattern", "sources/1/url"),
    ("bad-version.yaml", "const", "factsheet"),
    ("bad-qualifier.yaml", "enum", "facts/2/qualifier"),
    ("missing-required-key.yaml", "required", "facts/1"),
    ("key-figures-none.yaml", "minItems", "key_figures"),
    ("key-figures-too-many.yaml", "maxItems", "key_figures"),
    ("empty-section.yaml", "anyOf", "sections/0"),
    ("archive-absolute-path.yaml", "pattern", "sources/1/archive"),
])
def test_broken_spec_fails_schema(name, keyword, where):
    refusals = {(error.validator, "/".join(map(str, error.absolute_path)))
                for error in VALIDATOR.iter_errors(load(BROKEN / name))}
    assert (keyword, where) in refusals


TRANSLATION_SCHEMA = json.loads((resources.files("factsheet.spec") / "schema" /
                                 "translation.schema.json").read_text("utf-8"))


def test_the_translation_schema_agrees_with_the_validator_and_the_translations():
    from factsheet.spec import translation

    Draft202012Validator.check_schema(TRANSLATION_SCHEMA)
    assert list(TRANSLATION_SCHEMA["properties"]) == list(translation.TRANSLATION_KEYS)
    assert sorted(TRANSLATION_SCHEMA["required"]) == sorted(translation.TRANSLATION_REQUIRED)
    assert TRANSLATION_SCHEMA["properties"]["factsheet-translation"]["const"] == \
        translation.TRANSLATION_VERSION
    checker = Draft202012Validator(TRANSLATION_SCHEMA)
    for path in ("raqqa-2017.fr.yaml", "raqqa-2017.ar.yaml", "examples/chad-appeal-2004.fr.yaml"):
        assert list(checker.iter_errors(load(ROOT / "specs" / path))) == []
    bad = load(ROOT / "specs" / "raqqa-2017.fr.yaml") | {"facts": []}
    assert [e.message for e in checker.iter_errors(bad)] == \
        ["Additional properties are not allowed ('facts' was unexpected)"]
