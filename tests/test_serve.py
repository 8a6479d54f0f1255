"""The web server through Flask's test client: the API answers with the CLI's documents,
errors are short JSON, values are escaped, paths cannot escape, nothing is written."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("flask", reason="the web extra is not installed: pip install -e '.[web]'")

from nkterms.cli import main  # noqa: E402

DATA = Path(__file__).parent / "data"


def _snapshot(root: Path) -> dict:
    """Every file under `root` with its bytes' digest and modification time."""
    return {
        str(p): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def glossary(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("serve") / "glossary"
    shutil.copytree(DATA / "good", root)
    return root


@pytest.fixture(scope="module")
def cache(tmp_path_factory) -> str:
    """One index cache for the module: the app and the CLI it is compared with compile once."""
    return str(tmp_path_factory.mktemp("serve-cache"))


@pytest.fixture(scope="module")
def app(glossary, cache):
    from nkterms.serve import create_app

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NKTERMS_CACHE_DIR", cache)
        return create_app(glossary, max_bytes=64 * 1024)


@pytest.fixture
def client(app, glossary, cache, monkeypatch):
    """A test client; after each test, the glossary folder must be exactly as before."""
    monkeypatch.setenv("NKTERMS_CACHE_DIR", cache)
    before = _snapshot(glossary)
    yield app.test_client()
    assert _snapshot(glossary) == before


def _cli_json(capsys, *argv) -> dict:
    main(list(argv))
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("query", ["북향민은", "北鄕民", "Bukhyang-min", "bukhyangmn", "zzzz"])
def test_lookup_is_the_cli_document(client, glossary, capsys, query):
    reply = client.get("/api/lookup", query_string={"q": query})
    assert reply.status_code == 200
    assert reply.get_json() == _cli_json(
        capsys, "--glossary", str(glossary), "lookup", "--json", query
    )


@pytest.mark.parametrize("word", ["북향민", "越南"])
def test_homophones_is_the_cli_document(client, glossary, capsys, word):
    reply = client.get("/api/homophones", query_string={"word": word})
    assert reply.status_code == 200
    expected = _cli_json(capsys, "--glossary", str(glossary), "homophones", "--json", word)
    assert reply.get_json() == expected


CHECKS = {
    "korean": ("txt", "auto", "새터민들이 왔다.\r\n탈북민은 북향민과 같다.\n"),
    "english-md": ("md", "auto", "# Title\n\nA North Korean defector said `탈북민` here.\n"),
    "ko-only": ("txt", "ko", "북향민 and North Korean defector\n"),
    "en-only": ("txt", "en", "북향민 and North Korean defector\n"),
    "nothing": ("txt", "auto", "평범한 문장입니다.\n"),
}


@pytest.mark.parametrize("kind,lang,text", CHECKS.values(), ids=CHECKS.keys())
def test_check_is_the_cli_document(client, glossary, kind, lang, text):
    reply = client.post("/api/check", json={"text": text, "kind": kind, "lang": lang})
    assert reply.status_code == 200
    cli = subprocess.run(
        [
            sys.executable,
            "-m",
            "nkterms",
            "--glossary",
            str(glossary),
            "check",
            "--format",
            "json",
            "--kind",
            kind,
            "--lang",
            lang,
            "--exit-zero",
            "-",
        ],
        input=text.encode(),
        capture_output=True,
        check=True,
    )
    assert reply.get_json() == json.loads(cli.stdout)


def test_check_finds_terms_with_their_severity(client):
    doc = client.post("/api/check", json={"text": "북향민들이 왔다."}).get_json()
    assert [(f["term"], f["severity"], f["text"]) for f in doc["findings"]] == [
        ("bukhyangmin", "info", "북향민들이")
    ]
    assert "北向民" in doc["findings"][0]["message"]


def test_check_accepts_a_file_upload_named_by_its_file(client):
    data = {"file": (io.BytesIO("<p>북향민이</p>".encode()), "draft.html")}
    doc = client.post("/api/check", data=data, content_type="multipart/form-data").get_json()
    assert [(f["path"], f["col"]) for f in doc["findings"]] == [("draft.html", 4)]


def test_an_uploaded_files_kind_comes_from_its_name_unless_the_form_names_one(client):
    text = "`북향민`은 코드 안에 있다.\n".encode()
    found = {}
    for kind in ("", "txt"):
        data = {"file": (io.BytesIO(text), "draft.md"), "kind": kind}
        doc = client.post("/api/check", data=data, content_type="multipart/form-data").get_json()
        found[kind] = len(doc["findings"])
    assert found == {"": 0, "txt": 1}  # Markdown code is not checked; plain text is


def test_check_upload_that_is_not_utf8_is_a_400(client):
    data = {"file": (io.BytesIO("새터민".encode("euc-kr")), "old.txt")}
    reply = client.post("/api/check", data=data, content_type="multipart/form-data")
    assert reply.status_code == 400
    assert "old.txt: not UTF-8 text" in reply.get_json()["error"]


@pytest.mark.parametrize(
    "path,status,words",
    [
        ("/api/lookup", 400, "give the q parameter"),
        ("/api/lookup?q=a&limit=0", 400, "limit '0'"),
        ("/api/homophones?word=%01", 400, "control character"),
        ("/api/homophones?word=hello", 404, ""),
        ("/api/terms/nope", 404, "no term 'nope'"),
        ("/api/concepts/nope", 404, "no concept 'nope'"),
        ("/api/nothing-here", 404, ""),
    ],
    ids=[
        "no-q",
        "bad-limit",
        "control-char",
        "not-korean",
        "unknown-term",
        "unknown-concept",
        "no-route",
    ],
)
def test_api_errors_are_json(client, path, status, words):
    reply = client.get(path)
    assert reply.status_code == status and reply.is_json
    body = reply.get_json()
    assert body["status"] == status and words in body["error"]
    assert "Traceback" not in reply.get_data(as_text=True)


@pytest.mark.parametrize(
    "body,words",
    [
        ({"text": 3}, 'send a JSON object {"text"'),
        ({"text": "새터민", "kind": "pdf"}, "kind 'pdf'"),
        ({"text": "새터민", "lang": "xx"}, "lang 'xx'"),
    ],
    ids=["not-text", "bad-kind", "bad-lang"],
)
def test_bad_check_requests_are_400(client, body, words):
    reply = client.post("/api/check", json=body)
    assert reply.status_code == 400 and words in reply.get_json()["error"]


def test_broken_json_is_400(client):
    reply = client.post("/api/check", data=b"{nope", content_type="application/json")
    assert reply.status_code == 400 and reply.is_json


def test_body_over_the_limit_is_413(client):
    reply = client.post("/api/check", json={"text": "가" * 40_000})
    assert reply.status_code == 413
    assert "over 65,536 bytes" in reply.get_json()["error"]


def test_term_and_concept_by_id(client, glossary, capsys):
    term = client.get("/api/terms/bukhyangmin").get_json()
    doc = _cli_json(capsys, "--glossary", str(glossary), "lookup", "--json", "bukhyangmin")
    match = doc["matches"][0]
    assert term == {k: v for k, v in match.items() if k not in ("matched_by", "score")}
    concept = client.get(f"/api/concepts/{term['concept']['id']}").get_json()
    assert "bukhyangmin" in [t["id"] for t in concept["terms"]]


def test_health(client):
    assert client.get("/api/health").get_json() == {"status": "ok", "terms": 5}


def test_openapi_names_every_api_route(client, app):
    spec = client.get("/api/openapi.json").get_json()
    routes = {
        str(rule).replace("<term_id>", "{id}").replace("<concept_id>", "{id}")
        for rule in app.url_map.iter_rules()
        if str(rule).startswith("/api/") and rule.endpoint != "api.openapi"
    }
    assert routes == set(spec["paths"])


def test_a_script_query_comes_back_inert(client):
    page = client.get("/", query_string={"q": "<script>alert(1)</script>"}).get_data(as_text=True)
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    api = client.get("/api/lookup", query_string={"q": "<script>x</script>"})
    assert api.is_json and api.mimetype == "application/json"


def test_checked_text_is_escaped_and_highlighted(client):
    text = "<img src=x onerror=alert(1)> 북향민이 왔다"
    page = client.post("/check", data={"text": text, "kind": "txt"}).get_data(as_text=True)
    assert "<img" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert 'class="sev-info" tabindex="0"' in page and '>북향민이<span class="tip"' in page


@pytest.mark.parametrize(
    "path",
    [
        "/static/../backend.py",
        "/static/%2e%2e/backend.py",
        "/static/..%2fbackend.py",
        "/downloads/..%2f..%2fglossary%2fsources.yaml",
        "/downloads/../../etc/passwd",
        "/term/..%2f..%2fetc%2fpasswd",
    ],
)
def test_path_traversal_is_404(client, path):
    reply = client.get(path)
    assert reply.status_code == 404
    assert b"sources:" not in reply.data and b"root:" not in reply.data


def test_every_response_carries_a_strict_csp(client):
    for path in ("/", "/term/bukhyangmin", "/check", "/api/health", "/nothing"):
        policy = client.get(path).headers["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy


def test_pages_have_no_inline_script_or_style(client):
    for path in (
        "/",
        "/?q=북향민",
        "/term/bukhyangmin",
        "/concept/test-defector",
        "/check",
        "/browse",
        "/changes",
        "/downloads",
    ):
        page = client.get(path).get_data(as_text=True)
        assert "<script>" not in page and "<style" not in page and " style=" not in page
        assert " onclick=" not in page


def test_card_warns_of_the_misreading_first(client):
    page = client.get("/term/bukhyangmin").get_data(as_text=True)
    assert page.index("北向民") < page.index(
        "Romanizations" if "Romanizations" in page else "로마자"
    )
    assert 'role="alert"' in page


def test_search_page_works_without_javascript(client):
    page = client.get("/", query_string={"q": "북향민은", "ui": "en"}).get_data(as_text=True)
    assert 'href="/term/bukhyangmin"' in page and "Search" in page


def test_interface_speaks_korean_and_english(client):
    assert "기사 점검" in client.get("/check", headers={"Accept-Language": "ko"}).get_data(True)
    english = client.get("/check?ui=en")
    assert "Check my text" in english.get_data(True) and "ui=en" in english.headers["Set-Cookie"]


def test_browse_filters_by_status_and_language(client):
    page = client.get("/browse", query_string={"lang": "en"}).get_data(as_text=True)
    assert "North Korean defector" in page and "탈북민" not in page
    page = client.get("/browse", query_string={"status": "proposed"}).get_data(as_text=True)
    assert "북향민" in page and "새터민" not in page


def test_downloads_are_built_from_the_running_glossary(client):
    names = client.get("/downloads").get_data(as_text=True)
    assert "nkterms.tbx" in names and "nkterms.pot" in names
    reply = client.get("/downloads/nkterms.json")
    assert reply.status_code == 200 and "bukhyangmin" in reply.get_data(as_text=True)
    assert "attachment" in reply.headers["Content-Disposition"]


def _readme_curls() -> list[tuple[list[str], list[str]]]:
    """The README's `$ curl` examples (not run by the README sessions: they need a server),
    each with the lines shown under it."""
    import shlex

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Web page and HTTP API", 1)[1].split("\n## ", 1)[0]
    out: list[tuple[list[str], list[str]]] = []
    for line in section.splitlines():
        if line.startswith("$ curl"):
            out.append((shlex.split(line[2:]), []))
        elif out and line.startswith("{"):
            out[-1][1].append(line)
    return out


@pytest.mark.parametrize("argv,shown", _readme_curls(), ids=lambda v: " ".join(v)[:40])
def test_readme_curl_examples_answer_in_the_shown_shape(client, tmp_path, argv, shown):
    """Each example runs on the test glossary: same status and document type as shown (the
    README's values come from the shipped glossary)."""
    from urllib.parse import urlsplit

    url = urlsplit(next(a for a in argv if a.startswith("http")))
    target = url.path + (f"?{url.query}" if url.query else "")
    if "-F" in argv:
        name = argv[argv.index("-F") + 1].split("@", 1)[1]
        data = {"file": (io.BytesIO("북향민이 왔다.".encode()), name)}
        reply = client.post(target, data=data, content_type="multipart/form-data")
    elif "-d" in argv:
        header = argv[argv.index("-H") + 1].split(": ", 1)
        reply = client.post(target, data=argv[argv.index("-d") + 1], headers=[header])
    else:
        reply = client.get(target)
    if shown[0].startswith('{"error"'):  # errors do not depend on the glossary: exactly as shown
        assert reply.status_code >= 400 and reply.get_json() == json.loads(shown[0])
    else:
        assert reply.status_code == 200
        assert list(reply.get_json())[0] == shown[0][2 : shown[0].index('"', 2)]


def test_what_changed_lists_status_changes_by_date(client):
    page = client.get("/changes?ui=en").get_data(as_text=True)
    row = page[page.index("2025-12") :]
    assert row.index("북향민") < row.index("proposed") < row.index("test authority")


def test_threads_sharing_the_engines_get_the_answers_of_one_thread(app, cache, monkeypatch):
    from concurrent.futures import ThreadPoolExecutor

    monkeypatch.setenv("NKTERMS_CACHE_DIR", cache)
    texts = [f"{'북향민은 ' * n}North Korean defector {n}\n" * n for n in range(1, 9)]

    def ask(text: str) -> tuple:
        client = app.test_client()
        check = client.post("/api/check", json={"text": text}).get_json()
        lookup = client.get("/api/lookup", query_string={"q": text.split()[0]}).get_json()
        return json.dumps(check), json.dumps(lookup)

    alone = [ask(t) for t in texts]
    with ThreadPoolExecutor(8) as pool:
        together = list(pool.map(ask, texts * 4))
    assert together == alone * 4


def test_openapi_file_is_valid_openapi_3_1():
    validator = pytest.importorskip(
        "openapi_spec_validator", reason="pip install openapi-spec-validator"
    )
    spec = Path(__file__).resolve().parents[1] / "src/nkterms/serve/openapi.json"
    validator.validate(json.loads(spec.read_text(encoding="utf-8")))


@pytest.mark.parametrize(
    "method,path,body,schema",
    [
        ("get", "/api/lookup?q=bukhyangmin", None, "Lookup"),
        ("get", "/api/terms/bukhyangmin", None, "Term"),
        ("post", "/api/check", {"text": "북향민이 왔다"}, "Check"),
        ("get", "/api/terms/nope", None, "Error"),
    ],
    ids=["lookup", "term", "check", "error"],
)
def test_answers_fit_the_openapi_schemas(client, method, path, body, schema):
    from jsonschema import Draft202012Validator

    spec = client.get("/api/openapi.json").get_json()
    defs = json.loads(
        json.dumps(spec["components"]["schemas"]).replace("#/components/schemas/", "#/$defs/")
    )
    validator = Draft202012Validator({"$ref": f"#/$defs/{schema}", "$defs": defs})
    reply = getattr(client, method)(path, json=body)
    assert list(validator.iter_errors(reply.get_json())) == []


def test_serve_without_the_web_extra_says_how_to_install_it(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "flask", None)  # as if Flask were not installed
    assert main(["serve"]) == 2
    assert "pip install 'nkterms[web]'" in capsys.readouterr().err


def test_serve_on_a_taken_port_is_a_clear_error(glossary, cache, monkeypatch, capsys):
    import socket

    monkeypatch.setenv("NKTERMS_CACHE_DIR", cache)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        assert main(["--glossary", str(glossary), "serve", "--port", port]) == 2
    err = capsys.readouterr().err
    assert f"127.0.0.1:{port}: cannot listen" in err and "Traceback" not in err


def test_an_unexpected_failure_is_a_short_500_without_a_traceback(app, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(app.extensions["nkterms"], "lookup", broken)
    for path in ("/api/lookup?q=x", "/?q=x"):
        reply = app.test_client().get(path)
        assert reply.status_code == 500
        assert b"secret internals" not in reply.data and b"Traceback" not in reply.data
    assert app.test_client().get("/api/lookup?q=x").get_json()["status"] == 500


def test_the_card_names_homographs_beside_the_warning(client, monkeypatch, app):
    backend = app.extensions["nkterms"]
    record = dict(backend.term("bukhyangmin"), homographs=["talbungmin"])
    monkeypatch.setattr(backend, "term", lambda term_id: record)
    page = client.get("/term/bukhyangmin").get_data(as_text=True)
    warning = page[page.index('class="warning homographs"') :]
    assert warning.index('href="/term/talbungmin"') < warning.index("</section>")
