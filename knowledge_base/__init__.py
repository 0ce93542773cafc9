"""The knowledge base: embedders, the Chroma store, the lexical index and the retrievers."""
