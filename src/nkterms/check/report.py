"""Findings written out as the check runs: text, JSON, SARIF 2.1.0 or GitHub Actions
annotations.

Every format is streamed: a report writes its header, then each block's findings as they
come, then a footer with the counts and input errors, so memory stays bounded whatever the
input and the output is complete, valid JSON however many findings there are. (The text
format's lines are made by the emitters in engine.py and _speedups.c.)
"""

from __future__ import annotations

import os

from .finding import Finding

SARIF_LEVEL = {"info": "note", "warning": "warning", "error": "error"}
SEVERITY_NAMES = ("info", "warning", "error")  # the order of Checker.counts


def github_line(f: Finding) -> str:
    """A GitHub Actions workflow command that annotates the line."""
    level = {"info": "notice", "warning": "warning", "error": "error"}[f.severity]
    message = (f.message + (f" (suggest: {f.suggestion})" if f.suggestion else "")).replace(
        "%", "%25"
    )
    message = message.replace("\r", "%0D").replace("\n", "%0A")
    return f"::{level} file={f.path},line={f.line},col={f.col},title=nkterms [{f.term}]::{message}"


def _json_lines(values: list, first: bool, indent: str) -> bytes:
    """The JSON texts of `values` as list items, one a line, in UTF-8. A path that is not
    valid Unicode (a lone surrogate from the file system) is written with JSON escapes, so
    the output stays valid UTF-8."""
    import json  # here: the text format, the common case, never needs it (cold start)

    lead, separator = ("\n" if first else ",\n") + indent, ",\n" + indent
    text = lead + separator.join(json.dumps(v, ensure_ascii=False) for v in values)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return (lead + separator.join(map(json.dumps, values))).encode("utf-8")


class Report:
    """The text format: the emitter's lines are written as they come."""

    text_output = True  # Checker(text_output=...): feed() gives the text format's bytes

    def __init__(self, out, files: int = 0):
        self.out = out
        self.errors: list[str] = []

    def add(self, found) -> None:
        """Write one block's findings."""
        self.out.write(found)

    def error(self, message: str) -> None:
        """Record an input error (the CLI prints it on stderr)."""
        self.errors.append(message)
        self.out.flush()  # the findings before it are out before its message

    def close(self, counts) -> None:
        """Write the footer; `counts` are the findings per severity (info, warning, error)."""
        self.out.flush()


class GithubReport(Report):
    """GitHub Actions annotations, a line a finding."""

    text_output = False

    def add(self, found) -> None:
        if found:
            self.out.write("".join(github_line(f) + "\n" for f in found).encode("utf-8"))


class JsonReport(Report):
    """One JSON document: version, files, findings (one a line), summary, errors."""

    text_output = False

    def __init__(self, out, files: int = 0):
        super().__init__(out)
        self.any = False
        out.write(b'{\n  "version": 1,\n  "files": %d,\n  "findings": [' % files)

    def add(self, found) -> None:
        if found:
            self.out.write(_json_lines([f.as_dict() for f in found], not self.any, "    "))
            self.any = True

    def close(self, counts) -> None:
        import json

        summary = dict(zip(SEVERITY_NAMES, counts, strict=True))
        summary = {name: summary[name] for name in ("error", "warning", "info")}
        errors = "".join(
            ("" if i == 0 else ",") + "\n    " + json.dumps(e) for i, e in enumerate(self.errors)
        )
        self.out.write(
            ("\n  ]" if self.any else "]").encode()
            + f',\n  "summary": {json.dumps(summary)},\n  "errors": ['.encode()
            + (errors.encode() + b"\n  ]" if errors else b"]")
            + b"\n}\n"
        )
        self.out.flush()


def sarif_uri(path: str) -> str:
    """A file path as SARIF's artifactLocation.uri: a relative URI reference, or a file URI.

    >>> sarif_uri("docs/a b.md"), sarif_uri("/tmp/x#1.md")
    ('docs/a%20b.md', 'file:///tmp/x%231.md')
    """
    from urllib.parse import quote  # here: only SARIF needs it (cold start)

    uri = quote(path.replace(os.sep, "/"), safe="/", errors="surrogateescape")
    return "file://" + uri if os.path.isabs(path) else uri


class SarifReport(Report):
    """A SARIF 2.1.0 log with one run: its results as they come, then the tool with one rule
    per term found (ruleIndex is the order of first appearance), then the invocation with
    the input errors."""

    text_output = False

    def __init__(self, out, files: int = 0):
        super().__init__(out)
        self.any = False
        self.rules: dict[str, int] = {}  # term -> ruleIndex
        out.write(
            b'{\n  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",\n'
            b'  "version": "2.1.0",\n  "runs": [\n    {\n      "results": ['
        )

    def add(self, found) -> None:
        if found:
            results = [self._result(f) for f in found]
            self.out.write(_json_lines(results, not self.any, "        "))
            self.any = True

    def _result(self, f: Finding) -> dict:
        return {
            "ruleId": f.term,
            "ruleIndex": self.rules.setdefault(f.term, len(self.rules)),
            "level": SARIF_LEVEL[f.severity],
            "message": {
                "text": f.message + (f" (suggest: {f.suggestion})" if f.suggestion else "")
            },
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": sarif_uri(f.path)},
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

    def close(self, counts) -> None:
        import json

        from .. import __version__  # here: it reads the installed metadata, 40 ms (cold start)

        rules = [
            {"id": t, "name": t, "shortDescription": {"text": f"glossary term {t}"}}
            for t in self.rules
        ]
        tool = {
            "driver": {
                "name": "nkterms",
                "version": __version__,
                "informationUri": "https://pypi.org/project/nkterms/",
                "rules": rules,
            }
        }
        invocation = {
            "executionSuccessful": not self.errors,
            "toolExecutionNotifications": [
                {"level": "error", "message": {"text": e}} for e in self.errors
            ],
        }
        self.out.write(
            ("\n      ]" if self.any else "]").encode()
            + f',\n      "tool": {json.dumps(tool)},\n      "invocations": '.encode()
            + f"[{json.dumps(invocation)}]\n    }}\n  ]\n}}\n".encode()
        )
        self.out.flush()


FORMATS = {"text": Report, "json": JsonReport, "sarif": SarifReport, "github": GithubReport}
