"""Stage 5, validate: every rule of the spec format, all problems reported in one run.

`check_spec(path)` returns the verified `Sheet` (or None) and the diagnostics. No figure
reaches a sheet unless its source's archived words state it.
"""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from . import characters
from .charts import check_chart
from . import cited
from . import edition as editions
from .icons import read_key_figure
from .. import limits
from ..sources.archive import ArchiveCache, ArchiveError, mark_differences, resolve_archive
from ..sheet.assemble import assemble_sheet
from ..diagnostics import Diagnostics, did_you_mean
from ..spec.fields import Fields
from ..spec.load import Node, locate, parse_yaml, read_text, reading
from ..spec.markup import SLUG, parse_inline, split_paragraphs
from ..spec.sentences import sentence_edges
from ..sheet.model import Fact, Source
from ..sheet.record import label_text
from ..sheet.words import LANGUAGES, language_of, words_for
from ..spec.figures import check_value, find_figures
from ..spec.qualifiers import (KIND_NAMES, SPEC_WORDS, code_of, kind, meaning, qualifier_before,
                               spec_words, supports)

FORMAT_VERSION = 1
ENGLISH = words_for("en")    # the messages' words: a value in a message is printed in English
TOP_KEYS = ("factsheet", "title", "subtitle", "location", "as_of", "language", "template",
            "organisation", "contact", "disclaimer", "keywords", "sources", "facts",
            "key_figures", "sections")
TOP_REQUIRED = ("factsheet", "title", "as_of", "sources", "facts", "key_figures", "sections")
SOURCE_KEYS = ("id", "title", "publisher", "url", "published", "archive", "confidential")
SOURCE_REQUIRED = ("id", "title", "publisher", "published", "archive")
FACT_KEYS = ("id", "value", "qualifier", "unit", "label", "date", "source", "quote", "note",
             "attribution", "draft")
FACT_REQUIRED = ("id", "value", "label", "source", "quote")
SECTION_KEYS = ("heading", "text", "bullets", "chart")
MAX_KEY_FIGURES = limits.MAX_KEY_FIGURES
# Fields printed on the sheet: their characters must be in the font. Quotes, notes and ids
# are not printed on the sheet (the audit page shows quotes, in the reader's browser).
PRINTED = {"title", "subtitle", "location", "organisation", "contact", "disclaimer", "label",
           "heading", "text", "bullets", "publisher", "unit", "qualifier", "url"}
MAX_ITEMS = {"sources": limits.MAX_SOURCES, "facts": limits.MAX_FACTS,
             "sections": limits.MAX_SECTIONS, "bullets": limits.MAX_BULLETS}

_SHARED_CACHE = ArchiveCache()

# A heading's number that names a part is not a figure: 'Phase 2', 'Background part 1',
# 'Week 3', 'Flash update #8' (roman numerals, 'Part II', are never figures): the number
# follows one of these words directly. In text and bullets such numbers still need a source.
_PART_NUMBER = re.compile(r"(?:\b(?:part|phase|round|stage|step|week|wave|chapter|section|annex|"
                          r"appendix|update|report|no\.?|number)\s*#?|#)\s*$", re.IGNORECASE)


class _Check:
    """One spec's validation run: holds the diagnostics and what has been read so far."""

    def __init__(self, path: Path, text: str, cache: ArchiveCache, today: date, max_age,
                 archives: bool = True, edition: str = editions.INTERNAL):
        self.path = path
        self.edition = edition
        self.hidden: set = set()     # public edition: ids of the confidential sources
        self.fact_uses: dict = {}    # fact id -> [(line, col)] where the sheet prints it
        self.read_archives = archives   # False: figures only (diff), no archive opened
        self.lines = text.splitlines()
        self.diags = Diagnostics(str(path))
        self.fields = Fields(self.diags)
        self.cache = cache
        self.today = today
        self.max_age = max_age       # days, or None: no freshness check
        self.sources: dict = {}      # id -> Source
        self.archives: dict = {}     # id -> Archive (readable ones only)
        self.facts: dict = {}        # id -> Fact
        self.fact_nodes: dict = {}   # id -> Node
        # ids declared, even by an entry with other errors: referring to one is not
        # reported again as 'unknown', so one mistake gives one error, not a cascade
        self.declared: set = set()
        self.used_facts: set = set()
        self.cited_sources: set = set()
        self.text_nodes: list = []   # (node, role) of every string that may hold markup
        self.bad_text: set = set()   # ids of string nodes with refused characters
        # raw paragraph -> [(start, end, CitedFigure)]: figures of cited sentences, found
        self.cited_figures: dict = {}
        self.key_icons: dict = {}    # key figure's fact id -> icon name, where one is given
        self.words = ENGLISH         # the sheet's printed words, once its language is read
        self.charts: dict = {}       # section index -> its checked chart (validate/charts.py)

    # -- structure -------------------------------------------------------------------
    def run(self, text: str):
        root = parse_yaml(text, self.diags)
        if root is None:
            return None
        if not self.fields.kind(root, ("map",), "the spec"):
            return None
        self._check_strings(root, "the spec")
        f = self.fields
        f.keys(root, TOP_KEYS, TOP_REQUIRED, "the spec")
        version = root.get("factsheet")
        if version is not None and (version.kind != "int" or version.value != FORMAT_VERSION):
            self.diags.error(version.pos, "bad-version",
                             f"unsupported format version {version.value!r}: this tool reads factsheet: 1")
        header = {key: f.text(root, key) for key in
                  ("title", "subtitle", "location", "language", "template", "organisation",
                   "contact", "disclaimer")}
        for key in ("title", "subtitle"):
            if header[key] is not None:
                self.text_nodes.append((root.value[key], key))
        language = header["language"]
        self.words = words_for(language)
        if language is not None and not re.fullmatch(r"[a-zA-Z]{2,3}(-[A-Za-z0-9]{2,8})*", language):
            self.diags.error(root.value["language"].pos, "bad-language",
                             f"'language' must be a language tag such as en, fr or ar, not {language!r}")
        elif language is not None and language_of(language) not in LANGUAGES:
            self.diags.error(root.value["language"].pos, "unsupported-language",
                             f"language {language!r} has no catalogue of printed words: "
                             f"use one of {', '.join(LANGUAGES)}")
        template = header["template"]
        if template is not None and not SLUG.match(template):
            self.diags.error(root.value["template"].pos, "bad-id",
                             f"'template' must name a file in templates/ without .yaml, not {template!r}")
        as_of = f.date(root, "as_of")
        if as_of and as_of > self.today:
            self.diags.error(root.value["as_of"].pos, "future-date",
                             f"'as_of' {as_of} is in the future")
        keywords = self._keywords(root)

        for node in f.items(root, "sources", "'sources'"):
            self._source(node)
        for node in f.items(root, "facts", "'facts'"):
            self._fact(node)
        key_figures = self._key_figures(root)
        sections = self._sections(root)

        for node, role in self.text_nodes:
            self._check_markup(node, role)
        self._warn_unused(root)
        self._warn_conflicts()
        if callable(self.max_age):  # the template decides: look it up by name
            name = template if template is not None and SLUG.match(template) else "default"
            self.max_age = self.max_age(self.path, name)
        self._warn_stale(root, as_of, key_figures)
        editions.check_facts(self)
        editions.check_named(self, root)
        if self.diags.errors:
            return None
        sources, facts = editions.edition_inputs(self)
        return assemble_sheet(
            spec_path=self.path, root=root, header=header, as_of=as_of, keywords=keywords,
            sources=sources, facts=facts, key_figures=key_figures, sections=sections,
            cited_figures=self.cited_figures, hidden=frozenset(self.hidden), edition=self.edition,
            charts=self.charts, icons=self.key_icons)

    def _keywords(self, root: Node) -> tuple:
        words = []
        for node in self.fields.items(root, "keywords", "'keywords'", required=False):
            if self.fields.kind(node, ("str",), "a keyword"):
                words.append(node.value)
        return tuple(words)

    def _entry_id(self, node: Node, what: str, keys, required, taken: dict):
        """Check an entry of `sources` or `facts` (a map with known keys) and declare it: its id,
        or None when it has no valid one or repeats one in `taken`."""
        f = self.fields
        f.keys(node, keys, required, f"a {what}")
        self._declare(what, node)
        eid = f.slug(node, "id", f"{what} id")
        if eid in taken:
            self.diags.error(node.value["id"].pos, "duplicate-id", f"duplicate {what} id '{eid}'")
            eid = None
        return eid

    def _source(self, node: Node) -> None:
        f = self.fields
        if not f.kind(node, ("map",), "a source"):
            return
        sid = self._entry_id(node, "source", SOURCE_KEYS, SOURCE_REQUIRED, self.sources)
        title, publisher = f.text(node, "title"), f.text(node, "publisher")
        url, published = f.url(node, "url", "'url'"), f.date(node, "published")
        archive_path, sha = self._archive(node, sid)
        if published and published > self.today:
            self.diags.error(node.value["published"].pos, "future-date",
                             f"source '{sid}' is published in the future ({published})")
        confidential = editions.read_confidential(f, node)
        if None in (sid, title, publisher, published, archive_path):
            return
        self.sources[sid] = Source(sid, title, publisher, published, archive_path, url, sha,
                                   confidential)
        if confidential and self.edition == editions.PUBLIC:
            self.hidden.add(sid)

    def _archive(self, node: Node, sid):
        relative = self.fields.text(node, "archive")
        if relative is None:
            return None, ""
        pos = node.value["archive"].pos
        try:
            path = resolve_archive(self.path.parent, relative)
            if not self.read_archives:
                return path, ""
            archive = self.cache.get(path)
        except ArchiveError as exc:
            self.diags.error(pos, "bad-archive", f"{exc}: {relative}")
            return None, ""
        if sid:
            self.archives[sid] = archive
        return path, archive.sha256

    def _fact(self, node: Node) -> None:
        f = self.fields
        if not f.kind(node, ("map",), "a fact"):
            return
        fid = self._entry_id(node, "fact", FACT_KEYS, FACT_REQUIRED, self.facts)
        value = f.number(node, "value", "'value'")
        qualifier = f.text(node, "qualifier")
        if qualifier is not None and code_of(qualifier) is None:
            meant = spec_words(meaning(qualifier))
            self.diags.error(node.value["qualifier"].pos, "bad-qualifier",
                             f"unknown qualifier {qualifier!r}: use one of {', '.join(SPEC_WORDS)}",
                             f"'{qualifier}' means {meant}: write qualifier: {meant}" if meant else None)
        qualifier = code_of(qualifier)     # the model keeps a qualifier's code; None if unknown
        unit, label = f.text(node, "unit"), f.text(node, "label")
        day, quote = f.date(node, "date"), f.text(node, "quote")
        note, attribution = f.text(node, "note"), f.text(node, "attribution")
        self._check_draft(node)
        if label is not None:
            self.text_nodes.append((node.value["label"], "label"))
        source_ids = self._fact_sources(node)
        if None in (fid, value, label, quote) or not source_ids:
            return
        fact = Fact(fid, value, label, tuple(source_ids), quote, qualifier, unit, day, note,
                    attribution)
        self.facts[fid] = fact
        self.fact_nodes[fid] = node
        if self.read_archives:
            self._check_evidence(fact, node)

    def _check_draft(self, node: Node) -> None:
        """`factsheet extract` marks what it writes `draft: true`: a person must read it first."""
        draft = node.get("draft")
        if draft is None or not self.fields.kind(draft, ("bool",), "'draft'") or not draft.value:
            return
        ident = node.get("id")
        name = f" '{ident.value}'" if ident is not None and ident.kind == "str" else ""
        self.diags.error(draft.pos, "draft-fact", f"draft fact{name}: check the label and figure, "
                         "then remove `draft: true`")

    def _fact_sources(self, node: Node) -> list:
        ref = node.get("source")
        if ref is None:
            return []
        refs = ref.value if ref.kind == "seq" else [ref]
        if ref.kind == "seq" and not refs:
            self.diags.error(ref.pos, "empty", "'source' needs at least one source id")
        ids = []
        for item in refs:
            if not self.fields.kind(item, ("str",), "'source'"):
                continue
            if item.value not in self.sources:
                self._unknown(item.pos, "source", item.value, self.sources)
                continue
            self.cited_sources.add(item.value)
            ids.append(item.value)
        return ids

    # -- evidence: the quote is in the archive, the value is in the quote ---------------
    def _check_evidence(self, fact: Fact, node: Node) -> None:
        quote_pos = node.value["quote"].pos
        for sid in fact.sources:
            published = self.sources[sid].published
            if fact.date and fact.date > published:
                self.diags.error(node.value["date"].pos, "date-after-source",
                                 f"fact '{fact.id}' is dated {fact.date}, after its source "
                                 f"'{sid}' was published ({published})")
        archives = [(sid, self.archives[sid]) for sid in fact.sources if sid in self.archives]
        found = [sid for sid, archive in archives if archive.find(fact.quote)]
        if archives and not found:
            sid, archive = archives[0]
            passage = archive.closest_passage(fact.quote)
            if passage:   # the words that differ in [brackets], on two lines that align
                quote, passage = mark_differences(fact.quote, passage)
                label = f"closest passage in {self._rel(archive.path)}:"
                hint = f"{label} \"{passage}\"\n{'the quote says:'.ljust(len(label))} \"{quote}\""
            else:
                hint = "nothing in the archive resembles it"
            if fact.quote[:1] in "\u201c\u201d\"" and fact.quote[-1:] in "\u201c\u201d\"":
                # pasted from Word: curly quotes around a plain value are part of its text
                hint = ("the quote is wrapped in curly quotes \u201c \u201d, which YAML keeps as part "
                        "of the text: put it between straight quotes \"...\" instead\n" + hint)
            self.diags.error(quote_pos, "quote-not-found",
                             f"quote of fact '{fact.id}' is not in the archived text of '{sid}'", hint)
        elif found:
            editions.check_quote(self, fact, quote_pos, found)
            for sid, archive in archives:
                if sid not in found:
                    self.diags.warning(quote_pos, "quote-not-in-source",
                                       f"quote of fact '{fact.id}' is not in the archived text of "
                                       f"'{sid}' (it is in '{found[0]}')")
        if archives and not found:
            return   # a misquote is the error to fix first: its value is checked once it is right
        before = ""
        if found:   # the words just before the quote in its source may bound its figure
            text = self.archives[found[0]].text
            at = self.archives[found[0]].position(fact.quote)
            before = text[max(0, at - 40):at] if at > 0 else ""
        verdict = check_value(fact.value, fact.unit, fact.quote, fact.qualifier, before)
        if verdict.problem == "qualifier":   # at the qualifier the quote does not support
            at = node.value.get("qualifier", node.value["value"]).pos
            self.diags.error(at, "qualifier-not-in-quote",
                             f"fact '{fact.id}' states {ENGLISH.value(fact)}, which its quote does not",
                             verdict.hint)
        elif not verdict.ok:
            self.diags.error(node.value["value"].pos, "value-not-in-quote",
                             f"value {ENGLISH.number(fact.value, fact.unit)} of fact '{fact.id}' is not stated in its quote",
                             verdict.hint)
        self.check_label_figures(fact, node.value["label"])

    def check_label_figures(self, fact: Fact, label_node: Node) -> None:
        """A figure in a label (the spec's or a translation's) must be in the fact's quote."""
        quoted = [f.value for f in find_figures(fact.quote, exempt_dates=False)]
        for tok in parse_inline(label_node.value):
            if tok.kind != "text":
                continue
            for figure in find_figures(tok.value):
                if figure.value is not None and not any(_same(figure.value, q) for q in quoted):
                    self.diags.error(locate(label_node, tok.offset + figure.start, self.lines),
                                     "label-figure-not-in-quote",
                                     f"'{figure.text}' in the label of fact '{fact.id}' is not in its quote")

    def _rel(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.path.parent.resolve()))
        except ValueError:
            return str(path)

    # -- key figures and sections ------------------------------------------------------
    def _key_figures(self, root: Node) -> list:
        node = root.get("key_figures")
        if node is None or not self.fields.kind(node, ("seq",), "'key_figures'"):
            return []
        if not 1 <= len(node.value) <= MAX_KEY_FIGURES:
            self.diags.error(node.pos, "key-figures-count",
                             f"'key_figures' lists {len(node.value)} facts: give 1 to {MAX_KEY_FIGURES}")
        ids = []
        for item in node.value:
            item, icon = read_key_figure(item, self.fields, self.diags)
            if item is None or not self.fields.kind(item, ("str",), "a key figure"):
                continue
            if icon:
                self.key_icons[item.value] = icon
            if item.value in ids:
                self.diags.error(item.pos, "duplicate-id", f"'{item.value}' is listed twice in key_figures")
            elif item.value not in self.facts:
                self._unknown(item.pos, "fact", item.value, self.facts)
            else:
                ids.append(item.value)
                self.used_facts.add(item.value)
                self.fact_uses.setdefault(item.value, []).append(item.pos)
        return ids

    def _sections(self, root: Node) -> list:
        sections = []
        for node in self.fields.items(root, "sections", "'sections'"):
            if not self.fields.kind(node, ("map",), "a section"):
                continue
            self.fields.keys(node, SECTION_KEYS, ("heading",), "a section")
            heading = self.fields.text(node, "heading")
            text = self.fields.text(node, "text")
            bullets = [b for b in self.fields.items(node, "bullets", "'bullets'")
                       if self.fields.kind(b, ("str",), "a bullet")]
            if text is None and not bullets and not {"text", "bullets", "chart"} & set(node.value):
                self.diags.error(node.pos, "empty-section", "a section needs 'text', 'bullets' or both")
            if node.get("chart") is not None:
                chart = check_chart(self, node.value["chart"])
                if chart is not None:
                    self.charts[len(sections)] = chart
            for role, child in [("heading", node.get("heading")), ("text", node.get("text"))] + \
                    [("text", b) for b in bullets]:
                if child is not None and child.kind == "str":
                    self.text_nodes.append((child, role))
            sections.append((node, heading, text, bullets))
        return sections

    # -- characters and sizes of every value -------------------------------------------
    def _check_strings(self, node: Node, key: str) -> None:
        """Refused characters, over-long fields and over-long lists, anywhere in the spec."""
        if node.kind == "map":
            for name, child in node.value.items():
                self._check_chars(node.keys[name], name, "a key", printed=False)
                self._check_strings(child, name)
        elif node.kind == "seq":
            most = MAX_ITEMS.get(key)
            if most is not None and len(node.value) > most:
                self.diags.error(node.pos, "too-many", f"'{key}' lists {len(node.value)} entries: "
                                 f"the limit is {most:,}")
            for child in node.value:
                self._check_strings(child, key)
        elif node.kind == "str":
            field = {"bullets": "bullet", "keywords": "keyword"}.get(key, key)
            longest = limits.max_chars(field)
            if len(node.value) > longest:
                self.diags.error(node.pos, "too-long", f"'{field}' is {len(node.value):,} characters "
                                 f"long: the limit is {longest:,}")
                self.bad_text.add(id(node))
            self._check_chars(node, key, f"'{field}'", printed=key in PRINTED)

    def _check_chars(self, node: Node, key: str, where: str, printed: bool) -> None:
        if node.kind != "str":
            return
        text = node.value
        for offset, problem, char in characters.problems(text):
            self.diags.error(locate(node, offset, self.lines), "bad-character",
                             characters.message(problem, char, where))
            self.bad_text.add(id(node))
        missing = list(characters.unprintable_by_font(text)) if printed else []
        if missing:   # the first is enough to find the text; a whole Arabic line is one error
            offset, char = missing[0]
            self.diags.error(locate(node, offset, self.lines), "no-glyph",
                             characters.font_message(char, where, len(missing) - 1))
            self.bad_text.add(id(node))

    # -- markup and the figure rule --------------------------------------------------------
    def _check_markup(self, node: Node, role: str) -> None:
        if id(node) in self.bad_text:   # its characters are reported; figures read wrongly
            return
        for raw, offset in split_paragraphs(node.value):
            tokens = parse_inline(raw)
            for tok in tokens:
                pos = locate(node, offset + tok.offset, self.lines)
                if tok.kind == "bad":
                    self.diags.error(pos, "stray-brace", f"stray '{tok.value}': write "
                                     f"'{tok.value * 2}' for a literal '{tok.value}', or use "
                                     "{fact-id} and [source-id] for references")
                elif tok.kind == "fact":
                    if tok.value in self.facts:
                        self.used_facts.add(tok.value)
                        self.fact_uses.setdefault(tok.value, []).append(pos)
                        self._check_bound_before(pos, raw[:tok.offset], self.facts[tok.value])
                    else:
                        self._unknown(pos, "fact", tok.value, self.facts)
                elif tok.kind == "cite":
                    if tok.value in self.sources:
                        self.cited_sources.add(tok.value)
                    else:
                        self._unknown(pos, "source", tok.value, self.sources,
                                      extra="; write [[ and ]] for literal brackets")
            if role != "label":
                self._check_figures(node, raw, offset, tokens, role)
            else:   # a label is one sentence: the public edition may refuse its citations
                editions.sentence_cites(self, node, offset, [t for t in tokens if t.kind == "cite"])

    def _check_bound_before(self, pos, before: str, fact: Fact) -> None:
        """Words such as 'an estimated' or 'at least' just before a {fact}: a fact with a
        qualifier prints its own ('an estimated about 453,971'); one without states no bound."""
        code, words = qualifier_before(before)
        if code is None:
            return
        printed, ref = self.words.value(fact), f"{{{fact.id}}}"   # as the sheet prints it
        if fact.qualifier:
            self.diags.warning(pos, "qualifier-twice",
                               f"the qualifier would be printed twice: '{words} {printed}'",
                               f"{ref} prints '{printed}' by itself: delete '{words}' before it")
            return
        # 'about 220' or 'at least 220' for an exact 220 is true but not the fact's; a stronger
        # bound ('more than 220') is not what the fact says at all
        report = self.diags.warning if supports(None, code) else self.diags.error
        report(pos, "bound-not-in-fact",
               f"the text says '{words} {printed}', a bound fact '{fact.id}' does not state",
               f"give the fact qualifier: {spec_words(code)} if its quote says so, "
               f"or delete '{words}' before {ref}")

    def _check_figures(self, node: Node, raw: str, offset: int, tokens: list, role: str) -> None:
        """Every figure is a {fact} or stands in a sentence with a [source] citation."""
        masked = list(raw)
        for tok in tokens:
            if tok.kind in ("fact", "cite"):
                masked[tok.offset:tok.end] = ("\x00" if tok.kind == "fact" else "\x01") * (tok.end - tok.offset)
        masked = "".join(masked)
        bounds = sentence_edges(masked)
        for start, end in zip(bounds, bounds[1:]):
            sentence = masked[start:end]
            # a citation placed just after the full stop still belongs to its sentence
            cites = [t for t in tokens if t.kind == "cite" and start <= t.offset < end]
            after = masked[end:]
            if after.lstrip().startswith("\x01"):
                lead = end + len(after) - len(after.lstrip())
                cites += [t for t in tokens if t.kind == "cite" and t.offset >= lead
                          and not masked[lead:t.offset].replace("\x01", "").strip()]
            cites = editions.sentence_cites(self, node, offset, cites)
            if cites is None:   # refused by the public edition, with its own error
                continue
            plain = sentence.replace("\x00", " ").replace("\x01", " ")
            figures = find_figures(plain, language=self.words.language)
            for figure in figures:   # '5،2 مليون': 5.2 or 2.5, whatever the source says
                if figure.doubt and "\u060c" in figure.text:
                    self.diags.error(locate(node, offset + start + figure.start, self.lines),
                                     "unreadable-figure", f"figure '{figure.text}' cannot be read "
                                     f"with certainty: {figure.doubt}")
            figures = [f for f in figures if not (f.doubt and "\u060c" in f.text)]
            if role == "heading":   # 'Phase 2', 'Part II': the name of a part, not a figure
                figures = [f for f in figures if not _PART_NUMBER.search(plain[:f.start])]
            if not cites:
                for figure in figures:
                    self.diags.error(locate(node, offset + start + figure.start, self.lines),
                                     "unsourced-figure",
                                     f"figure '{figure.text}' has no source: use a {{fact}} or cite "
                                     "a [source] in the same sentence")
                continue
            for figure in cited.whole_phrases(plain, figures):
                self._check_cited(node, raw, offset, (start, end), plain, figure, cites)

    def _check_cited(self, node: Node, raw: str, offset: int, bounds: tuple, plain: str,
                     figure, cites: list) -> None:
        """A figure in a cited sentence must be stated in the archive of a source it cites."""
        start, end = bounds
        indexes = {sid: (cited.figure_index(self.archives[sid]), self.archives[sid].path)
                   for sid in dict.fromkeys(cites) if sid in self.archives}
        if not indexes:   # unknown source or unreadable archive: reported already
            return
        european = cited.european_value(figure.text)
        found = None
        for sid, (index, _path) in indexes.items():
            if european is not None and index.find(european, figure.percent):
                found = None   # the source means 180,000; the sheet would print 180
                break
            hit = cited.lookup(figure, plain, index)
            if hit is not None:
                found = (sid, index, hit)
                break
        pos = locate(node, offset + start + figure.start, self.lines)
        if found is None:
            names = ", ".join(f"'{sid}'" for sid in indexes)
            hint = cited.missing_hint(figure, indexes, self._rel)
            elsewhere = self._stated_elsewhere(figure, plain, set(indexes))
            if elsewhere:
                hint += f"\n'{figure.text}' is in '{elsewhere}': cite [{elsewhere}] if it comes from there"
            hint += editions.public_hint(self, figure, plain)
            self.diags.error(pos, "cited-figure-not-in-source",
                             f"figure '{figure.text}' is not in the archived text of {names}, "
                             "which its sentence cites", hint)
            return
        sid, index, hit = found
        if figure.value is not None and not self._bound_agrees(pos, plain, figure, sid, index, hit):
            return
        # the sentence as printed: facts as their values, citation markers left out
        printed = " ".join(label_text(raw[start:end], self.facts, self.words).split())
        self.cited_figures.setdefault(raw, []).append(
            (start + figure.start, start + figure.end,
             cited.CitedFigure(figure.text, figure.value, figure.percent, sid, index.passage(hit),
                               re.sub(r"\s+(?=[.,;:!?])", "", printed))))

    def _bound_agrees(self, pos, plain: str, figure, sid: str, index, hit) -> bool:
        """The words before a cited figure ('more than 20,000') must state a bound its source
        supports, as a fact's qualifier must agree with its quote's; an error otherwise."""
        said, said_words = qualifier_before(plain[:figure.start])
        stated, stated_words = qualifier_before(index.text[:hit.start])
        if supports(stated, said):
            return True
        source = f"'{stated_words} {hit.text}'" if stated_words else f"'{hit.text}'"
        sheet = f"'{said_words} {figure.text}'" if said_words else f"'{figure.text}'"
        fix = f"write '{stated_words} {figure.text}'" if stated_words else \
            f"write '{figure.text}' without '{said_words}'"
        self.diags.error(pos, "cited-figure-bound",
                         f"figure {sheet} states {KIND_NAMES[kind(said)]}, which '{sid}' does not",
                         f"'{sid}' says {source}, {KIND_NAMES[kind(stated)]}: {fix}\n"
                         f"passage: \"{index.passage(hit)}\"")
        return False

    def _stated_elsewhere(self, figure, plain: str, skip: set):
        """Another source of the spec whose archive states the figure (cited by mistake)."""
        for sid, archive in self.archives.items():
            if sid not in skip and sid not in self.hidden and \
                    cited.lookup(figure, plain, cited.figure_index(archive)):
                return sid
        return None

    def _declare(self, what: str, node: Node) -> None:
        ident = node.get("id")
        if ident is not None and ident.kind == "str":
            self.declared.add((what, ident.value))
            self.declared.add((what, ident.value.strip()))

    # -- helpers and warnings --------------------------------------------------------------
    def _unknown(self, pos, what: str, name: str, known: dict, extra: str = "") -> None:
        if (what, name) in self.declared:
            return  # declared by an entry that already has its own error
        hint = did_you_mean(name, known)
        self.diags.error(pos, f"unknown-{what}", f"unknown {what} '{name}'{extra}", hint)

    def _warn_unused(self, root: Node) -> None:
        for fid, node in self.fact_nodes.items():
            if fid not in self.used_facts:
                self.diags.warning(node.value["id"].pos, "unused-fact",
                                   f"fact '{fid}' is not used on the sheet (not a key figure, never referenced)")
        sources = root.value.get("sources")
        # 'sources' may be any YAML value here; a wrong type was reported already
        for node in sources.value if sources is not None and sources.kind == "seq" else ():
            sid = node.get("id") if node.kind == "map" else None
            # as Fields.text read it: `id: 7` is '7'; `id: [1, 2]` (reported already) is no id
            name = str(sid.value) if sid is not None and sid.kind in ("str", "int") else None
            if name in self.sources and name not in self.cited_sources:
                self.diags.warning(sid.pos, "unused-source", f"source '{name}' is never cited")

    def _warn_conflicts(self) -> None:
        seen: dict = {}
        for fid, fact in self.facts.items():
            key = re.sub(r"\s+", " ", fact.label.strip().lower())
            other = seen.setdefault(key, fact)
            explained = other.note or fact.note   # e.g. different dates or definitions
            if other is not fact and (other.value, other.unit) != (fact.value, fact.unit) and not explained:
                self.diags.warning(self.fact_nodes[fid].value["label"].pos, "conflicting-facts",
                                   f"facts '{other.id}' and '{fid}' have the same label but different "
                                   f"values ({ENGLISH.value(other)} and {ENGLISH.value(fact)}): add a note: that explains it")


    def _warn_stale(self, root: Node, as_of, key_figures: list) -> None:
        if self.max_age is None:
            return
        oldest = date.fromordinal(self.today.toordinal() - self.max_age)
        if as_of and as_of < oldest:
            self.diags.warning(root.value["as_of"].pos, "stale",
                               f"'as_of' {as_of} is {(self.today - as_of).days} days old "
                               f"(more than {self.max_age}): check the figures are still current")
        for fid in key_figures:
            fact = self.facts[fid]
            if fact.date and fact.date < oldest:
                self.diags.warning(self.fact_nodes[fid].value["date"].pos, "stale",
                                   f"key figure '{fid}' is dated {fact.date}, "
                                   f"{(self.today - fact.date).days} days old (more than {self.max_age})")


def _same(a: float, b: float) -> bool:
    return abs(a - b) < 1e-9


def _not_utf8(path: Path, exc: UnicodeDecodeError) -> Diagnostics:
    """A spec in another encoding is a fault in the spec: say where the first bad byte is."""
    before = exc.object[:exc.start]
    line = before.count(b"\n") + 1
    col = len(before[before.rfind(b"\n") + 1:].decode("utf-8", "replace")) + 1
    diags = Diagnostics(str(path))
    diags.error((line, col), "not-utf8", f"not UTF-8 text: byte 0x{exc.object[exc.start]:02x} "
                "cannot be read; save the spec as UTF-8")
    return diags


def check_spec(path, cache: ArchiveCache | None = None, today: date | None = None,
               max_age: int | None = None, archives: bool = True, edition: str | None = None):
    """Validate one spec file. Returns (Sheet or None, Diagnostics).

    `edition`: "internal" (None: the default, every source) or "public": the Sheet then holds
    nothing of a confidential source, and what would need one is an error (validate/edition.py).

    `archives=False` (for `diff`, which compares figures only) opens no archive: archive
    files, quotes and the figures of cited sentences are not checked; the rest is.

    Raises UsageError when the file itself cannot be read (missing, a folder, no permission).
    """
    path = Path(path)
    try:
        with reading(path, "spec file"):
            text = read_text(path)
    except UnicodeDecodeError as exc:
        return None, _not_utf8(path, exc)
    check = _Check(path, text, cache or _SHARED_CACHE, today or date.today(), max_age, archives,
                   editions.check_edition(edition))
    sheet = check.run(text)
    return sheet, check.diags
