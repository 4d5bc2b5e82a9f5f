"""Each rule of the spec format, pinned by one broken spec: exit code, line, column and exact text.

Every file in tests/broken/ is BASE (below, valid as written) with ONE thing broken, and a
first line saying what. The row gives the first error `factsheet validate` prints for it.
"""
from __future__ import annotations

import difflib
import io
import json
import shutil
from pathlib import Path

import pytest

from factsheet.cli import main

from spec_inputs import BASE, BROKEN, write_spec  # noqa: F401  (shared with other tests)


UNSOURCED = "has no source: use a {fact} or cite a [source] in the same sentence"

# The YAML parser's own words follow ours as a hint; they change between PyYAML releases,
# so only their presence is checked.
PARSER_SAYS = "the YAML parser says: ..."

# (broken spec, first error as `LINE:COL: error: MESSAGE`, hint line or None)
RULES = [
    # YAML syntax, with the position of the fault; safe loading only
    ("yaml-syntax.yaml",
     "13:4: error: not valid YAML here: check the indentation, quotes and brackets on this line and the one before", PARSER_SAYS),
    ("yaml-colon-in-text.yaml",
     "23:46: error: YAML syntax: the value of 'label' holds a colon followed by a space, which "
     "YAML reads as a new key: put the value in quotes: "
     "label: \"civilians trapped in Raqqa by ISIS: at risk\"", None),
    # an unclosed quote: YAML reads on to the next quote and fails after it, lines later
    ("yaml-unclosed-quote.yaml",
     "39:12: error: this quoted value is not closed: add the closing \" at the end", None),
    ("yaml-tab-indent.yaml",
     "22:1: error: a tab indents this line: YAML indents with spaces only", None),
    ("yaml-duplicate-key.yaml",
     "5:1: error: duplicate key 'title' (first at line 3)", None),
    ("yaml-python-tag.yaml",
     "4:11: error: unsupported YAML tag '!!python/object/apply:os.system': "
     "specs use plain YAML values only", None),
    ("alias-bomb.yaml",
     "2:1: error: the document expands to more than 50,000 values (too large, or an alias bomb): refused",
     None),
    ("empty-file.yaml", "1:1: error: the file is empty", None),
    ("not-a-mapping.yaml", "2:1: error: the spec must be a mapping, not a list", None),
    # types, required fields, unknown keys, ids, dates, URLs
    ("wrong-type.yaml", "4:11: error: 'subtitle' must be text, not a list", None),
    ("value-not-a-number.yaml", "22:12: error: 'value' must be a number, not '20,000'",
     'write the number without thousands separators or %, e.g. value: 20000 and unit: "%"'),
    # a number YAML reads differently from how it was typed: say what YAML read, what to write
    ("value-yaml-point-thousands.yaml",
     "22:12: error: YAML reads value: 20.000 as 20.0 (the point is a decimal point)",
     "for 20,000 write value: 20000; for 20 write value: 20"),
    ("value-yaml-comma-unquoted.yaml",
     "22:12: error: YAML reads value: 20,000 as text, not a number (the separators)",
     "write value: 20000, without separators"),
    ("value-yaml-decimal-comma.yaml",
     "28:12: error: YAML reads value: 400,0 as text, not a number (a decimal comma)",
     "write value: 400.0, with a decimal point"),
    ("bad-version.yaml", "2:12: error: unsupported format version 2: this tool reads factsheet: 1", None),
    ("missing-required-key.yaml", "27:5: error: a fact is missing required key 'quote'", None),
    ("unknown-key-typo.yaml", "15:5: error: unknown key 'publsher' in a source",
     "did you mean 'publisher'?"),
    ("bad-slug-id.yaml",
     "13:9: error: source id 'VOA News' is not a valid id: use lowercase letters, digits, - and _", None),
    ("duplicate-fact-id.yaml", "33:9: error: duplicate fact id 'casualty-increase'", None),
    ("bad-qualifier.yaml",
     "36:16: error: unknown qualifier 'roughly': use one of at least, more than, over, up to, less than, fewer than, under, nearly, almost, about, around, approximately",
     "'roughly' means about: write qualifier: about"),
    # the quote's own qualifier must support the fact's (README, "Qualifiers")
    ("qualifier-against-quote.yaml",
     "36:16: error: fact 'expected-to-flee' states at least 50%, which its quote does not",
     "the quote says 'Up to half', an upper bound; 'at least' states a lower bound: give qualifier: up to"),
    ("qualifier-missing-bound.yaml",
     "34:12: error: fact 'expected-to-flee' states 50%, which its quote does not",
     "the quote says 'Up to half', an upper bound, not an exact figure: give qualifier: up to"),
    ("draft-fact.yaml",
     "22:12: error: draft fact 'trapped': check the label and figure, then remove `draft: true`", None),
    ("bad-date-not-real.yaml",
     "11:16: error: 'published' 2017-02-30 is not a real date (day is out of range for month)", None),
    ("bad-date-not-iso.yaml",
     "5:8: error: 'as_of' must be an ISO date (YYYY-MM-DD), not '25/08/2017'", None),
    ("bad-url.yaml",
     "16:10: error: 'url' must be an http:// or https:// address, not 'ftp://www.voanews.com/'", None),
    ("empty-section.yaml", "44:5: error: a section needs 'text', 'bullets' or both", None),
    # every {fact}, [source] and key figure resolves; 1 to 6 key figures
    ("unknown-fact-reference.yaml", "47:7: error: unknown fact 'traped'", "did you mean 'trapped'?"),
    ("unknown-source-citation.yaml",
     "51:71: error: unknown source 'vao'; write [[ and ]] for literal brackets", "did you mean 'voa'?"),
    ("unknown-fact-source.yaml", "25:13: error: unknown source 'voa-news'", None),
    ("unknown-key-figure.yaml", "41:43: error: unknown fact 'expected-to-fle'",
     "did you mean 'expected-to-flee'?"),
    ("key-figures-none.yaml", "41:14: error: 'key_figures' lists 0 facts: give 1 to 6", None),
    ("key-figures-too-many.yaml", "41:14: error: 'key_figures' lists 7 facts: give 1 to 6", None),
    ("stray-brace.yaml",
     "47:52: error: stray '}': write '}}' for a literal '}', or use {fact-id} and [source-id] "
     "for references", None),
    # every figure is a {fact} or stands in a cited sentence; label numbers are in the quote
    ("unsourced-figure-text.yaml", f"47:59: error: figure '300' {UNSOURCED}", None),
    ("unsourced-figure-words.yaml", f"50:68: error: figure 'a third' {UNSOURCED}", None),
    ("unsourced-figure-title.yaml", f"3:16: error: figure '20,000' {UNSOURCED}", None),
    ("unsourced-figure-heading.yaml", f"44:27: error: figure 'twelve' {UNSOURCED}", None),
    ("unsourced-figure-beside-fact.yaml", f"49:81: error: figure '3.5' {UNSOURCED}", None),
    ("label-figure-not-in-quote.yaml",
     "23:50: error: '12' in the label of fact 'trapped' is not in its quote", None),
    # archives: exist, are text, lie inside the spec's folder
    ("archive-missing.yaml", "18:14: error: archive file not found: sources/voa-2017-08-26.txt", None),
    ("archive-escapes-folder.yaml",
     "18:14: error: archive lies outside the spec's folder (.. or a symlink out): "
     "../../specs/sources/voa-2017-08-25.txt", None),
    ("archive-absolute-path.yaml",
     "18:14: error: archive path must be relative to the spec's folder: /etc/hostname", None),
    ("archive-not-text.yaml",
     "18:14: error: archive is not text (binary data): archive the article as plain text: "
     "sources/voa-2017-08-25.pdf", None),
    ("archive-is-a-folder.yaml", "18:14: error: archive is not a regular file: sources", None),
    # the quote is in the archive; the value is in the quote
    ("quote-one-word-off.yaml",
     "26:12: error: quote of fact 'trapped' is not in the archived text of 'voa'",
     'closest passage in sources/voa-2017-08-25.txt: '
     '"saying that 20,000 civilians trapped by [ISIS] were at risk from airstrikes,"'),
    ("quote-one-digit-off.yaml",
     "26:12: error: quote of fact 'trapped' is not in the archived text of 'voa'",
     'closest passage in sources/voa-2017-08-25.txt: '
     '"saying that [20,000] civilians trapped by ISIS were at risk from airstrikes,"'),
    ("value-not-in-quote.yaml",
     "22:12: error: value 2,000 of fact 'trapped' is not stated in its quote",
     "the quote states '20,000'"),
    ("value-percent-unit-missing.yaml",
     "28:12: error: value 400 of fact 'casualty-increase' is not stated in its quote",
     "the quote states '400 per cent', a percentage: add unit: \"%\""),
    # dates: not after the source, not in the future
    ("fact-date-after-source.yaml",
     "24:11: error: fact 'trapped' is dated 2017-08-26, after its source 'voa' was published (2017-08-25)",
     None),
    ("source-published-in-future.yaml",
     "17:16: error: source 'voa' is published in the future (2999-08-25)", None),
    ("as-of-in-future.yaml", "5:8: error: 'as_of' 2999-08-25 is in the future", None),
]

# Broken specs that are not BASE with one change: whole documents of their own, and a
# misquoted figure, whose value is changed with its quote so that only the quote is wrong.
OWN_DOCUMENTS = {"alias-bomb.yaml", "empty-file.yaml", "not-a-mapping.yaml"}
TWO_CHANGES = {"quote-one-digit-off.yaml"}


def validate(*argv) -> tuple:
    stdout, stderr = io.StringIO(), io.StringIO()
    code = main(["validate", *map(str, argv)], stdout, stderr)
    return code, stdout.getvalue(), stderr.getvalue()





def changed(old: str, new: str, text: str = BASE) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


@pytest.mark.parametrize("name, expected, hint", RULES, ids=[row[0] for row in RULES])
def test_broken_spec_reports_its_rule(name, expected, hint):
    path = BROKEN / name
    code, out, err = validate(path)
    lines = out.splitlines()
    errors = [line for line in lines if ": error: " in line]
    assert code == 1, out + err
    assert errors[0] == f"{path}:{expected}"
    after = lines[lines.index(errors[0]) + 1:] + [""]
    if hint == PARSER_SAYS:
        assert after[0].startswith("  the YAML parser says: ")
    elif hint:
        assert after[0] == "  " + hint
    else:
        assert not after[0].startswith("  ")  # no hint line


def test_every_broken_spec_has_a_rule_row():
    assert sorted(p.name for p in BROKEN.glob("*.yaml")) == sorted(row[0] for row in RULES)
    assert len(RULES) >= 24


@pytest.mark.parametrize("name", sorted(row[0] for row in RULES if row[0] not in OWN_DOCUMENTS))
def test_broken_spec_breaks_one_thing(name):
    ours = (BROKEN / name).read_text(encoding="utf-8").splitlines()
    base = BASE.splitlines()
    assert ours[0].startswith("# Broken spec: ")
    hunks = [op for op in difflib.SequenceMatcher(None, base[1:], ours[1:]).get_opcodes()
             if op[0] != "equal"]
    assert len(hunks) == (2 if name in TWO_CHANGES else 1)


def test_base_spec_is_valid_without_warnings(tmp_path):
    path = write_spec(tmp_path, BASE)
    assert validate("--strict", "--max-age", "100000", path) == (
        0, "", "1 of 1 spec(s) valid, 0 error(s), 0 warning(s)\n")


def test_symlinked_archive_pointing_outside_the_folder_is_refused(tmp_path):
    spec_dir = tmp_path / "spec"
    path = write_spec(spec_dir, BASE)
    (spec_dir / "sources" / "voa-2017-08-25.txt").unlink()
    (spec_dir / "sources" / "voa-2017-08-25.txt").symlink_to(BROKEN / "sources" / "voa-2017-08-25.txt")
    code, out, _ = validate(path)
    assert code == 1
    assert f"{path}:18:14: error: archive lies outside the spec's folder (.. or a symlink out): " \
           "sources/voa-2017-08-25.txt" in out.splitlines()


def test_symlinked_archive_inside_the_folder_is_accepted(tmp_path):
    path = write_spec(tmp_path, BASE)
    (tmp_path / "sources" / "voa-2017-08-25.txt").rename(tmp_path / "voa.txt")
    (tmp_path / "sources" / "voa-2017-08-25.txt").symlink_to(tmp_path / "voa.txt")
    assert validate("--max-age", "100000", path)[0] == 0


def test_quote_across_the_mojibake_in_the_archive_is_found(tmp_path):
    # the VOA archive has "they don\ufffd": a curly apostrophe lost in decoding
    spec = changed('    quote: "saying that 20,000 civilians trapped by ISIS were at risk from airstrikes"\n',
                   '    quote: "saying that 20,000 civilians trapped by ISIS were at risk from airstrikes"\n'
                   '  - id: cannot-leave\n    value: 20000\n    label: civilians who cannot leave\n'
                   '    source: voa\n'
                   '    quote: "because they\u2019ve been trapped by ISIS fighters or because they '
                   'don\u2019"\n')
    path = write_spec(tmp_path, spec)
    code, out, _ = validate("--max-age", "100000", path)
    # the value is not in this quote: the only error, so the quote itself was found
    assert code == 1
    assert [line for line in out.splitlines() if ": error: " in line] == [
        f"{path}:28:12: error: value 20,000 of fact 'cannot-leave' is not stated in its quote"]
    assert "is not in the archived text" not in out


# -- warnings: exit 0 with the warning; --strict makes them errors ------------------------------

UNUSED_FACT = changed(
    '    quote: "Up to half of Raqqa\'s population is expected to flee the fighting"\n',
    '    quote: "Up to half of Raqqa\'s population is expected to flee the fighting"\n'
    '  - id: human-shields\n    value: 220000\n    label: civilians at risk of being used as human shields\n'
    '    source: independent\n'
    '    quote: "Isis are more likely than ever to use Raqqa\'s 220,000 civilians as human shields"\n')
UNUSED_SOURCE = changed(
    "    archive: sources/voa-2017-08-25.txt\n",
    "    archive: sources/voa-2017-08-25.txt\n"
    "  - id: voa-again\n    title: Raqqa\n    publisher: VOA News\n    published: 2017-08-25\n"
    "    archive: sources/voa-2017-08-25.txt\n")
CONFLICT = changed(
    "key_figures: [trapped, casualty-increase, expected-to-flee]",
    "key_figures: [trapped, casualty-increase, expected-to-flee, human-shields]",
    changed("label: civilians at risk of being used as human shields",
            "label: civilians trapped in Raqqa by ISIS", UNUSED_FACT))

# words of a bound just before a {fact}: twice with the fact's own qualifier, or one it lacks
QUALIFIER_TWICE = changed('      - "{expected-to-flee} of the population is expected to flee."\n',
                          '      - "Up to {expected-to-flee} of the population is expected to flee."\n')
BOUND_NOT_IN_FACT = changed("      {trapped} civilians remained", "      an estimated {trapped} civilians remained")

WARNINGS = [
    ("unused-fact", UNUSED_FACT,
     "40:9: warning: fact 'human-shields' is not used on the sheet (not a key figure, never referenced)"),
    ("unused-source", UNUSED_SOURCE, "19:9: warning: source 'voa-again' is never cited"),
    ("conflicting-facts", CONFLICT,
     "42:12: warning: facts 'trapped' and 'human-shields' have the same label but different values "
     "(20,000 and 220,000): add a note: that explains it"),
    ("qualifier-twice", QUALIFIER_TWICE,
     "50:16: warning: the qualifier would be printed twice: 'Up to up to 50%'\n"
     "  {expected-to-flee} prints 'up to 50%' by itself: delete 'Up to' before it"),
    ("bound-not-in-fact", BOUND_NOT_IN_FACT,
     "47:20: warning: the text says 'an estimated 20,000', a bound fact 'trapped' does not state\n"
     "  give the fact qualifier: about if its quote says so, or delete 'an estimated' before {trapped}"),
]


@pytest.mark.parametrize("name, spec, expected", WARNINGS, ids=[row[0] for row in WARNINGS])
def test_warning_leaves_the_spec_valid(tmp_path, name, spec, expected):
    path = write_spec(tmp_path, spec)
    code, out, err = validate("--max-age", "100000", path)
    assert code == 0
    assert out.splitlines() == f"{path}:{expected}".splitlines()
    assert err == "1 of 1 spec(s) valid, 0 error(s), 1 warning(s)\n"


@pytest.mark.parametrize("name, spec, expected", WARNINGS, ids=[row[0] for row in WARNINGS])
def test_strict_turns_the_warning_into_an_error(tmp_path, name, spec, expected):
    path = write_spec(tmp_path, spec)
    code, out, err = validate("--strict", "--max-age", "100000", path)
    assert code == 1
    assert out.splitlines() == f"{path}:{expected.replace(': warning: ', ': error: ')}".splitlines()
    assert err == "0 of 1 spec(s) valid, 1 error(s), 0 warning(s)\n"


@pytest.mark.parametrize("words", ["an estimated", "An estimated", "at least", "more than", "about",
                                   "around", "nearly", "up to", "some", "approximately", "over",
                                   "under", "almost", "less than", "fewer than"])
def test_a_qualifier_before_a_qualified_fact_would_be_printed_twice(tmp_path, words):
    spec = changed('      - "{expected-to-flee} of the population is expected to flee."\n',
                   f'      - "{words} {{expected-to-flee}} of the population is expected to flee."\n')
    code, out, _ = validate("--max-age", "100000", write_spec(tmp_path, spec))
    assert code == 0
    assert out.splitlines()[1:] == [
        f"  {{expected-to-flee}} prints 'up to 50%' by itself: delete '{words}' before it"]
    assert out.splitlines()[0].endswith(
        f":50:{len(words) + 11}: warning: the qualifier would be printed twice: '{words} up to 50%'")


def test_a_bound_stronger_than_an_exact_fact_is_an_error(tmp_path):
    # 'more than 20,000' is not what an exact 20,000 says; 'at least 20,000' would follow from it
    spec = changed("      {trapped} civilians remained", "      more than {trapped} civilians remained")
    path = write_spec(tmp_path, spec)
    code, out, _ = validate("--max-age", "100000", path)
    assert code == 1
    assert out.splitlines() == [
        f"{path}:47:17: error: the text says 'more than 20,000', a bound fact 'trapped' does not state",
        "  give the fact qualifier: more than if its quote says so, or delete 'more than' before {trapped}"]


def test_words_that_are_no_bound_before_a_fact_are_left_alone(tmp_path):
    spec = changed("      {trapped} civilians remained", "      the {trapped} civilians remained")
    assert validate("--strict", "--max-age", "100000", write_spec(tmp_path, spec))[0] == 0


def test_stale_spec_warns_with_max_age(tmp_path):
    path = write_spec(tmp_path, BASE)
    code, out, _ = validate("--max-age", "30", path)
    assert code == 0
    assert out.splitlines()[0].startswith(f"{path}:5:8: warning: 'as_of' 2017-08-25 is ")
    assert out.splitlines()[0].endswith(" days old (more than 30): check the figures are still current")


# -- --format json: the same diagnostics as data ---------------------------------------------------

def test_json_format_gives_each_diagnostic_as_data():
    path = BROKEN / "unknown-key-typo.yaml"
    code, out, err = validate("--format", "json", "--max-age", "100000", path)
    assert code == 1
    assert err == ""
    assert json.loads(out) == [{
        "severity": "error", "file": str(path), "line": 15, "col": 5, "code": "unknown-key",
        "message": "unknown key 'publsher' in a source", "hint": "did you mean 'publisher'?"}]


def test_json_format_with_strict_reports_warnings_as_errors(tmp_path):
    path = write_spec(tmp_path, UNUSED_SOURCE)
    code, out, _ = validate("--format", "json", "--strict", "--max-age", "100000", path)
    assert code == 1
    assert [(d["severity"], d["code"], d["line"], d["col"]) for d in json.loads(out)] == [
        ("error", "unused-source", 19, 9)]


def test_json_format_of_a_valid_spec_is_an_empty_list(tmp_path):
    path = write_spec(tmp_path, BASE)
    assert validate("--format", "json", "--max-age", "100000", path)[:2] == (0, "[]\n")


# -- positions: a figure is pointed at in every YAML style of text ------------------------------

TEXT = ("    text: |\n      The assault on Raqqa began on 5 June 2017 [independent]. By late August,\n"
        "      {trapped} civilians remained trapped by ISIS.\n")


@pytest.mark.parametrize("snippet, expected", [
    ("    text: |\n      The assault began [independent].\n\n      Since then 300 fled.\n", "48:18"),
    ("    text: >\n      The assault began [independent].\n      Since then 300 fled.\n", "47:18"),
    ("    text: >-\n      Since then 300 fled.\n", "46:18"),
    ("    text: The assault began [independent].\n      Since then 300 fled.\n", "46:18"),
    ("    text: The assault began [independent].\n\n      Since then 300 fled.\n", "47:18"),
    ("    text: 'It''s said that 300 fled.'\n", "45:28"),
    ('    text: "A \\"deadly\\" caf\\u00e9: 300 fled."\n', "45:36"),
], ids=["literal", "folded", "folded-one-line", "plain", "plain-paragraphs", "single-quoted",
        "double-quoted-escapes"])
def test_figure_is_pointed_at_in_every_yaml_style(tmp_path, snippet, expected):
    path = write_spec(tmp_path, changed(TEXT, snippet))
    code, out, _ = validate(path)
    assert code == 1
    [error] = [line for line in out.splitlines() if ": error: " in line]
    assert error == f"{path}:{expected}: error: figure '300' {UNSOURCED}"
    line, col = map(int, expected.split(":"))
    assert path.read_text(encoding="utf-8").splitlines()[line - 1][col - 1:].startswith("300")


# -- a value YAML reads differently from how it was typed (issue 11, item 5) ----------------------
@pytest.mark.parametrize("typed, message, hint", [
    ("1.200.000", "YAML reads value: 1.200.000 as text (points between thousands)",
     "for 1,200,000 write value: 1200000"),
    ("20 000", "YAML reads value: 20 000 as text, not a number (the separators)",
     "write value: 20000, without separators"),
    ("20,000.5", "YAML reads value: 20,000.5 as text, not a number (the separators)",
     "write value: 20000.5, without separators"),
    ("45%", "YAML reads value: 45% as text, not a number (the % sign)", 'write value: 45 and unit: "%"'),
    ('"20000"', 'YAML reads value: "20000" as text, not a number', "write value: 20000, without quotes"),
    ("020000", "YAML reads value: 020000 as 8192 (a leading zero makes it octal)",
     "write value: 20000, without the leading zero"),
    ("2:00", "YAML reads value: 2:00 as 120 (numbers with colons are base 60)",
     "write the number the quote states, in digits only"),
], ids=["points", "spaces", "commas-and-decimals", "percent", "quoted", "octal", "base-60"])
def test_a_value_yaml_reads_otherwise_says_what_it_read_and_what_to_write(tmp_path, typed, message, hint):
    path = write_spec(tmp_path, changed("    value: 20000\n", f"    value: {typed}\n"))
    code, out, _ = validate(path)
    lines = out.splitlines()
    [error] = [line for line in lines if ": error: " in line]
    assert code == 1
    assert error == f"{path}:22:12: error: {message}"
    assert lines[lines.index(error) + 1] == f"  {hint}"
