"""The HTTP service: FastAPI app for support tools and the website chat widget."""
