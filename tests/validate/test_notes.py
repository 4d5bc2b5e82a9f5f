"""Two figures with the same label conflict unless a note explains them; the note is kept."""
import shutil
from datetime import date
from pathlib import Path

from factsheet.sheet.record import sheet_record
from factsheet.render.audit import audit_html
from factsheet.validate.rules import check_spec

REPO = Path(__file__).resolve().parent.parent.parent
SAME_LABEL = ("    label: civilians reported killed in strikes on 2 June 2017 (unverified)\n",
              "    label: civilians reported killed fleeing the assault, 5 June 2017\n")
NOTE = "    note: \"Counts for different days: 5 June <fleeing> & 2 June (strikes)\"\n"


def spec_with(tmp_path, extra: str = "") -> Path:
    shutil.copytree(REPO / "specs" / "sources", tmp_path / "sources")
    text = (REPO / "specs" / "raqqa-2017.yaml").read_text(encoding="utf-8")
    assert SAME_LABEL[0] in text
    text = text.replace(SAME_LABEL[0], SAME_LABEL[1] + extra)
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def conflicts(diagnostics) -> list:
    return [d.message for d in diagnostics if d.code == "conflicting-facts"]


def test_same_label_different_values_is_a_warning(tmp_path):
    sheet, diagnostics = check_spec(spec_with(tmp_path), today=date(2026, 1, 1))
    assert sheet is not None
    assert conflicts(diagnostics) == [
        "facts 'died-fleeing' and 'killed-friday' have the same label but different values "
        "(at least 21 and 12): add a note: that explains it"]


def test_a_note_explains_the_conflict_and_reaches_the_record_and_audit_page(tmp_path):
    sheet, diagnostics = check_spec(spec_with(tmp_path, NOTE), today=date(2026, 1, 1))
    assert sheet is not None and conflicts(diagnostics) == []
    note = "Counts for different days: 5 June <fleeing> & 2 June (strikes)"
    record = {f["id"]: f for f in sheet_record(sheet)["facts"]}
    assert record["killed-friday"]["note"] == note
    assert record["died-fleeing"]["note"] is None
    page = audit_html(sheet, ())
    assert "5 June &lt;fleeing&gt; &amp; 2 June (strikes)" in page
    assert "<fleeing>" not in page
