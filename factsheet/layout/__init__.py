"""Stage 6, layout: the one fit decision every renderer draws."""
