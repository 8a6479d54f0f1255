"""The HTML pages: search, a card per term and concept, check my text, browse, changes,
downloads. Each page is drawn from the same library calls as its JSON twin under /api/."""

from __future__ import annotations

from flask import Blueprint, Response, g, render_template, request
from werkzeug.exceptions import NotFound

from ..errors import NktermsError
from . import views
from .api import backend, check_input
from .ui import TEXT, pick

pages = Blueprint("pages", __name__)


@pages.before_app_request
def _language() -> None:
    g.ui = pick(request.args.get("ui"), request.cookies.get("ui"), request.accept_languages)


@pages.after_app_request
def _remember_language(response):
    if request.args.get("ui") in TEXT:
        response.set_cookie("ui", request.args["ui"], samesite="Lax", max_age=365 * 86400)
    return response


@pages.app_context_processor
def _interface() -> dict:
    return {"t": TEXT[getattr(g, "ui", "ko")], "ui": getattr(g, "ui", "ko")}


@pages.get("/")
def index():
    """The search box; with ?q= the matches (or suggestions), so it works without JavaScript."""
    query, result, error = request.args.get("q", ""), None, None
    if query.strip():
        try:
            result = backend().lookup(query)
        except NktermsError as err:
            error = str(err)
    return render_template("index.html", query=query, result=result, error=error)


@pages.get("/term/<term_id>")
def term(term_id: str):
    """A term's card."""
    try:
        record = backend().term(term_id)
    except KeyError:
        raise NotFound(f"no term {term_id!r}") from None
    numbers = views.number_sources(record)
    return render_template(
        "term.html",
        r=record,
        numbers=numbers,
        sources=views.sources_list(record, numbers),
        history=views.timeline(record["status"]),
        warnings=views.warnings(record),
        others=[h for h in record["homophones"] if h.get("source") != "curated"],
    )


@pages.get("/concept/<concept_id>")
def concept(concept_id: str):
    """A concept: its definition and every term, by language."""
    try:
        record = backend().concept(concept_id)
    except KeyError:
        raise NotFound(f"no concept {concept_id!r}") from None
    return render_template("concept.html", c=record)


@pages.route("/check", methods=["GET", "POST"])
def check():
    """Check my text: the text back with each finding highlighted, and the list beside it."""
    if request.method == "GET":
        return render_template("check.html", text="", doc=None, kind="", lang="auto")
    text, kind, lang, path = check_input()
    doc = backend().check(text, kind=kind, lang=lang, path=path)
    return render_template(
        "check.html",
        text=text,
        doc=doc,
        kind=kind,
        lang=lang,
        pieces=views.pieces(text, doc["findings"]),
    ), (400 if doc["errors"] else 200)


@pages.get("/browse")
def browse():
    """All concepts by category, filtered by status and language."""
    status, lang = request.args.get("status", ""), request.args.get("lang", "")
    glossary = backend().glossary
    statuses, langs = views.choices(glossary)
    return render_template(
        "browse.html",
        categories=views.browse(glossary, status, lang),
        statuses=statuses,
        langs=langs,
        status=status,
        lang=lang,
    )


@pages.get("/changes")
def changes():
    """Terms whose status changed, by date."""
    return render_template("changes.html", changes=views.changes(backend().glossary))


@pages.get("/downloads")
def downloads():
    """The catalogs, TBX, CSV and JSON, built from the running glossary."""
    return render_template("downloads.html", names=backend().downloads())


@pages.get("/downloads/<name>")
def download(name: str):
    """One download, by its listed name only (any other name, or a path, is 404)."""
    try:
        data, media = backend().download(name)
    except KeyError:
        raise NotFound(f"no download {name!r}: see /downloads") from None
    return Response(
        data, mimetype=media, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )
