"""Catalogue page types and taxonomies (filled in by the Catalogue issue)."""
