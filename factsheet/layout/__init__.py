"""Stage 6, layout: the one fit decision every renderer draws, finished before any of them runs.

`fit.fit_page(sheet, template) -> Layout` is the stage's door. `geometry` holds the Layout
(sizes, boxes, tile geometry) and its renderer-neutral drawing items; `text` the words as set
(ties, blocks, band, sources, footer); `paragraphs`, `compose` and `columns` measure a page with
ReportLab's line breaking. ReportLab measures here; no ReportLab object is part of the Layout.
"""
