"""Checks: each file against the schema, then across files (references, contrast)."""
