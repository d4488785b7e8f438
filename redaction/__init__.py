"""Personal-data redaction: Presidio plus UK identifiers, consistent placeholders, a vault."""
