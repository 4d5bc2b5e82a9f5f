"""Stage 1, the spec: YAML with positions, the fields and markup of the format, figures and sentences in its text, and writing specs (starter, edits)."""
