"""`python -m api.cli ...`, the same as `offset ...`."""

from api.cli import main

main()
