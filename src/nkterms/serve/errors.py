"""Errors as JSON under /api/ and as a page elsewhere; never a traceback."""

from __future__ import annotations

from flask import jsonify, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

from ..errors import NktermsError


def error_response(status: int, message: str):
    """A JSON error for the API, an HTML page for the site."""
    if request.path.startswith("/api/"):
        response = jsonify({"error": message, "status": status})
        response.status_code = status
        return response
    return render_template("error.html", status=status, message=message), status


def register(app) -> None:
    """Install the handlers that turn every failure into a short answer."""

    @app.errorhandler(HTTPException)
    def _http(err: HTTPException):
        if err.code == 413:
            limit = app.config["MAX_CONTENT_LENGTH"]
            return error_response(413, f"the request is over {limit:,} bytes: send less text")
        return error_response(err.code or 500, err.description or err.name)

    @app.errorhandler(NktermsError)
    def _input(err: NktermsError):
        return error_response(400, str(err))

    @app.errorhandler(Exception)
    def _unexpected(err: Exception):
        app.logger.exception("unexpected error")  # the log gets the traceback, never the client
        return error_response(500, InternalServerError.description)
