"""Drafters fill a form template from a redacted transcript, with evidence on every field."""
