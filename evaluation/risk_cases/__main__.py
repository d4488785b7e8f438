"""python -m evaluation.risk_cases: per-split scores of the risk assessment on the risk cases."""

from __future__ import annotations

import argparse
import json

from evaluation.risk_cases import __doc__ as DOC
from evaluation.risk_cases import load_cases, score, summary


def main(argv: list[str] | None = None) -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=DOC, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=["all", "tuned", "held_out"], default="all")
    parser.add_argument(
        "--show-misses", action="store_true", help="list the failing cases (of the tuned half unless --split says)"
    )
    args = parser.parse_args(argv)
    cases = [c for c in load_cases() if args.split in ("all", c.split)]
    scores = score(cases)
    print(json.dumps(summary(scores), indent=2))
    if args.show_misses:
        for split, s in scores.items():
            if args.split == "all" and split != "tuned":
                continue  # held-out misses are not for tuning on
            for miss in s.misses:
                print(f"{split}: {miss}")


if __name__ == "__main__":
    main()
