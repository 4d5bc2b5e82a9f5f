"""Validating a translation against its spec, by the spec's own rules, with positions in its file.

A translation states no value: its {fact}s and [source]s are the spec's, and every figure in
its words is a {fact} or stands in its cited source. It names a label for every fact its
sheet shows, and its `translated-from` fingerprints say which originals changed since.
"""
from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

from ..diagnostics import Diagnostics, UsageError, did_you_mean
from ..sheet.assemble import assemble_sheet
from ..sheet.words import language_name, words_for
from ..spec.load import Node, parse_yaml, read_text, reading
from ..spec.translation import (HEADER_FIELDS, LANGUAGE_TAG, TRANSLATION_KEYS, TRANSLATION_REQUIRED,
                                TRANSLATION_VERSION, original_fields, recorded_prints,
                                shown_facts, translations_beside)
from ..sources.archive import ArchiveCache, ArchiveError
from . import edition as editions
from . import rules
from .translated_charts import check_translated_charts, printed_label_facts

_NOT_WARNED = ("contact",)   # an address, usually the same in every language


class Original:
    """The verified spec a translation is checked against: its sheet, its YAML (for the
    fingerprints of its wording), and what its check read (facts, sources, archives)."""

    def __init__(self, path, sheet, cache: ArchiveCache):
        self.path = Path(path)
        self.sheet = sheet
        self.root = parse_yaml(read_text(self.path), Diagnostics(str(path)))
        self.facts = {fact.id: fact for fact in sheet.facts}
        self.sources = {source.id: source for source in sheet.sources}
        self.archives = {}
        for source in sheet.sources:   # read by the spec's check already: from the cache
            try:
                self.archives[source.id] = cache.get(source.archive)
            except ArchiveError:
                pass
        self.used_facts = set(shown_facts(self.root)) if self.root is not None else set()


def check_translation(path, original: Original, cache: ArchiveCache | None = None,
                      today: date | None = None):
    """Validate one translation file against its verified spec. Returns (Sheet or None,
    Diagnostics); UsageError when the file cannot be read at all."""
    path = Path(path)
    try:
        with reading(path, "translation file"):
            text = read_text(path)
    except UnicodeDecodeError as exc:
        return None, rules._not_utf8(path, exc)
    check = rules._Check(path, text, cache or rules._SHARED_CACHE, today or date.today(), None)
    sheet = _Translation(check, original).run(text)
    return sheet, check.diags


def check_translations(spec, sheet, cache: ArchiveCache | None = None, today: date | None = None) -> list:
    """[(path, Sheet or None, Diagnostics)] for each translation beside a spec whose
    verified sheet is `sheet` (check it first: a spec with errors has no translation checked)."""
    paths = translations_beside(spec)
    if not paths:
        return []
    cache = cache or rules._SHARED_CACHE
    original = Original(spec, sheet, cache)
    found = []
    for path in paths:
        try:
            found.append((path, *check_translation(path, original, cache, today)))
        except UsageError as exc:   # unreadable: said in its place, the others are checked
            diags = Diagnostics(str(path))
            diags.error((0, 0), "unreadable", str(exc))
            found.append((path, None, diags))
    return found


class _Translation:
    """One translation's validation run, over the spec check's facts, sources and archives."""

    def __init__(self, check, original):
        self.check = check
        self.diags = check.diags
        self.fields = check.fields
        self.original = original

    def run(self, text: str):
        check, f = self.check, self.fields
        root = parse_yaml(text, self.diags)
        if root is None or not f.kind(root, ("map",), "the translation"):
            return None
        f.keys(root, TRANSLATION_KEYS, TRANSLATION_REQUIRED, "the translation")
        version = root.get("factsheet-translation")
        if version is not None and (version.kind != "int" or version.value != TRANSLATION_VERSION):
            self.diags.error(version.pos, "bad-version", f"unsupported translation format version "
                             f"{version.value!r}: this tool reads factsheet-translation: 1")
        original = self._original(root)
        language = self._language(root, original)
        if original is None or language is None or original.root is None:
            return None
        self._check_strings(root)
        check.sources, check.archives = original.sources, original.archives
        if original.sheet.edition == editions.PUBLIC:   # its citations refused, not 'unknown'
            withheld = editions.withheld_sources(original.root)
            check.hidden = set(withheld)
            check.sources = {**original.sources, **withheld}
        check.facts = original.facts
        check.words = words_for(language)
        header = self._header(root, original.root)
        labels = self._labels(root, original)
        sections = check._sections(root)
        for node, role in check.text_nodes:
            check._check_markup(node, role)
        key_figures = [kf.fact_id for kf in original.sheet.key_figures]
        self._check_shown(root, labels, key_figures, original, sections)
        check_translated_charts(self.diags, sections, check.charts, original, root)
        self._check_fingerprints(root, original, language)
        editions.check_named(check, root)
        if self.diags.errors:
            return None
        facts = {fid: dataclasses.replace(fact, label=labels[fid].value) if fid in labels else fact
                 for fid, fact in original.facts.items()}
        header.update(language=language, template=original.sheet.template)
        return assemble_sheet(
            spec_path=check.path, root=root, header=header, as_of=original.sheet.as_of,
            keywords=original.sheet.keywords, sources=original.sources, facts=facts,
            key_figures=key_figures, sections=sections, cited_figures=check.cited_figures,
            hidden=frozenset(check.hidden), edition=original.sheet.edition,
            charts=check.charts, icons={kf.fact_id: kf.icon for kf in original.sheet.key_figures
                                        if kf.icon})   # icons mark the spec's key figures

    # -- what it translates, and into what ------------------------------------------------
    def _original(self, root: Node):
        """The spec's check, if `translates` names it; None, with an error, otherwise."""
        translates = self.fields.text(root, "translates")
        if translates is None:
            return self.original if "translates" not in root.value else None
        spec = (self.check.path.parent / translates).resolve()
        if spec != self.original.path.resolve():
            self.diags.error(root.value["translates"].pos, "translates-other",
                             f"this translation translates '{translates}', not "
                             f"{self.original.path.name}, which it is beside")
            return None
        return self.original

    def _language(self, root: Node, original):
        language = self.fields.text(root, "language")
        if language is None:
            return None
        node = root.value["language"]
        language = language.strip()
        if not LANGUAGE_TAG.fullmatch(language):
            self.diags.error(node.pos, "bad-language",
                             f"'language' must be a language tag such as fr or ar, not {language!r}")
            return None
        named = self.check.path.name.split(".")
        if len(named) >= 3 and named[-2] != language:
            self.diags.error(node.pos, "language-not-file-name",
                             f"the file is named for '{named[-2]}' but says language: {language}: "
                             f"rename it {'.'.join(named[:-2] + [language, named[-1]])} or fix "
                             "'language'")
        if original is not None and original.sheet.language.split("-")[0].lower() == language.split("-")[0].lower():
            self.diags.error(node.pos, "same-language",
                             f"the spec is written in '{original.sheet.language}' already")
        return language

    # -- its words --------------------------------------------------------------------------
    def _check_strings(self, root: Node) -> None:
        """Characters and lengths, as a spec's: labels are checked as labels."""
        for name, child in root.value.items():
            if name == "labels" and child.kind == "map":
                for key, label in child.value.items():
                    self.check._check_strings(label, "label")
            elif name != "translated-from":
                self.check._check_strings(child, name)

    def _header(self, root: Node, spec: Node) -> dict:
        """The printed fields: the translation's, else (with a warning) the original's."""
        header = {}
        for key in HEADER_FIELDS:
            header[key] = self.fields.text(root, key)
            if header[key] is not None and key in ("title", "subtitle"):
                self.check.text_nodes.append((root.value[key], key))
            given = spec.get(key)
            if header[key] is None and key not in root.value and given is not None:
                header[key] = str(given.value)
                if key not in _NOT_WARNED:
                    self.diags.warning((1, 1), "not-translated",
                                       f"'{key}' is not translated: the sheet prints the original's")
        return header

    def _labels(self, root: Node, original) -> dict:
        """{fact id: label node} of the labels given; unknown facts are errors."""
        node = root.get("labels")
        if node is None or not self.fields.kind(node, ("map",), "'labels'"):
            return {}
        labels = {}
        for fid, label in node.value.items():
            if fid not in original.facts:
                hint = did_you_mean(fid, original.facts)
                self.diags.error(node.keys[fid].pos, "unknown-fact",
                                 f"label for unknown fact '{fid}'", hint)
                continue
            if self.fields.text(node, fid, f"the label of '{fid}'") is None:
                continue
            labels[fid] = label
            self.check.text_nodes.append((label, "label"))
            if id(label) not in self.check.bad_text:
                self.check.check_label_figures(original.facts[fid], label)
        return labels

    def _check_shown(self, root: Node, labels: dict, key_figures: list, original, sections) -> None:
        """A label for each fact the translated sheet shows; a warning for each fact the
        original sheet shows that this one does not."""
        printed = printed_label_facts(self.check.used_facts, sections, self.check.charts)
        shown = list(dict.fromkeys(key_figures + sorted(printed)))
        node = root.get("labels")
        at = root.keys["labels"].pos if "labels" in root.keys else (1, 1)
        for fid in shown:
            if fid not in labels and (node is None or fid not in node.value):
                self.diags.error(at, "missing-label", f"no label for fact '{fid}', which the sheet "
                                 "shows", f"the original's: {original.facts[fid].label}")
        sections = root.keys["sections"].pos if "sections" in root.keys else (1, 1)
        for fid in original.used_facts:
            if fid not in shown:
                self.diags.warning(sections, "fact-not-translated",
                                   f"fact '{fid}' is on the original sheet but not on this translation")

    # -- has it fallen behind its spec? ---------------------------------------------------
    def _check_fingerprints(self, root: Node, original, language: str) -> None:
        spec_name = Path(original.path).name
        update = f"factsheet translate {Path(original.path)} --to {language} --update"
        if root.get("translated-from") is None:
            self.diags.warning((1, 1), "no-fingerprints",
                               "this translation does not record what it translates "
                               "('translated-from'), so changes to the original go unnoticed",
                               f"record it: {update} --accept")
            return
        recorded = recorded_prints(root)
        english = language_name(original.sheet.language, shown_in="en")
        for field in original_fields(original.root):
            print_, node = recorded.get(field.key, (None, None))
            if print_ == field.print:
                continue
            at = self._field_node(root, field.key) or node or root.value["translated-from"]
            what = "changed since this translation was written" if print_ is not None \
                else "is new since this translation was written"
            self.diags.warning(at.pos, "translation-outdated",
                               f"the {english} of {field.name} {what} ({spec_name})",
                               f"bring the translation up to date, then record it: {update} --accept")

    @staticmethod
    def _field_node(root: Node, key: tuple):
        if key[0] == "labels":
            labels = root.get("labels")
            return labels.get(key[1]) if labels is not None else None
        if key[0] == "sections":
            sections = root.get("sections")
            if sections is not None and sections.kind == "seq" and key[1] < len(sections.value):
                return sections.value[key[1]]
            return None
        return root.get(key[0])

