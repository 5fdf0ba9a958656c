"""Findings across documents: the people registry (later stories, evidence and status)."""
