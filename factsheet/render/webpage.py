"""Stage 7c, HTML sheet: the Layout as one self-contained, responsive, printable web page.

The same words, figures, citation numbers and sources as the PDF, drawn from the Layout (band,
key figure tiles, section blocks, sources, footer) and worded by sheet/words.py; nothing is
measured here. The page carries its own style and no script (the CSP of render/html.py): one
column on a phone, two on a wide screen as on paper, and print styles that put it on one page
of the template's paper at the PDF's sizes. Each citation marker links to its source's entry
on the audit page (<stem>.sources.html#source-<id>).
"""
from __future__ import annotations

import math

from ..sheet.model import Span
from ..sheet.words import words_for
from . import get_format
from .accessible import logo_alt
from .html import escape_text as _e, file_href as _href, is_web_url, language_links, page_html

NARROW = 700   # px: below this width the page is one column (a phone)


def render_html(sheet, layout, out_path) -> None:
    """Write the sheet as one web page to out_path."""
    if layout.footer is None:
        raise ValueError("render_html draws a finished layout: fit the page first (layout.fit.fit_page)")
    with open(out_path, "wb") as handle:
        handle.write(sheet_html(sheet, layout).encode("utf-8"))


def sheet_html(sheet, layout) -> str:
    """The whole page: header band, key figures, sections, sources and footer."""
    words = words_for(sheet.language)
    audit = _href(get_format("audit").file_name(sheet.stem))
    ids = {ref.number: ref.source.id for ref in sheet.references}

    def cite_link(number: str) -> str:
        target = ids.get(int(number)) if number.isdigit() else None
        if target is None:
            return _e(number)
        name = _e(words("cite_source", number=number))
        return f'<a href="{audit}#source-{_e(target)}" aria-label="{name}">{_e(number)}</a>'

    def spans(inline) -> str:
        out = []
        for span in inline:
            if span.kind == "figure":
                out.append(f"<strong>{_e(span.text)}</strong>")
            elif span.kind == "gap":
                out.append(f'<span class="gap">{_e(span.text)}</span>')
            elif span.kind == "cite":
                out.append(f'<sup class="cite">'
                           f'{",".join(cite_link(n) for n in span.text.split(","))}</sup>')
            else:
                out.append(_e(span.text))
        return "".join(out)

    html_file = get_format("html").file_name
    alternates, languages = language_links(sheet.stem, sheet.languages,
                                           lambda stem: _href(html_file(stem)), words("audit_languages"))
    parts = [languages, _band(layout, spans, _logo(sheet, layout, words)), "<main>\n"]
    if layout.tile_rows:
        parts.append(_figures(layout, spans, words))
    parts.append(_sections(layout, spans))
    if layout.sources:
        parts.append(_sources(layout, words, audit, ids))
    parts.append("</main>\n")
    parts.append(_footer(layout, words, audit))
    return page_html(sheet.language, sheet.title_text, "".join(parts), css=page_css(layout),
                     head=alternates)


def _logo(sheet, layout, words) -> str:
    """The template's logo as an <img> inside the page (a data: URL: the page stays one file,
    and its policy lets no image come from elsewhere), at the PDF's size; '' without one."""
    logo = layout.template.logo
    if logo is None or not layout.logo_width:
        return ""
    import base64

    kind = "png" if logo.suffix.lower() == ".png" else "jpeg"
    data = base64.b64encode(logo.read_bytes()).decode("ascii")
    alt = logo_alt(sheet, layout.template)
    body = layout.body_size
    return (f'<img class="logo" src="data:image/{kind};base64,{data}" alt="{_e(alt)}" '
            f'style="width: {layout.logo_width / body:.3f}em; height: {layout.logo_height / body:.3f}em">\n')


def _band(layout, spans, logo="") -> str:
    tags = {"organisation": ("p", "organisation"), "title": ("h1", "title"),
            "subtitle": ("p", "subtitle"), "meta": ("p", "meta")}
    lines = []
    for role, inline in layout.band:
        tag, name = tags[role]
        lines.append(f'<{tag} class="{name}">{spans(inline)}</{tag}>')
    return '<header class="band">\n' + logo + "\n".join(lines) + "\n</header>\n"


def _figures(layout, spans, words) -> str:
    """The key figures as one list, each item its qualifier, number and label: read in one go."""
    items = []
    units = math.lcm(*layout.figure_rows) if layout.figure_rows else 1
    for row in layout.tile_rows:
        span = units // len(row.tiles)     # a row of two beside a row of three: wider tiles
        for tile in row.tiles:
            icon = _icon(tile.icon) if tile.icon else ""
            qualifier = ""
            if tile.qualifier:
                qualifier = f'<span class="qualifier">{_e(tile.qualifier)}</span> '
            elif row.qualified:   # keeps the numbers of a row on one line, as in the PDF
                qualifier = '<span class="qualifier" aria-hidden="true"></span>'
            items.append(f'<li style="--span: {span}">{icon}{qualifier}<span class="number">{_e(tile.number)}</span> '
                         f'<span class="label">{spans(tile.label)}</span></li>')
    return (f'<ul class="figures" style="--per-row: {units}" aria-label="{_e(words("key_figures"))}">\n'
            + "\n".join(items) + "\n</ul>\n")


def _icon(icon) -> str:
    """A key figure's icon inline, as tall as two lines of the label; hidden from screen
    readers unless it has alt text (the label says what the figure is)."""
    from ..theme.icons import svg_text   # only a sheet with icons reads them

    about = f' role="img" aria-label="{_e(icon.alt)}"' if icon.alt else ' aria-hidden="true"'
    return svg_text(icon.name, icon.colour, f' class="icon" focusable="false"{about} style="display: '
                    'block; height: 2.2em; width: auto; margin-bottom: .3em"')


def _blocks(layout) -> list:
    """The section blocks in reading order, a paragraph divided between the columns whole again."""
    blocks = []
    for block in (*layout.columns[0], *layout.columns[1]):
        if block.kind == "chart":   # the chart's text equivalent: its title and every value
            blocks.append(("chart", (Span(block.chart.alt_text),), block.section))
        elif block.continued and blocks:
            head = blocks[-1]
            blocks[-1] = (head[0], head[1] + (Span(" "),) + block.inline, head[2])
        else:
            blocks.append((block.kind, block.inline, block.section))
    return blocks


def _sections(layout, spans) -> str:
    out, open_section, open_list = ['<div class="columns">\n'], None, False
    for kind, inline, section in _blocks(layout):
        if open_list and kind != "bullet":
            out.append("</ul>\n")
            open_list = False
        if section != open_section:
            if open_section is not None:
                out.append("</section>\n")
            out.append("<section>\n")
            open_section = section
        if kind == "heading":
            out.append(f"<h2>{spans(inline)}</h2>\n")
        elif kind == "bullet":
            if not open_list:
                out.append("<ul>\n")
                open_list = True
            out.append(f"<li>{spans(inline)}</li>\n")
        else:
            out.append(f"<p>{spans(inline)}</p>\n")
    if open_list:
        out.append("</ul>\n")
    if open_section is not None:
        out.append("</section>\n")
    out.append("</div>\n")
    return "".join(out)


def _sources(layout, words, audit, ids) -> str:
    items = []
    for number, text, url in layout.sources:
        digits = number.strip("[]")
        target = ids.get(int(digits)) if digits.isdigit() else None
        ref = _e(number) if target is None else f'<a href="{audit}#source-{_e(target)}">{_e(number)}</a>'
        link = ""
        if url:
            link = f'<a href="{_e(url)}">{_e(url)}</a>' if is_web_url(url) else _e(url)
        anchor = f' id="ref-{_e(digits)}"' if digits.isdigit() else ""
        items.append(f'<li{anchor}><span class="ref">{ref}</span> {_e(text)}{link}</li>')
    return (f'<section class="sources">\n<h2>{_e(words("sources"))}</h2>\n<ul>\n'
            + "\n".join(items) + "\n</ul>\n</section>\n")


def _footer(layout, words, audit) -> str:
    footer = layout.footer
    lines = []
    if footer.disclaimer:
        lines.append(f'<p class="disclaimer">{_e(footer.disclaimer)}</p>')
    if footer.contact:
        lines.append(f'<p class="contact">{_e(footer.contact)}</p>')
    lines.append(f'<p class="produced">{_e(footer.produced)}</p>')
    lines.append(f'<p class="audit-link"><a href="{audit}">{_e(words("sources_page"))}</a></p>')
    return "<footer>\n" + "\n".join(lines) + "\n</footer>\n"


def page_css(layout) -> str:
    """The page's style: the template's colours and font, the Layout's sizes. On screen, sizes
    are the PDF's relative to its body size (1 rem); in print, the PDF's own points."""
    colours, body = layout.template.colours, layout.body_size

    def em(points: float) -> str:
        return f"{points / body:.3f}em"

    page = layout.template.page
    top, right, bottom, left = (f"{v:.1f}pt" for v in (layout.margin_top, layout.margin_right,
                                                         layout.margin_bottom, layout.margin_left))
    return f"""
:root {{ --primary: {colours.primary}; --accent: {colours.accent}; --text: {colours.text};
  --muted: {colours.muted}; --on-band: {colours.header_text}; --on-band-muted: {colours.header_muted};
  --panel: {colours.panel}; }}
* {{ box-sizing: border-box; }}
html {{ -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }}
body {{ margin: 0; color: var(--text); background: #fff; font-size: 1rem;
  line-height: {layout.leading / body:.3f}; overflow-wrap: break-word;
  font-family: "{layout.template.font}", "Noto Sans", "Noto Sans Arabic", system-ui, -apple-system, "Segoe UI", Roboto,
    "Helvetica Neue", Arial, sans-serif; }}
h1, h2, p, ul {{ margin: 0; }}
a {{ color: var(--primary); }}
.languages {{ padding: .4rem max(1rem, calc(50% - 30rem)); font-size: .9rem; border-bottom: 1px solid var(--panel); }}
.languages a, .languages span {{ display: inline-block; padding: .2rem 0; }}
.languages [aria-current] {{ font-weight: 700; }}
.band {{ background: var(--primary); color: var(--on-band); padding: 1.5rem max(1rem, calc(50% - 30rem)) {em(layout.band_pad_bottom)}; }}
.band a {{ color: inherit; }}
.band::after {{ content: ""; display: block; clear: both; }}
.band .logo {{ float: inline-end; max-width: 30%; object-fit: contain; margin-inline-start: {em(layout.column_gap)}; }}
.band p + *, .band h1 + * {{ margin-top: {em(layout.band_gap)}; }}
.organisation, .meta {{ color: var(--on-band-muted); font-weight: 700; font-size: {em(layout.small_size)};
  line-height: {layout.small_leading / layout.small_size:.3f}; }}
h1 {{ font-size: {em(layout.title_size)}; line-height: {layout.title_leading / layout.title_size:.3f}; }}
.subtitle {{ font-size: {em(layout.subtitle_size)}; line-height: {layout.subtitle_leading / layout.subtitle_size:.3f}; }}
main, footer {{ max-width: 62rem; margin: 0 auto; padding: 0 1rem; }}
.figures {{ list-style: none; padding: 0; margin: {em(layout.block_gap)} 0;
  display: grid; grid-template-columns: repeat(auto-fill, minmax(9rem, 1fr)); gap: {layout.cell_gap:.1f}pt; }}
.figures li {{ background: var(--panel); padding: {em(layout.cell_pad_v)} {em(layout.cell_pad_h)}; }}
.figures .qualifier {{ display: block; color: var(--muted); font-size: {em(layout.small_size)};
  line-height: {layout.small_leading / layout.small_size:.3f};
  min-height: {layout.small_leading / layout.small_size:.3f}em; }}
.figures .number {{ display: block; color: var(--accent); font-weight: 700;
  font-size: min({em(layout.figure_size)}, 8vw); line-height: {layout.figure_leading / layout.figure_size:.3f};
  margin-bottom: {layout.label_gap / layout.figure_size:.3f}em; overflow-wrap: anywhere; }}
.figures .label {{ display: block; font-size: {em(layout.small_size)};
  line-height: {layout.small_leading / layout.small_size:.3f}; }}
.columns {{ margin: {em(layout.block_gap)} 0; }}
.columns section {{ margin-bottom: {em(layout.section_space)}; }}
.columns h2 {{ color: var(--primary); font-size: {em(layout.heading_size)};
  line-height: {layout.heading_leading / layout.heading_size:.3f};
  padding-bottom: {layout.rule_gap:.1f}pt; border-bottom: {layout.rule_width}pt solid var(--primary);
  margin-bottom: {em(layout.heading_space)}; break-after: avoid; page-break-after: avoid; }}
.columns p + p, .columns p + ul {{ margin-top: {em(layout.paragraph_space)}; }}
.columns ul {{ padding-inline-start: {em(layout.bullet_indent)}; }}
.columns li + li {{ margin-top: {em(layout.bullet_space)}; }}
.columns li::marker {{ color: var(--primary); }}
.cite {{ font-size: .7em; line-height: 0; }}
.cite a {{ text-decoration: none; padding: 0 .1em; }}
.gap {{ font-size: .3em; }}
.sources {{ margin: {em(layout.block_gap)} 0; font-size: {em(layout.small_size)};
  line-height: {layout.small_leading / layout.small_size:.3f}; color: var(--muted); }}
.sources h2 {{ font-size: 1em; color: var(--primary); margin-bottom: {em(layout.source_space)}; }}
.sources ul {{ list-style: none; padding: 0; }}
.sources li {{ padding-inline-start: {layout.source_indent / layout.small_size:.3f}em;
  text-indent: -{layout.source_indent / layout.small_size:.3f}em; overflow-wrap: anywhere; }}
.sources li + li {{ margin-top: {layout.source_space / layout.small_size:.3f}em; }}
.sources .ref {{ display: inline-block; min-width: {layout.source_indent / layout.small_size:.3f}em;
  text-indent: 0; }}
.sources .ref a {{ color: inherit; text-decoration: none; }}
footer {{ color: var(--muted); font-size: {em(layout.small_size)};
  line-height: {layout.small_leading / layout.small_size:.3f}; padding-bottom: 2rem; }}
footer::before {{ content: ""; display: block; border-top: {layout.rule_width}pt solid var(--primary);
  margin-bottom: {2 * layout.rule_gap:.1f}pt; }}
.disclaimer {{ font-style: italic; }}
@media (min-width: {NARROW}px) {{
  .figures {{ grid-template-columns: repeat(var(--per-row), 1fr); }}
  .figures li {{ grid-column: span var(--span); }}
  .figures .number {{ font-size: {em(layout.figure_size)}; }}
  .columns {{ column-count: 2; column-gap: {em(layout.column_gap)}; }}
  .columns section {{ break-inside: auto; }}
  .columns p, .columns li {{ orphans: 2; widows: 2; }}
}}
@page {{ size: {page}; margin: 0; }}
@media print {{
  html {{ font-size: {body}pt; }}
  body {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
  a {{ color: inherit; text-decoration: none; }}
  .band {{ padding: {top} {right} {layout.band_pad_bottom:.1f}pt {left}; }}
  main, footer {{ max-width: none; padding: 0 {right} 0 {left}; }}
  main {{ padding-bottom: {layout.body_bottom:.1f}pt; }}   /* the fixed footer's room, as in the PDF */
  .figures {{ grid-template-columns: repeat(var(--per-row), 1fr); }}
  .figures li {{ grid-column: span var(--span); }}
  .figures .number {{ font-size: {em(layout.figure_size)}; }}
  .columns {{ column-count: 2; column-gap: {layout.column_gap:.1f}pt; }}
  footer {{ position: fixed; bottom: {bottom}; left: 0; right: 0; padding-bottom: 0; }}
  .audit-link, .languages {{ display: none; }}
}}
"""
