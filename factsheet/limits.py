"""Every limit the tool enforces, in one place: the README's "Security and limits" quotes these.

A one-page sheet needs a few kB of spec and a handful of articles; the limits sit far above
that, and exist so that a mistaken or hostile file is refused quickly instead of costing
minutes, gigabytes or a sheet nobody can read.
"""
MAX_SPEC_BYTES = 1_000_000        # a spec file; a real one is 2-10 kB
MAX_YAML_VALUES = 50_000          # values after expanding aliases: stops "billion laughs"
MAX_YAML_DEPTH = 50               # lists and mappings inside each other; a real spec nests 4 deep
MAX_ARCHIVE_BYTES = 20_000_000    # one archived article; a long report is ~0.5 MB of text
MAX_SOURCES = 100
MAX_FACTS = 300
MAX_SECTIONS = 20
MAX_BULLETS = 40                  # per section
MAX_KEY_FIGURES = 6
MAX_CHART_POINTS = 10             # bars or dates in one chart: more cannot be told apart in a column
MAX_TEMPLATE_FILE_BYTES = 20_000_000   # a template's logo or Word reference file
MAX_LOGO_PIXELS = 25_000_000      # 5000 x 5000: a print logo needs a fraction of that
MAX_BUILD_SECONDS = 60            # one sheet, all formats; a normal build takes 0.02-0.3 s

# Characters per field. What is printed must fit one page; a quote is a sentence or two.
MAX_CHARS = {
    "title": 200, "subtitle": 200, "location": 200, "organisation": 200, "contact": 200,
    "disclaimer": 1_000, "label": 300, "heading": 200, "text": 6_000, "bullet": 1_000,
    "quote": 2_000, "note": 1_000, "keyword": 100, "url": 2_000,
}
MAX_CHARS_OTHER = 500             # ids, units, source titles, publishers, paths...


def max_chars(field: str) -> int:
    return MAX_CHARS.get(field, MAX_CHARS_OTHER)
