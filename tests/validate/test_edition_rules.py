"""The public edition's rules: what rests only on a confidential source is refused, word for word."""
from __future__ import annotations

import pytest

from factsheet import check_spec
from factsheet.cli import main
from factsheet.diagnostics import UsageError
from factsheet.sheet.dump import dump_sheet
from factsheet.validate.edition import without_cites

from fixture_specs import copy_spec, spec_variant
from pathlib import Path

CONFIDENTIAL = Path(__file__).resolve().parent.parent / "fixtures" / "confidential.yaml"
EPP = "epp-assessment-2017-08"


def variant(folder, *edits):
    return spec_variant(folder, *edits, spec=CONFIDENTIAL, name="sheet")


def errors(spec, edition="public") -> list:
    sheet, diagnostics = check_spec(spec, edition=edition)
    found = [f"{d.line}:{d.col}: {d.message}" for d in diagnostics if d.is_error]
    assert (sheet is None) == bool(found)
    return found


def test_the_fixture_is_valid_in_both_editions():
    assert errors(CONFIDENTIAL, "internal") == errors(CONFIDENTIAL, "public") == []


def test_the_public_sheet_has_no_confidential_source_and_renumbers_the_others():
    internal, _ = check_spec(CONFIDENTIAL)
    public, _ = check_spec(CONFIDENTIAL, edition="public")
    assert (internal.edition, public.edition) == ("internal", "public")
    assert [s.id for s in internal.sources] == [EPP, "voa-2017-08-25"]
    assert [s.id for s in public.sources] == ["voa-2017-08-25"]
    assert [(r.number, r.source.id) for r in public.references] == [(1, "voa-2017-08-25")]
    # the fact with another source keeps it alone; the unused one resting on EPP only is left out
    assert [(f.id, f.sources) for f in public.facts] == [("trapped-august", ("voa-2017-08-25",))]
    assert public.key_figures[0].cite == "1"
    # the bullet citing both keeps its figure, now found in the public source
    assert [(c.text, c.source) for c in public.cited_figures] == [("Thousands", "voa-2017-08-25")]
    assert [(c.text, c.source) for c in internal.cited_figures] == [("Thousands", EPP)]
    dump = dump_sheet(public)
    assert "- **Thousands** of civilians are trapped under fire from all sides^[1]." in dump
    assert "Euphrates Protection Partners" not in dump and EPP not in dump


def test_a_fact_resting_only_on_a_confidential_source_is_refused_where_it_is_printed(tmp_path):
    spec = variant(tmp_path, ("key_figures: [trapped-august]", "key_figures: [trapped-august, boats-hit]"))
    assert errors(spec, "internal") == []
    assert errors(spec) == [f"35:13: fact 'boats-hit' rests only on confidential source '{EPP}': "
                            "the public edition cannot print it"]
    _sheet, diagnostics = check_spec(spec, edition="public")
    assert diagnostics.errors[0].hint == ("printed at line 38: give it a public source that states "
                                          "it, or take it off the sheet")


def test_a_sentence_citing_only_a_confidential_source_is_refused_at_its_citation(tmp_path):
    spec = variant(tmp_path, ('      - "Agencies ask', '      - "Boats are being hit [epp-assessment-2017-08]."\n'
                                                     '      - "Agencies ask'))
    assert errors(spec) == [f"48:30: this sentence cites only confidential source '{EPP}': the "
                            "public edition cannot print it"]


def test_a_figure_only_a_confidential_source_states_is_refused_though_a_public_one_is_cited(tmp_path):
    spec = variant(tmp_path, ('      - "Agencies ask', '      - "Informants counted 37 boats hit '
                                                     '[epp-assessment-2017-08] [voa-2017-08-25]."\n'
                                                     '      - "Agencies ask'))
    assert errors(spec, "internal") == []
    _sheet, diagnostics = check_spec(spec, edition="public")
    error, = diagnostics.errors
    assert (error.line, error.col, error.message) == (
        48, 29, "figure '37' is not in the archived text of 'voa-2017-08-25', which its sentence cites")
    assert error.hint.endswith(f"it is in confidential source '{EPP}', which the public edition "
                               "leaves out: cite a public source that states it")


def test_a_quote_found_only_in_the_confidential_archive_is_refused(tmp_path):
    spec = variant(tmp_path, ("    source: epp-assessment-2017-08\n    quote: \"37",
                              "    source: [epp-assessment-2017-08, voa-2017-08-25]\n    quote: \"37"),
                   ("key_figures: [trapped-august]", "key_figures: [trapped-august, boats-hit]"))
    assert errors(spec) == [f"36:12: quote of fact 'boats-hit' is only in the archived text of "
                            f"confidential source '{EPP}', which the public edition leaves out"]


def test_a_label_citing_only_a_confidential_source_is_refused(tmp_path):
    spec = variant(tmp_path, ("label: civilians trapped in Raqqa by ISIS, at risk from airstrikes and shelling",
                              "label: civilians trapped in Raqqa by ISIS [epp-assessment-2017-08]"))
    assert errors(spec) == [f"28:47: this sentence cites only confidential source '{EPP}': the "
                            "public edition cannot print it"]


def test_confidential_must_be_true_or_false(tmp_path):
    spec = variant(tmp_path, ("    confidential: true", "    confidential: \"yes\""))
    assert errors(spec, "internal") == ["17:19: 'confidential' must be true/false, not text"]


def test_an_unknown_edition_is_a_usage_error():
    with pytest.raises(UsageError, match="unknown edition 'draft': use internal or public"):
        check_spec(CONFIDENTIAL, edition="draft")


def test_without_cites_drops_only_the_hidden_citations():
    assert without_cites("killed [a] [b].", {"a"}) == "killed [b]."
    assert without_cites("killed [a].", {"a"}) == "killed."
    assert without_cites("{x} [[a]] [a]", {"a"}) == "{x} [[a]]"


def test_validate_and_dump_take_the_edition(tmp_path, monkeypatch, capsys):
    copy_spec(tmp_path, CONFIDENTIAL)
    monkeypatch.chdir(tmp_path)
    spec = variant(tmp_path, ("key_figures: [trapped-august]", "key_figures: [trapped-august, boats-hit]"))
    assert main(["validate", spec.name, "--max-age", "100000"]) == 0
    assert main(["validate", spec.name, "--max-age", "100000", "--edition", "public"]) == 1
    err = capsys.readouterr()
    assert err.out.splitlines()[0] == (f"sheet.yaml:35:13: error: fact 'boats-hit' rests only on "
                                       f"confidential source '{EPP}': the public edition cannot print it")
    assert main(["dump", "confidential.yaml", "--edition", "public"]) == 0
    assert "edition: public" in capsys.readouterr().out


def test_the_readme_s_refused_spec_is_the_fixture_with_one_more_key_figure():
    fixture = CONFIDENTIAL.read_text(encoding="utf-8").splitlines()
    refused = (CONFIDENTIAL.parent / "confidential-key-figure.yaml").read_text(encoding="utf-8").splitlines()
    changed = [(a, b) for a, b in zip(fixture, refused) if a != b and not a.startswith("#")]
    assert len(fixture) == len(refused)
    assert changed == [("key_figures: [trapped-august]", "key_figures: [trapped-august, boats-hit]")]


@pytest.mark.parametrize("edit, at, name, what", [
    (("organisation: Humanitarian Information Unit",
      "organisation: Humanitarian Information Unit\nkeywords: [Raqqa, euphrates protection partners]"),
     "9:19", "euphrates protection partners", "publisher"),
    (("called for a humanitarian pause", "called for a humanitarian pause, as Rapid protection "
      "assessment: Raqqa city, August 2017 (partners only) urged"),
     "44:88", "Rapid protection assessment: Raqqa city, August 2017 (partners only)", "title"),
    (("    date: 2017-08-24\n", "    date: 2017-08-24\n    note: as in EPP-Assessment-2017-08\n"),
     "30:17", "EPP-Assessment-2017-08", "id"),
], ids=["publisher-in-keywords", "title-in-text", "id-in-note"])
def test_the_spec_s_own_words_must_not_name_a_confidential_source(tmp_path, edit, at, name, what):
    spec = variant(tmp_path, edit)
    assert errors(spec, "internal") == []
    assert errors(spec) == [f"{at}: '{name}' is the {what} of confidential source '{EPP}': the "
                            "public edition cannot print it"]


def test_words_of_a_fact_left_out_and_a_shared_publisher_are_not_names(tmp_path):
    spec = variant(tmp_path, ("    quote: \"37 boats", "    attribution: Euphrates Protection Partners\n"
                                                       "    quote: \"37 boats"))
    assert errors(spec) == []
    shared = variant(tmp_path / "shared", ("publisher: VOA News", "publisher: Euphrates Protection Partners"),
                     ("subtitle: Humanitarian fact sheet", "subtitle: Euphrates Protection Partners"))
    assert errors(shared) == []
    # an organisation's own confidential assessment: its name is on the sheet anyway
    own = variant(tmp_path / "own", ("organisation: Humanitarian Information Unit",
                                     "organisation: Euphrates Protection Partners"))
    assert errors(own) == []
