"""Personal-data redaction: Presidio plus UK identifiers, consistent placeholders, a vault."""

from __future__ import annotations

import sys


def _import_presidio_without_torch() -> None:
    """Import Presidio with transformers/torch hidden from it.

    Presidio probes for transformers and torch at import time (for NLP engines Offset does not
    use), which costs seconds before the first redaction. Hiding them during that one import
    makes its optional probes fail fast; they are importable again straight after. Where
    another stage already imported them, nothing is hidden.
    """
    if "presidio_analyzer" in sys.modules:
        return
    hidden = [name for name in ("transformers", "torch") if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # `import name` now raises ImportError
    try:
        import presidio_analyzer  # noqa: F401
    finally:
        for name in hidden:
            del sys.modules[name]


_import_presidio_without_torch()
