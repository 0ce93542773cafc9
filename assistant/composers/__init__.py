"""Answer composers behind one protocol: `llm` (OpenAI-compatible endpoint) and `extractive` (offline)."""
