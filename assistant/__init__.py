"""The assistant: query understanding, the retrieval chain, answer composers and the computation tool."""
