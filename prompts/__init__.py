"""Form templates as data: `prompts/<form>.yaml` plus Jinja prompt files in `prompts/jinja/`."""

from prompts.loader import list_templates, load_template, load_template_file, prompt_hash, render_prompt
from prompts.schema import FieldType, FormTemplate, TemplateField

__all__ = [
    "FieldType",
    "FormTemplate",
    "TemplateField",
    "list_templates",
    "load_template",
    "load_template_file",
    "prompt_hash",
    "render_prompt",
]
