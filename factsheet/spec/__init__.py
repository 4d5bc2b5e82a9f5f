"""Stage 1, the spec: the format read with positions, its markup, figures and sentences, and writing specs.

YAML with positions (`load`), typed fields, inline markup and ids, figures and sentences in
its text, qualifiers and dates as read; writing specs (`starter`, `edit`).
"""
