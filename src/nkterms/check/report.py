"""Findings as JSON, SARIF 2.1.0 or GitHub Actions annotations (the text format is
Finding.tail() after path:line:col:, written by the emitters in engine.py and _speedups.c)."""

from __future__ import annotations

import json

from .engine import Finding

SARIF_LEVEL = {"info": "note", "warning": "warning", "error": "error"}


def github_line(f: Finding) -> str:
    """A GitHub Actions workflow command that annotates the line."""
    level = {"info": "notice", "warning": "warning", "error": "error"}[f.severity]
    message = (f.message + (f" (suggest: {f.suggestion})" if f.suggestion else "")).replace(
        "%", "%25"
    )
    message = message.replace("\r", "%0D").replace("\n", "%0A")
    return f"::{level} file={f.path},line={f.line},col={f.col},title=nkterms [{f.term}]::{message}"


def json_document(findings: list[Finding], files: int, errors: list[str]) -> str:
    """One JSON document: version, counts, findings and input errors."""
    counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
    return json.dumps(
        {
            "version": 1,
            "files": files,
            "summary": counts,
            "findings": [f.as_dict() for f in findings],
            "errors": errors,
        },
        ensure_ascii=False,
        indent=2,
    )


def sarif_document(findings: list[Finding], version: str) -> str:
    """A SARIF 2.1.0 log with one run, one rule per term."""
    terms = sorted({f.term for f in findings})
    rules = [
        {"id": t, "name": t, "shortDescription": {"text": f"glossary term {t}"}, "helpUri": None}
        for t in terms
    ]
    for rule in rules:
        rule.pop("helpUri")
    results = [
        {
            "ruleId": f.term,
            "ruleIndex": terms.index(f.term),
            "level": SARIF_LEVEL[f.severity],
            "message": {
                "text": f.message + (f" (suggest: {f.suggestion})" if f.suggestion else "")
            },
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": f.path},
                        "region": {
                            "startLine": f.line,
                            "startColumn": f.col,
                            "endColumn": f.col + len(f.text),
                        },
                    }
                }
            ],
            "properties": {"confidence": f.confidence, "mention": f.mention},
        }
        for f in findings
    ]
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "nkterms",
                        "version": version,
                        "informationUri": "https://pypi.org/project/nkterms/",
                        "rules": rules,
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2)
