"""Properties of `factsheet build` over random input: what it writes, and that it never crashes.

Random valid specs, whose facts quote random archived articles, build into a one-page PDF and
a DOCX that show every figure, or fail with the overflow error and write nothing. Random
mutations of a valid spec end in exit 0 or 1, and change no file outside the output folder.
"""
from __future__ import annotations

import hashlib
import io
import os
import shutil
import tempfile
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import docx
import yaml
from docx.oxml.ns import qn
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from factsheet.cli import main
from factsheet.sheet.words import words_for
from factsheet.spec.qualifiers import SPEC_WORDS, code_of, supports

from spec_inputs import CHARS, YAML_BITS
from spec_inputs import BASE, BROKEN

ROOT = Path(__file__).resolve().parent.parent.parent
EPOCH = "1700000000"

# Derandomized so that CI is repeatable; FACTSHEET_FUZZ_RANDOM=1 explores new examples locally.
# Every example is a real build (a tenth of a second), hence the modest numbers.
BUILDS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow],
                  derandomize=not os.environ.get("FACTSHEET_FUZZ_RANDOM"))


@contextmanager
def project(archives: dict, spec_text: str):
    """A fresh folder: spec.yaml, its archives in sources/, templates/, and a cache folder.
    The working folder is the project's while building, so a stray relative write lands in it."""
    saved = os.getcwd(), os.environ.get("FACTSHEET_CACHE_DIR"), os.environ.get("SOURCE_DATE_EPOCH")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        shutil.copytree(ROOT / "templates", root / "templates")
        (root / "sources").mkdir()
        for name, text in archives.items():
            (root / "sources" / name).write_text(text, encoding="utf-8")
        (root / "spec.yaml").write_text(spec_text, encoding="utf-8")
        os.environ["FACTSHEET_CACHE_DIR"] = str(root / "cache")
        os.environ["SOURCE_DATE_EPOCH"] = EPOCH
        os.chdir(root)
        try:
            yield root
        finally:
            os.chdir(saved[0])
            for name, value in (("FACTSHEET_CACHE_DIR", saved[1]), ("SOURCE_DATE_EPOCH", saved[2])):
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value


def build(root: Path) -> tuple:
    out, err = io.StringIO(), io.StringIO()
    code = main(["build", str(root / "spec.yaml"), "--out", str(root / "output")], out, err)
    return code, out.getvalue(), err.getvalue()


def docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t")))
                     for p in document.element.body.iter(qn("w:p")))


# -- random valid specs ------------------------------------------------------------------------

# Words that are never figures, dates or markup, so that the prose around the facts is valid.
WORDS = ("water", "food", "shelter", "camps", "district", "families", "aid", "convoys", "health",
         "clinics", "schools", "roads", "border", "river", "villages", "markets", "winter",
         "supplies", "teams", "fuel", "medicine", "children", "residents", "officials", "workers",
         "wells", "bridges", "trucks", "blankets", "tents", "flour", "reported", "displaced",
         "arrived", "remain", "needs", "access", "the", "in", "of", "and", "near", "were", "are",
         "have", "been", "with", "from", "café", "Ḥasakah", "Deir", "Raqqa", "Zürich", "naïve",
         "l'eau", "north-east", "so-called", "(estimated)", "“urgent”", "—", "&", "<b>")
PLACES = ("Raqqa", "Mosul", "Aleppo", "Idlib", "Ḥasakah", "Sinjar", "Tabqa")

words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(" ".join)


def sentence_of(text: str) -> str:
    return text[:1].upper() + text[1:] + "."


@st.composite
def figures(draw) -> tuple:
    """(as an article writes it, value, unit): 20,000 / 450 / 45% / 45 per cent / 3.5 / 1.2 million."""
    kind = draw(st.sampled_from(["thousands", "plain", "percent", "per cent", "decimal", "million"]))
    if kind == "thousands":
        value = draw(st.integers(1_000, 9_999_999))
        return f"{value:,}", value, None
    if kind == "plain":
        value = draw(st.integers(1, 999))
        return str(value), value, None
    if kind in ("percent", "per cent"):
        value = draw(st.integers(1, 100))
        return (f"{value}%" if kind == "percent" else f"{value} per cent"), value, "%"
    tenths = 10 * draw(st.integers(1, 9)) + draw(st.integers(1, 9))     # 1.1 to 9.9, never 2.0
    if kind == "decimal":
        return f"{tenths // 10}.{tenths % 10}", tenths / 10, None
    return f"{tenths // 10}.{tenths % 10} million", tenths * 100_000, None


@st.composite
def articles(draw) -> tuple:
    """An article's text and its sentences that state a figure: [(sentence, value, unit)]."""
    paragraphs, stated = [], []
    for _ in range(draw(st.integers(1, 4))):
        sentences = []
        for _ in range(draw(st.integers(1, 5))):
            if draw(st.booleans()):
                text, value, unit = draw(figures())
                sentence = sentence_of(f"{draw(words)} {text} {draw(words)}")
                stated.append((sentence[:-1], value, unit))   # the quote: the sentence, no full stop
            else:
                sentence = sentence_of(draw(words))
            sentences.append(sentence)
        paragraphs.append(" ".join(sentences))
    if not stated:
        text, value, unit = draw(figures())
        sentence = sentence_of(f"{draw(words)} {text} {draw(words)}")
        stated.append((sentence[:-1], value, unit))
        paragraphs.append(sentence)
    return "\n\n".join(paragraphs) + "\n", stated


@st.composite
def valid_specs(draw) -> tuple:
    """(archives {file name: text}, spec as a dict): every figure quoted from an archive."""
    archives, sources, stated = {}, [], []
    for n in range(draw(st.integers(1, 3))):
        text, sentences = draw(articles())
        sid = f"source-{n + 1}"
        archives[f"{sid}.txt"] = text
        sources.append({"id": sid, "title": sentence_of(draw(words))[:-1],
                        "publisher": draw(st.sampled_from(["VOA News", "The Independent", "Reuters"])),
                        "published": date(2017, 6, 6), "archive": f"sources/{sid}.txt"})
        if draw(st.booleans()):
            sources[-1]["url"] = f"https://example.org/{sid}"
        stated += [(sid, *s) for s in sentences]
    facts = []
    for n in range(draw(st.integers(1, 8))):
        sid, quote, value, unit = draw(st.sampled_from(stated))
        fact = {"id": f"fact-{n + 1}", "value": value, "label": draw(words), "source": sid,
                "quote": quote}
        if unit:
            fact["unit"] = unit
        # the quotes state bare figures: only the qualifiers a bare figure supports
        qualifier = draw(st.sampled_from([None] + [q for q in SPEC_WORDS if supports(None, code_of(q))]))
        if qualifier:
            fact["qualifier"] = qualifier
        facts.append(fact)
    ids = [f["id"] for f in facts]
    key_figures = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=min(6, len(ids)), unique=True))
    sections = []
    for n in range(draw(st.integers(1, 6))):
        paragraphs = []
        for _ in range(draw(st.integers(1, 3))):
            parts = [sentence_of(draw(words)) for _ in range(draw(st.integers(1, 3)))]
            for fact_id in draw(st.lists(st.sampled_from(ids), max_size=2)):
                cite = f" [{draw(st.sampled_from([s['id'] for s in sources]))}]" if draw(st.booleans()) else ""
                parts.append(sentence_of(f"{draw(words)} {{{fact_id}}} {draw(words)}{cite}"))
            paragraphs.append(" ".join(parts))
        # filler, sometimes more than a page holds: then the build must fail cleanly
        paragraphs += [" ".join(sentence_of(draw(words)) for _ in range(10))] * draw(st.integers(0, 5))
        section = {"heading": sentence_of(draw(words))[:-1], "text": "\n\n".join(paragraphs)}
        if draw(st.booleans()):
            section["bullets"] = [sentence_of(f"{{{fact_id}}} {draw(words)}")
                                  for fact_id in draw(st.lists(st.sampled_from(ids), min_size=1, max_size=3))]
        sections.append(section)
    spec = {"factsheet": 1, "title": sentence_of(draw(words))[:-1],
            "subtitle": "Humanitarian fact sheet", "location": draw(st.sampled_from(PLACES)),
            "as_of": date(2017, 8, 25), "sources": sources, "facts": facts,
            "key_figures": key_figures, "sections": sections}
    return archives, spec


def referenced(spec: dict) -> set:
    """Ids of the facts the sheet prints: key figures, and {fact} references in the sections."""
    ids = set(spec["key_figures"])
    for section in spec["sections"]:
        for text in [section["text"], *section.get("bullets", [])]:
            ids |= {f["id"] for f in spec["facts"] if "{%s}" % f["id"] in text}
    return ids


OVERFLOWING = ({"a.txt": "Officials said 20,000 civilians were trapped.\n"}, {
    "factsheet": 1, "title": "Trapped", "as_of": date(2017, 8, 25),
    "sources": [{"id": "a", "title": "A", "publisher": "VOA News", "published": date(2017, 6, 6),
                 "archive": "sources/a.txt"}],
    "facts": [{"id": "trapped", "value": 20000, "label": "civilians trapped", "source": "a",
               "quote": "Officials said 20,000 civilians were trapped"}],
    "key_figures": ["trapped"],
    "sections": [{"heading": "Situation",
                  "text": "\n\n".join(["Families remain near the river with the aid teams. " * 10] * 10)}] * 6})


# Four 7-digit key figures side by side: each once broke as '2,504,79' over '2'.
WIDE_FIGURES = ({"a.txt": "Officials said 2,504,792 people were displaced.\n"}, {
    "factsheet": 1, "title": "Displaced", "as_of": date(2017, 8, 25),
    "sources": OVERFLOWING[1]["sources"],
    "facts": [{"id": f"displaced-{n}", "value": 2504792, "label": "people displaced", "source": "a",
               "quote": "Officials said 2,504,792 people were displaced"} for n in range(4)],
    "key_figures": [f"displaced-{n}" for n in range(4)],
    "sections": [{"heading": "Situation", "text": "Families remain near the river."}]})


@settings(BUILDS, max_examples=40)
@given(case=valid_specs())
@example(case=OVERFLOWING)
@example(case=WIDE_FIGURES)
def test_a_valid_spec_builds_one_page_showing_every_figure_or_fails_cleanly(case):
    archives, spec = case
    with project(archives, yaml.safe_dump(spec, allow_unicode=True, sort_keys=False)) as root:
        code, out, err = build(root)
        event(f"exit {code}")
        assert "Traceback" not in out + err
        output = root / "output"
        if code == 1:
            assert "overflow the page by about" in out, out + err
            assert not output.exists() or not any(output.iterdir())
            return
        assert code == 0, out + err
        reader = PdfReader(output / "spec.pdf")
        assert len(reader.pages) == 1
        pdf_text = reader.pages[0].extract_text()
        word_text = docx_text(output / "spec.docx")
        facts = {f["id"]: f for f in spec["facts"]}
        for fact_id in referenced(spec):
            printed = words_for("en").number(facts[fact_id]["value"], facts[fact_id].get("unit"))
            assert printed in pdf_text, (fact_id, printed)
            assert printed in word_text, (fact_id, printed)


# -- random mutations of a valid spec ----------------------------------------------------------

BASE_LINES = BASE.splitlines(keepends=True)
ARCHIVES = {p.name: p.read_text(encoding="utf-8") for p in (BROKEN / "sources").glob("*.txt")}
NUMBERS = st.sampled_from(["0", "-1", "20000", "20,000", "2,000", "400", "50", "3.5", "1e400",
                           "9" * 40, "twelve", "half", "2017-08-25", "2999-01-01", "0x1F", ".nan"])
PUNCTUATION = st.sampled_from(list("{}[]:,-#&*!|>'\"%@`?") + ["{{", "}}", "[[", "]]", "{trapped}",
                                                                "[voa]", "\u00a0", "\t", "\ufeff"])


@st.composite
def mutated_base(draw) -> str:
    """BASE with a few lines deleted, duplicated or swapped, characters changed or inserted,
    numbers changed."""
    lines = list(BASE_LINES)
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "swap", "char", "insert", "number"]))
        if action == "delete":
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, lines[i])
        elif action == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif action == "char":
            j = draw(st.integers(0, len(lines[i])))
            new = draw(st.one_of(PUNCTUATION, YAML_BITS, st.text(CHARS, min_size=1, max_size=3)))
            lines[i] = lines[i][:j] + new + lines[i][j + draw(st.integers(0, 1)):]
        elif action == "insert":
            j = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:j] + draw(st.one_of(PUNCTUATION, st.text(CHARS, max_size=4))) + lines[i][j:]
        else:
            digits = [k for k, c in enumerate(lines[i]) if c.isdigit()]
            if digits:
                k = draw(st.sampled_from(digits))
                lines[i] = lines[i][:k] + draw(NUMBERS) + lines[i][k + 1:]
    return "".join(lines)


def tree_state(root: Path, skip=("output", "cache")) -> dict:
    """{relative path: (sha256, mtime)} of every file and folder outside the skipped folders."""
    state = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if relative.parts[0] in skip:
            continue
        stat = path.lstat()
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "folder"
        state[str(relative)] = (digest, stat.st_mtime_ns)
    return state


@settings(BUILDS, max_examples=200)
@given(text=mutated_base())
@example(text=BASE)
@example(text=BASE.replace("https://www.voanews.com/", "https://[[www.voanews.com/"))  # was exit 3
def test_a_mutated_spec_builds_or_is_refused_and_touches_nothing_else(text):
    with project(ARCHIVES, text) as root:
        before = tree_state(root)
        code, out, err = build(root)
        event(f"exit {code}")
        assert "Traceback" not in out + err
        assert "internal error" not in out + err, out + err
        assert code in (0, 1), (code, out, err)
        assert tree_state(root) == before
        if code == 0:
            assert len(PdfReader(root / "output" / "spec.pdf").pages) == 1
