"""The ingestion job: load → clean → normalize → chunk → embed → upsert, incrementally."""
