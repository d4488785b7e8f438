"""Shared CLI plumbing: exit codes and error reporting.

Exit codes: 0 success, 2 bad input (message on stderr), 1 internal or environment failure,
130 interrupted (Ctrl-C), as shells report a process ended by SIGINT.
"""

from __future__ import annotations

import functools
import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from typing import ParamSpec, TypeVar

import typer

from core.errors import BadInputError, ConfigurationError, OffsetError

P = ParamSpec("P")
R = TypeVar("R")

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130


def fail(message: str, code: int = EXIT_BAD_INPUT) -> typer.Exit:
    """Print an error to stderr and return the Exit to raise."""
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def handle_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Map domain errors to exit codes with a clear message; anything else is a bug (exit 1)."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except BadInputError as e:
            raise fail(str(e), EXIT_BAD_INPUT) from e
        except OffsetError as e:
            raise fail(str(e), EXIT_INTERNAL) from e
        except KeyboardInterrupt as e:
            raise fail(
                "interrupted. Nothing was half-written: outputs are written only when a run completes, "
                "and the input was not changed.",
                EXIT_INTERRUPTED,
            ) from e

    return wrapper


def read_text_arg(path: str) -> str:
    """Read UTF-8 text from a file path or '-' for standard input; binary or other encodings are bad input."""
    if path == "-":
        return decode_text(sys.stdin.buffer.read(), "standard input")
    p = Path(path)
    if not p.is_file():
        raise BadInputError(f"{path}: no such file. Give a text file, or '-' to read standard input.")
    return decode_text(p.read_bytes(), path)


def decode_text(data: bytes, source: str) -> str:
    """`data` as UTF-8 text, or a BadInputError that names the source and says how to convert it."""
    if b"\x00" in data[:65536]:
        raise BadInputError(
            f"{source}: this looks like a binary file (it contains NUL bytes), not text. "
            "Give a plain-text file (.txt) or a transcript.json."
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise BadInputError(
            f"{source}: not UTF-8 text (byte 0x{data[e.start]:02x} at position {e.start}). "
            "Convert it to UTF-8 first, e.g. `iconv -f WINDOWS-1252 -t UTF-8 notes.txt > notes-utf8.txt`."
        ) from e


EVAL_EXTRA_MODULES = ("jiwer", "rouge_score", "matplotlib")


def require_eval_extra() -> None:
    """Measurement commands need the optional `eval` extra; say how to install it when it is missing."""
    missing = [m for m in EVAL_EXTRA_MODULES if importlib.util.find_spec(m) is None]
    if missing:
        raise ConfigurationError(
            f"`offset eval` needs the evaluation extra ({', '.join(missing)} not installed). "
            "Install it with `.venv/bin/pip install -e '.[eval]'` (`make test` installs it)."
        )
