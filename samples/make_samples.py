"""Regenerate the bundled sample recordings (needs espeak-ng).

    python samples/make_samples.py

- samples/visit_demo.ogg: the ~3.5-minute demo visit processed by `make demo`.
- samples/visit_bench.ogg: the same visit continued (~7 minutes), used by `make bench`.
Scripts gain per-line start/end times as ground truth.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from evaluation.synth import render_script  # noqa: E402

BITRATE = 24_000  # Opus speech at 24 kb/s keeps the repository small


def main() -> None:
    demo = HERE / "visit_demo.json"
    print(HERE / "visit_demo.ogg", round(render_script(demo, HERE / "visit_demo.ogg", BITRATE).duration, 1), "s")
    script = json.loads(demo.read_text())
    extra = json.loads((HERE / "bench_extra_lines.json").read_text())
    lines = [{"speaker": x["speaker"], "text": x["text"], **({"speed": x["speed"]} if "speed" in x else {})}
             for x in script["lines"] + extra["lines"]]
    bench = HERE / "visit_bench.json"
    bench.write_text(json.dumps({"description": "Benchmark: demo visit + bench_extra_lines.json (generated).",
                                 "voices": script["voices"], "lines": lines}, indent=2))
    print(HERE / "visit_bench.ogg", round(render_script(bench, HERE / "visit_bench.ogg", BITRATE).duration, 1), "s")


if __name__ == "__main__":
    main()
