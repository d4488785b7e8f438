"""Load and validate form templates and their Jinja prompt files.

Every failure names the file and the field, so whoever adds a form can fix it without reading code.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import jinja2.meta
import yaml
from pydantic import ValidationError

from prompts.errors import TemplateNotFoundError, TemplateValidationError
from prompts.schema import FormTemplate

TEMPLATES_DIR = Path(__file__).resolve().parent
JINJA_DIR = TEMPLATES_DIR / "jinja"
EXPORT_SUFFIX = ".export.yaml"

# The variables each prompt file may use; anything else is a typo caught on load.
PROMPT_VARIABLES: dict[str, frozenset[str]] = {
    "system": frozenset({"form"}),
    "field": frozenset({"form", "field", "evidence", "speakers", "schema", "previous_error"}),
}


def _jinja_env(directory: Path) -> jinja2.Environment:
    # Prompts are plain text for a model, never HTML: autoescape would corrupt them.
    return jinja2.Environment(  # noqa: S701
        loader=jinja2.FileSystemLoader(str(directory)),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def _check_prompt(path: Path, kind: str, yaml_path: Path) -> None:
    if not path.is_file():
        raise TemplateValidationError(
            f"{yaml_path}: field 'prompts.{kind}': prompt file {path.name!r} not found in {path.parent}."
        )
    try:
        ast = _jinja_env(path.parent).parse(path.read_text(encoding="utf-8"))
    except jinja2.TemplateSyntaxError as e:
        raise TemplateValidationError(f"{path}: line {e.lineno}: Jinja syntax error: {e.message}") from e
    unknown = jinja2.meta.find_undeclared_variables(ast) - PROMPT_VARIABLES[kind]
    if unknown:
        allowed = ", ".join(sorted(PROMPT_VARIABLES[kind]))
        raise TemplateValidationError(
            f"{path}: uses undefined variable(s) {', '.join(sorted(unknown))}; a {kind} prompt may use: {allowed}."
        )


def load_template_file(path: Path, prompts_dir: Path = JINJA_DIR) -> FormTemplate:
    """Parse and validate one template YAML file and check the prompt files it names."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as e:
        raise TemplateValidationError(f"{path}: not valid YAML: {e}") from e
    if not isinstance(raw, dict):
        raise TemplateValidationError(f"{path}: expected a mapping with name, version, title and fields.")
    try:
        template = FormTemplate.model_validate(raw)
    except ValidationError as e:
        first = e.errors()[0]
        where = _field_path(raw, first.get("loc", ()))
        raise TemplateValidationError(f"{path}: field '{where}': {first.get('msg')}.") from e
    for kind in PROMPT_VARIABLES:
        _check_prompt(prompts_dir / getattr(template.prompts, kind), kind, path)
    return template.model_copy(update={"source_path": path})


def _field_path(raw: dict[str, Any], loc: tuple[Any, ...]) -> str:
    """`fields.3.type` -> `fields[risks].type`: name the field by its id where we can."""
    parts: list[str] = []
    for i, p in enumerate(loc):
        if isinstance(p, int) and parts and parts[-1] == "fields":
            fields = raw.get("fields") or []
            fid = fields[p].get("id") if p < len(fields) and isinstance(fields[p], dict) else None
            parts[-1] = f"fields[{fid or p}]"
        else:
            parts.append(str(p) if i == 0 or not isinstance(p, int) else f"[{p}]")
    return ".".join(parts)


@lru_cache(maxsize=4)
def _all_templates(directory: Path) -> dict[str, FormTemplate]:
    templates: dict[str, FormTemplate] = {}
    for path in sorted(directory.glob("*.yaml")):
        if path.name.endswith(EXPORT_SUFFIX):
            continue  # a form's JSON export mapping (prompts/export_mapping.py), not a form
        t = load_template_file(path)
        if t.name in templates:
            raise TemplateValidationError(f"{path}: field 'name': {t.name!r} is already used by another file.")
        templates[t.name] = t
    return templates


def list_templates(directory: Path = TEMPLATES_DIR) -> list[FormTemplate]:
    """Every form template shipped in `prompts/`, sorted by name."""
    return sorted(_all_templates(directory).values(), key=lambda t: t.name)


def load_template(name: str, directory: Path = TEMPLATES_DIR) -> FormTemplate:
    """The template called `name` (or a path to a YAML file); unknown names list the available ones."""
    if name.endswith((".yaml", ".yml")) and Path(name).is_file():
        return load_template_file(Path(name))
    templates = _all_templates(directory)
    if name not in templates:
        available = ", ".join(sorted(templates)) or "(none)"
        raise TemplateNotFoundError(
            f"no form template called {name!r}. Available: {available}. "
            "See them with `offset templates list`, or add prompts/<name>.yaml."
        )
    return templates[name]


def render_prompt(template: FormTemplate, kind: str, **variables: Any) -> str:
    """Render one of the form's prompt files with strict variables."""
    filename = getattr(template.prompts, kind)
    try:
        return _jinja_env(JINJA_DIR).get_template(filename).render(form=template, **variables)
    except jinja2.UndefinedError as e:
        raise TemplateValidationError(f"{JINJA_DIR / filename}: {e.message}") from e


def prompt_hash(template: FormTemplate) -> str:
    """sha256 over the template file and its prompt files: changes whenever what drives a draft changes."""
    h = hashlib.sha256()
    h.update(template.model_dump_json().encode())
    for kind in PROMPT_VARIABLES:
        h.update((JINJA_DIR / getattr(template.prompts, kind)).read_bytes())
    return h.hexdigest()[:16]
