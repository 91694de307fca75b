"""Accessibility checks for committee papers: ``reportgen check FILE…``."""
