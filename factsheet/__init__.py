"""factsheet: one-page humanitarian fact sheets, in PDF and DOCX, from YAML specs of verified facts.

The pipeline, one module per stage:
  load      (load.py)      YAML into positioned nodes, safely
  validate  (validate.py)  every rule; archives (archive.py), figures (numbers.py),
                           qualifiers (qualifiers.py), markup.py
  model     (model.py)     the verified `Sheet`, built by assemble.py
  layout    (layout.py)    the one fit decision both renderers share
  render    (render/)      the format registry; pdf, docx, audit (HTML), data (JSON, HXL CSV)
  build     (build.py, batch.py)  atomic writes, manifests, what changed

Use it without the command line:
    from factsheet import check_spec
    sheet, diagnostics = check_spec("specs/raqqa-2017.yaml")
"""
__version__ = "0.1.0"


def check_spec(path, **options):
    """Validate a spec: (Sheet or None, diagnostics). See factsheet.validate.check_spec."""
    from .validate.rules import check_spec as _check
    return _check(path, **options)
