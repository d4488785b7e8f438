"""The layers stay one-way: api > evaluation > assistant > redaction | prompts > core."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_contract_is_kept() -> None:
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint_imports, "import-linter is a dev dependency: run `make test`, which installs it"
    result = subprocess.run([lint_imports], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_lower_layers_import_without_the_pipeline_or_presidio() -> None:
    code = (
        "import sys; import core.transcript, core.events, prompts, redaction.models, redaction.known, "
        "redaction.vault, redaction.settings; "
        "bad = [m for m in ('assistant', 'api', 'evaluation', 'presidio_analyzer', 'torch') if m in sys.modules]; "
        "print(','.join(bad))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"lower layers pulled in: {result.stdout.strip()}"
