"""The lowest layer: the shared document types, the base of the error hierarchy and word lists.

Everything else (`redaction`, `prompts`, `assistant`, `evaluation`, `api`) may import `core`;
`core` imports none of them. Nothing here loads a model or reads settings.
"""

from __future__ import annotations

__version__ = "0.1.0"
