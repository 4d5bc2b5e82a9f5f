"""Stage 4, the sheet: the verified model, how it is assembled, and its records and dumps."""
