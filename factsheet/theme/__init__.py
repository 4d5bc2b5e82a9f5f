"""Stage 2, the look: templates (page, colours, sizes, Word styles) and the bundled fonts."""
