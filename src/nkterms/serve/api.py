"""The JSON API: each answer is the document the CLI prints with `--json` for that question."""

from __future__ import annotations

import os

from flask import Blueprint, current_app, jsonify, request, send_from_directory
from werkzeug.exceptions import BadRequest, NotFound

from ..check.files import kind_of
from ..errors import UsageError

api = Blueprint("api", __name__, url_prefix="/api")


def backend():
    """The engines this application was built over."""
    return current_app.extensions["nkterms"]


def _arg(name: str) -> str:
    value = request.args.get(name, "")
    if not value.strip():
        raise BadRequest(f"give the {name} parameter: /api/{request.endpoint[4:]}?{name}=…")
    return value


def _limit(default: int) -> int:
    raw = request.args.get("limit", str(default))
    if not raw.isdigit() or not 1 <= int(raw) <= 100:
        raise BadRequest(f"limit {raw!r}: give a whole number from 1 to 100")
    return int(raw)


@api.get("/lookup")
def lookup():
    """`nkterms lookup --json Q`: matches (and suggestions when nothing matched)."""
    return jsonify(backend().lookup(_arg("q"), limit=_limit(10)))


@api.get("/homophones")
def homophones():
    """`nkterms homophones --json WORD`; 404 when the word is not Korean (the CLI's exit 1)."""
    try:
        return jsonify(backend().homophones(_arg("word"), limit=_limit(12)))
    except LookupError as err:
        raise NotFound(str(err)) from err


@api.get("/terms/<term_id>")
def term(term_id: str):
    """A term's record, as in `lookup --json`."""
    try:
        return jsonify(backend().term(term_id))
    except KeyError:
        raise NotFound(f"no term {term_id!r}: find it with /api/lookup?q=…") from None


@api.get("/concepts/<concept_id>")
def concept(concept_id: str):
    """A concept: definition, sources and all its terms."""
    try:
        return jsonify(backend().concept(concept_id))
    except KeyError:
        raise NotFound(f"no concept {concept_id!r}: a term's record names its concept") from None


@api.post("/check")
def check():
    """`nkterms check --format json`: JSON {text, kind, lang} or a form with text or file."""
    text, kind, lang, path = check_input()
    document = backend().check(text, kind=kind, lang=lang, path=path)
    return jsonify(document), 400 if document["errors"] else 200


def check_input() -> tuple[str, str, str, str]:
    """(text, kind, lang, path) from a JSON body or a form (a file upload wins over text)."""
    if request.is_json:
        body = request.get_json(silent=True)
        if not isinstance(body, dict) or not isinstance(body.get("text"), str):
            raise BadRequest('send a JSON object {"text": "…", "kind": "txt", "lang": "auto"}')
        fields, path = body, "-"
        text = body["text"]
    else:
        fields, upload = request.form, request.files.get("file")
        if upload is not None and upload.filename:
            path = os.path.basename(upload.filename.replace("\\", "/"))
            text = _decode(upload.read(), path)
            # the file's suffix gives its kind, unless the form names one
            fields = {"kind": kind_of(path), **{k: v for k, v in fields.items() if v}}
        elif "text" in fields:
            text, path = fields["text"], "-"
        else:
            raise BadRequest("send text: a JSON body, or a form with a text field or a file")
    kind, lang = fields.get("kind") or "txt", fields.get("lang") or "auto"
    if not isinstance(kind, str) or not isinstance(lang, str):
        raise BadRequest("kind and lang are strings")
    return text, kind, lang, path


def _decode(data: bytes, path: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise UsageError(
            f"{path}: not UTF-8 text (byte {err.start + 1}): save it as UTF-8 and upload again"
        ) from err


@api.get("/health")
def health():
    """Liveness, with the glossary size (the baseline the load benchmark compares with)."""
    return jsonify({"status": "ok", "terms": len(backend().glossary.terms())})


@api.get("/openapi.json")
def openapi():
    """The API described as OpenAPI 3.1."""
    return send_from_directory(os.path.dirname(__file__), "openapi.json")
