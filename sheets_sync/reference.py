"""The README's reference tables, generated from the declarations they document: every
`portal.yml` key from `PortalConfig` (default and help text) and every exit code from
`sheets_sync.errors.EXIT_CODES`. `python -m sheets_sync.reference README.md` rewrites the tables
between their markers; a test fails when the README is not up to date."""
from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from sheets_sync.config import PROJECT_ROOT, PortalConfig
from sheets_sync.errors import EXIT_CODES

MARKERS = {"config": "config-table", "exit-codes": "exit-code-table"}


def config_keys(model: type[BaseModel] = PortalConfig,
                prefix: str = "") -> Iterator[tuple[str, str, str]]:
    """(dotted key, default as shown, help text) of every key, nested sections flattened."""
    for name, field in model.model_fields.items():
        if field.exclude:
            continue
        annotation = field.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            yield from config_keys(annotation, f"{prefix}{name}.")
            continue
        yield f"{prefix}{name}", _shown_default(field), field.description or ""


def _shown_default(field: Any) -> str:
    extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
    if "shown_default" in extra:
        return str(extra["shown_default"])
    default = field.default
    if default is PydanticUndefined:
        return "(required)"
    if default is None:
        return "none"
    if isinstance(default, Path):
        try:
            return f"the project's `{default.relative_to(PROJECT_ROOT).as_posix()}`"
        except ValueError:
            return f"`{default}`"
    if isinstance(default, bool):
        return f"`{str(default).lower()}`"
    if isinstance(default, list):
        return "`[" + ", ".join(str(x) for x in default) + "]`"
    return f"`{default}`"


def config_table() -> str:
    lines = ["| Key | Default | Meaning |", "|---|---|---|"]
    lines += [f"| `{key}` | {default} | {help_text} |" for key, default, help_text in config_keys()]
    return "\n".join(lines)


def exit_code_table() -> str:
    lines = ["| Exit code | Meaning |", "|---|---|"]
    lines += [f"| {code} | {meaning} |" for code, meaning in sorted(EXIT_CODES.items())]
    return "\n".join(lines)


TABLES = {"config": config_table, "exit-codes": exit_code_table}


def updated(text: str) -> str:
    """`text` (the README) with every generated table replaced by its current content."""
    for name, make in TABLES.items():
        marker = MARKERS[name]
        pattern = re.compile(rf"(<!-- BEGIN {marker} -->\n).*?(<!-- END {marker} -->)", re.S)
        if pattern.search(text) is None:
            raise ValueError(f"README has no <!-- BEGIN {marker} --> … <!-- END {marker} -->")
        match = pattern.search(text)
        assert match is not None
        text = text[:match.end(1)] + make() + "\n" + text[match.start(2):]
    return text


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0] if args else "README.md")
    text = path.read_text(encoding="utf-8")
    new = updated(text)
    if new != text:
        path.write_text(new, encoding="utf-8")
        print(f"{path}: tables updated")
    else:
        print(f"{path}: up to date")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
