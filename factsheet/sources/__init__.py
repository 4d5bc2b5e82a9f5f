"""Stage 3, sources: reading archived articles, archiving new ones, drafting facts from them."""
