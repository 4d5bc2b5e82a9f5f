"""No input makes `factsheet validate` crash: random and mutated YAML, bombs, huge files.

Every run must end with exit 0, 1 or 2 and a one-line summary or diagnostics, never a
traceback and never exit 3 ("internal error", a bug in factsheet).
"""
from __future__ import annotations

import io
import os
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from factsheet.cli import main
from factsheet.validate.rules import FACT_KEYS, SECTION_KEYS, SOURCE_KEYS, TOP_KEYS

ROOT = Path(__file__).parent.parent.parent
EXAMPLE = (ROOT / "specs" / "raqqa-2017.yaml").read_text(encoding="utf-8")
EXAMPLE_LINES = EXAMPLE.splitlines(keepends=True)

# Derandomized so that CI is repeatable; FACTSHEET_FUZZ_RANDOM=1 explores new examples locally.
FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow],
                derandomize=not os.environ.get("FACTSHEET_FUZZ_RANDOM"))


@pytest.fixture(scope="module")
def spec_path():
    """One spec file beside the example's archives, rewritten by every example."""
    with tempfile.TemporaryDirectory() as folder:
        shutil.copytree(ROOT / "specs" / "sources", Path(folder) / "sources")
        yield Path(folder) / "fuzz.yaml"


def validate_bytes(path: Path, data: bytes) -> tuple:
    path.write_bytes(data)
    stdout, stderr = io.StringIO(), io.StringIO()
    code = main(["validate", str(path)], stdout, stderr)
    return code, stdout.getvalue(), stderr.getvalue()


def assert_handled(path: Path, text: str) -> tuple:
    code, out, err = validate_bytes(path, text.encode("utf-8"))
    assert "Traceback" not in out + err
    assert "internal error" not in err, err
    assert code in (0, 1, 2), (code, err)
    return code, out, err


# -- strategies ----------------------------------------------------------------------------

# Text without lone surrogates (a file cannot hold them), weighted towards YAML's own syntax.
from spec_inputs import CHARS, YAML_BITS  # noqa: E402  (shared with test_properties)
RANDOM_TEXT = st.lists(st.one_of(YAML_BITS, st.text(CHARS, max_size=8)), max_size=40).map("".join)

SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=10 ** 15, max_value=10 ** 400),
    st.floats(), st.text(CHARS, max_size=20),
    st.sampled_from(["20000", "2017-02-30", "2017-08-25", "9999-12-31", "0000-01-01", "{trapped-august}",
                     "[voa-2017-08-25]", "{", "]", "sources/voa-2017-08-25.txt", "../x", "/etc/passwd",
                     "sources", "http://x", "ftp://x", "%", "at least", "\ufffd", "twelve", "half"]))
KEYS = st.sampled_from(sorted(set(TOP_KEYS + SOURCE_KEYS + FACT_KEYS + SECTION_KEYS)) + ["bogus"])
TREES = st.recursive(SCALARS, lambda children: st.one_of(
    st.lists(children, max_size=4), st.dictionaries(KEYS, children, max_size=6)), max_leaves=30)
SPEC_TREES = st.fixed_dictionaries({}, optional={key: TREES for key in TOP_KEYS})


@st.composite
def mutated_example(draw) -> str:
    """The example spec with a few lines deleted, duplicated, altered or replaced."""
    lines = list(EXAMPLE_LINES)
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "char", "swap", "insert"]))
        if action == "delete":
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, lines[i])
        elif action == "char" and lines[i].strip():
            j = draw(st.integers(0, len(lines[i]) - 1))
            lines[i] = lines[i][:j] + draw(st.one_of(YAML_BITS, st.text(CHARS, min_size=1, max_size=2))) \
                + lines[i][j + 1:]
        elif action == "swap" and ":" in lines[i]:
            key = lines[i].split(":", 1)[0]
            value = draw(st.sampled_from([
                "[1, 2]", "{a: b}", "", "~", "true", "-1", "1e400", "10" * 250, '"20,000"', "2017-02-30",
                "!!python/object/apply:os.system ['true']", "&x [*x]", "*undefined", "\u0000", "'\ufffd'",
                "|\n  a {b} [c] 12 d", ">-\n  twelve thousand", "'\U0001f600 400%'"]))
            lines[i] = f"{key}: {value}\n"
        elif action == "insert":
            lines.insert(i, draw(st.one_of(YAML_BITS, st.text(CHARS, max_size=20))) + "\n")
        if not lines:
            break
    return "".join(lines)


# -- properties ----------------------------------------------------------------------------------

@FUZZ
@given(text=RANDOM_TEXT)
@example(text="!!python/object/apply:os.system ['echo pwned']")
@example(text="a: &a [*a]")
@example(text="\ufeff")
def test_random_text_never_crashes(spec_path, text):
    assert_handled(spec_path, text)


@FUZZ
@given(text=mutated_example())
def test_mutated_example_never_crashes(spec_path, text):
    assert_handled(spec_path, text)


@FUZZ
@given(tree=SPEC_TREES)
def test_random_spec_shapes_never_crash(spec_path, tree):
    assert_handled(spec_path, yaml.safe_dump(tree, allow_unicode=True))


@FUZZ
@given(data=st.binary(max_size=200))
def test_random_bytes_never_crash(spec_path, data):
    code, out, err = validate_bytes(spec_path, data)
    assert "Traceback" not in out + err and "internal error" not in err
    assert code in (0, 1, 2)


# -- refused quickly, with a clear message ---------------------------------------------------------

BILLION_LAUGHS = "factsheet: 1\n" + "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n" for i in range(1, 10))


def test_alias_bomb_is_refused(spec_path):
    code, out, _ = assert_handled(spec_path, BILLION_LAUGHS)
    assert code == 1
    assert out == (f"{spec_path}:1:1: error: the document expands to more than 50,000 values "
                   "(too large, or an alias bomb): refused\n")


def test_recursive_alias_is_refused(spec_path):
    code, out, _ = assert_handled(spec_path, "factsheet: 1\nsources: &s [*s]\n")
    assert code == 1
    assert out.splitlines()[0].endswith(": refused")


@pytest.mark.parametrize("filler", ["a", "\u00e9", "\u20ac"], ids=["ascii", "2-byte", "3-byte"])
def test_two_megabyte_file_is_refused(spec_path, filler):
    # 1,000,001 bytes are read; a character cut in two there must not look like "not UTF-8"
    text = "title: " + filler * (2_000_000 // len(filler.encode())) + "\n"
    code, out, _ = assert_handled(spec_path, text)
    assert code == 1
    assert out == f"{spec_path}:1:1: error: file is larger than 1,000 kB: refused\n"


def test_deep_nesting_is_refused(spec_path):
    code, out, _ = assert_handled(spec_path, "title: " + "[" * 5000 + "]" * 5000 + "\n")
    assert code == 1
    # at the 50th bracket (the spec's mapping is the first level), in our words: libyaml's
    # own limit (1,000 levels) would say it in its own
    assert out == f"{spec_path}:1:57: error: YAML nesting is too deep (more than 50 levels): refused\n"


def test_deep_block_nesting_is_refused_at_the_level_past_the_limit(spec_path):
    text = "title:\n" + "".join("  " * i + "-\n" for i in range(1, 60))
    code, out, _ = assert_handled(spec_path, text)
    assert code == 1
    assert out.endswith("error: YAML nesting is too deep (more than 50 levels): refused\n")


def test_nesting_at_the_limit_is_not_refused_as_too_deep(spec_path):
    code, out, _ = assert_handled(spec_path, "title: " + "[" * 49 + "]" * 49 + "\n")
    assert "too deep" not in out


@pytest.mark.parametrize("text, expected", [
    ("factsheet: 1\ntitle: a\x00b\n", "2:9: error: character U+0000 is not allowed here "
     "(a control character or a non-character): remove it"),
    ("factsheet: 1\ntitle: caf\u00e9 \x07\n", "2:13: error: character U+0007 is not allowed here "
     "(a control character or a non-character): remove it"),
], ids=["nul", "bell-after-accent"])
def test_forbidden_character_is_reported_where_it_is(spec_path, text, expected):
    code, out, _ = assert_handled(spec_path, text)
    assert code == 1
    assert out == f"{spec_path}:{expected}\n"


# -- regressions: inputs the fuzzers found that once ended in "internal error" ---------------------

SOURCES = "sources:\n  - id: independent-2017-06-06"
REGRESSIONS = [
    ("sources-as-text", SOURCES, SOURCES.replace("sources:", "sources: independent\nx:"),
     "15:10: error: 'sources' must be a list, not text"),
    ("sources-as-mapping", SOURCES, SOURCES.replace("sources:", "sources: {a: 1}\nx:"),
     "15:10: error: 'sources' must be a list, not a mapping"),
    ("source-id-a-list", "  - id: independent-2017-06-06\n", "  - id: [1, 2]\n",
     "16:9: error: source id must be text, not a list"),
    ("subtitle-a-number", "subtitle: Humanitarian fact sheet", "subtitle: 2017",
     "5:11: error: 'subtitle' must be text, not a number"),
    ("value-beyond-float", "    value: 20000\n", "    value: 1" + "0" * 400 + "\n",
     "29:12: error: 'value' is too large (more than 1,000,000,000,000,000)"),
    ("bool-tag-on-word", "    value: 20000\n", "    value: !!bool maybe\n",
     "29:12: error: 'value' must be a number, not 'maybe'"),
    ("int-tag-on-empty", "    value: 20000\n", "    value: !!int ''\n",
     "29:12: error: 'value' must be a number, not ''"),
    ("float-tag-on-empty", "    value: 20000\n", "    value: !!float ''\n",
     "29:12: error: 'value' must be a number, not ''"),
]


@pytest.mark.parametrize("name, old, new, expected", REGRESSIONS, ids=[row[0] for row in REGRESSIONS])
def test_regression_is_a_diagnostic_not_a_crash(spec_path, name, old, new, expected):
    assert EXAMPLE.count(old) == 1
    code, out, _ = assert_handled(spec_path, EXAMPLE.replace(old, new))
    assert code == 1
    assert [line for line in out.splitlines() if ": error: " in line][0] == f"{spec_path}:{expected}"
