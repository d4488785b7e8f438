"""Personal-data redaction: Presidio plus UK identifiers, consistent placeholders, a vault.

A layer of its own: it imports `core` and never the pipeline (`assistant`). Importing this
package loads nothing heavy; Presidio and spaCy load with `redaction.redactor`.
"""
