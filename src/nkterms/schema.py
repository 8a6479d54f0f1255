"""Check glossary documents against the JSON Schemas and say what is wrong in plain words."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from .errors import Problem
from .yamlpos import Document, dotted


@cache
def _schema(schema_path: str) -> dict:
    return json.loads(Path(schema_path).read_text(encoding="utf-8"))


@cache
def _validator(schema_path: str):
    from jsonschema import Draft202012Validator

    return Draft202012Validator(_schema(schema_path))


@cache
def _fast_validator(schema_path: str):
    # fastjsonschema compiles the schema to Python and is ~13x faster on valid documents,
    # which are nearly all of them; it stops at the first error, so jsonschema explains.
    import fastjsonschema

    return fastjsonschema.compile(_schema(schema_path))


_EXPECTED = {
    "string": "text",
    "array": "a list",
    "object": "a mapping",
    "boolean": "true/false",
    "integer": "a number",
    "number": "a number",
    "null": "null",
}


def _kind(value) -> str:
    names = {
        dict: "a mapping",
        list: "a list",
        str: "text",
        bool: "true/false",
        int: "a number",
        float: "a number",
        type(None): "nothing (null)",
    }
    return names.get(type(value), type(value).__name__)


def _explain(error) -> tuple[str, str]:
    """Turn one jsonschema error into (what is wrong, how to fix it)."""
    kind, spec, value = error.validator, error.validator_value, error.instance
    if kind == "required":
        missing = [name for name in spec if name not in value]
        return f"missing required field {missing[0]!r}", f"add `{missing[0]}:`"
    if kind == "additionalProperties":
        allowed = ", ".join(sorted(error.schema.get("properties", {}))) or "none"
        extra = sorted(set(value) - set(error.schema.get("properties", {})))
        return f"unknown field {extra[0]!r}", f"remove it or use one of: {allowed}"
    if kind == "enum":
        return (
            f"expected one of {', '.join(map(str, spec))}, got {value!r}",
            "use one of the listed values",
        )
    if kind == "type":
        expected = _EXPECTED.get(spec, str(spec))
        return f"expected {expected}, got {_kind(value)}", f"write {expected} here"
    if kind == "pattern":
        hint = error.schema.get("description", f"the pattern {spec}")
        return (
            f"{value!r} is not in the expected form",
            f"expected {hint}" if "description" in error.schema else f"match {spec}",
        )
    if kind in ("minItems", "minLength"):
        return "must not be empty", "give at least one value or remove the field"
    if kind == "uniqueItems":
        return "has a repeated item", "remove the repeated item"
    if kind == "oneOf":
        return f"{value!r} is not a date", "write YYYY, YYYY-MM or YYYY-MM-DD, or null when unknown"
    if kind == "propertyNames":
        return f"{value!r} is not a valid id", "use lowercase ASCII letters, digits and hyphens"
    return error.message, "see glossary/schema.json"


def check(doc: Document, schema_path: Path) -> list[Problem]:
    """Validate one document; return a problem for every schema error, in file order."""
    from fastjsonschema import JsonSchemaException

    try:
        _fast_validator(str(schema_path))(doc.data)
        return []
    except JsonSchemaException:
        pass
    problems = []
    for error in _validator(str(schema_path)).iter_errors(doc.data):
        at = tuple(error.absolute_path)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
            line, col = doc.where_key(at + (extra[0],)) if extra else doc.where(at)
            field = dotted(at + (extra[0],)) if extra else dotted(at)
        elif error.validator == "propertyNames":
            line, col = doc.where_key(at + (error.instance,))
            field = dotted(at + (error.instance,))
        else:
            line, col = doc.where(at)
            field = dotted(at)
        message, fix = _explain(error)
        problems.append(Problem(doc.path, line, col, field, message, fix))
    return sorted(problems, key=lambda p: (p.line, p.col))
