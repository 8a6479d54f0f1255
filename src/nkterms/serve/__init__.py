"""`nkterms serve`: the page an editor keeps open and the HTTP API a newsroom's CMS calls.

An application factory (Flask's pattern): `create_app()` builds the engines once and mounts
two blueprints over them, `pages` (HTML) and `api` (JSON); the API answers with the same
documents as the CLI's `--json`. Needs the `web` extra: pip install 'nkterms[web]'.
"""

from __future__ import annotations

MAX_BYTES = 2 * 1024 * 1024  # request bodies over this get 413

#: No inline script or style anywhere, so the policy can forbid both.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'"
)


def create_app(glossary=None, config=None, *, max_bytes: int = MAX_BYTES, backend=None):
    """Return the WSGI application over the glossary folder `glossary` and house config
    `config` (None: the defaults, as the CLI), refusing bodies over `max_bytes`."""
    # Flask comes with the `web` extra: these load only when an app is made, so importing
    # nkterms.serve (for its constants) needs no extra.
    from flask import Flask

    from .api import api
    from .backend import Backend
    from .errors import register
    from .pages import pages

    app = Flask(__name__, static_folder="static", template_folder="templates")
    app.config.update(MAX_CONTENT_LENGTH=max_bytes)
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    app.extensions["nkterms"] = backend or Backend(glossary, config)
    app.register_blueprint(api)
    app.register_blueprint(pages)
    register(app)

    @app.after_request
    def _headers(response):
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    return app


def serve(app, host: str = "127.0.0.1", port: int = 8080, threads: int = 8) -> None:
    """Serve `app` with waitress (a production WSGI server) until interrupted."""
    from waitress import serve as run

    run(app, host=host, port=port, threads=threads, ident="nkterms")
