"""factsheet: one-page humanitarian fact sheets, in PDF and DOCX, from YAML specs of verified facts.

The pipeline, one folder per stage, each importing only from the ones before it
(docs/architecture.md walks them in order):
  spec/      the spec format: YAML with positions, fields, markup, figures in prose, qualifiers
  theme/     templates (one look-up rule; built-in ones ship here) and the bundled fonts
  sources/   archived articles: reading them, archiving new ones, drafting facts from them
  sheet/     the verified model (`Sheet`), its assembly, its record and dump
  validate/  every rule, all problems in one run; produces the `Sheet`
  layout/    the one fit decision: every size and position, before any renderer runs
  render/    the one registry of output formats; each renderer only draws the layout
  build/     sheets into files: atomically, in parallel, only what changed, with a record
  commands.py and cli.py: the command line, a thin layer over the above

Use it without the command line:
    from factsheet import build_sheet, check_spec
    sheet, diagnostics = check_spec("specs/raqqa-2017.yaml")
    if sheet is not None:
        build_sheet(sheet, None, "output")
"""
__version__ = "0.1.0"


def check_spec(path, **options):
    """Validate a spec: (Sheet or None, diagnostics). See factsheet.validate.rules.check_spec."""
    from .validate.rules import check_spec as _check
    return _check(path, **options)


def build_sheet(sheet, template, out_dir, **options) -> list:
    """Write a checked sheet's files (PDF and DOCX); see factsheet.build.sheet.build_sheet."""
    from .build.sheet import build_sheet as _build
    return _build(sheet, template, out_dir, **options)
