"""Take the README's screenshots of `nkterms serve` in Debian's chromium (docs/img/*.png).

Starts the server on the shipped glossary on a free loopback port, drives the page with
Playwright as a reader would (type, open a card, paste an article), saves the pictures.
tests/test_serve_browser.py starts its server and browser with the same functions.

    python tools/serve_screenshots.py            # rewrite docs/img/serve-*.png
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
# Playwright cannot download its own browser here: Debian's, with no network side traffic.
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTICLE = """\
탈북민 정착 지원 확대

통일부는 내년부터 북향민에 대한 정착 지원금을 늘린다고 밝혔다.
새터민들도 지원 대상이다. 탈북자들은 환영했다.

Officials said North Korean defectors would also get job training.
"""


def free_port() -> int:
    """Return a TCP port on loopback that no one listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def running_server(glossary: Path, cache: str, seconds: float = 120):
    """Run `nkterms serve` on `glossary` on a free loopback port; yield its base URL."""
    port = free_port()
    command = [sys.executable, "-m", "nkterms", "--glossary", str(glossary), "serve"]
    env = dict(os.environ, NKTERMS_CACHE_DIR=cache)
    # The server's log goes to a file: a pipe no one reads fills up and stalls the server.
    log = Path(cache) / "serve.log"
    with open(log, "wb") as sink:
        server = subprocess.Popen(
            [*command, "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=sink
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait(url + "/api/health", server, seconds, log)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


def _wait(url: str, server: subprocess.Popen, seconds: float, log: Path) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server stopped: {log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the server did not answer {url} within {seconds} s")


def launch(playwright):
    """Launch Debian's chromium, headless."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)


def shoot(browser, url: str, out: Path) -> list[Path]:
    """Save the search, card, check and phone screenshots under `out`; return their paths."""
    desktop = browser.new_context(viewport={"width": 1100, "height": 800}, locale="ko-KR")
    page = desktop.new_page()
    page.goto(url + "/?ui=ko")
    page.locator("#q").press_sequentially("talbukmin", delay=40)
    page.locator("#results a").first.wait_for()
    saved = [out / "serve-search.png"]
    page.screenshot(path=saved[-1])
    page.goto(url + "/term/bukhyangmin?ui=en")
    saved.append(out / "serve-card.png")
    page.screenshot(path=saved[-1])
    page.goto(url + "/check?ui=ko")
    page.locator("#text").fill(ARTICLE)
    page.locator("form.checkform button").click()
    page.locator("mark").first.wait_for()
    page.locator("mark").nth(1).focus()  # the second finding (북향민): its message on focus
    saved.append(out / "serve-check.png")
    page.screenshot(path=saved[-1], full_page=True)
    desktop.close()
    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = phone.new_page()
    page.goto(url + "/term/bukhyangmin?ui=ko")
    saved.append(out / "serve-phone.png")
    page.screenshot(path=saved[-1])
    phone.close()
    return saved


def main() -> None:
    """Rewrite docs/img/serve-*.png from the shipped glossary."""
    from playwright.sync_api import sync_playwright

    out = REPO / "docs" / "img"
    out.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory() as cache,
        running_server(REPO / "glossary", cache) as url,
        sync_playwright() as playwright,
    ):
        browser = launch(playwright)
        for path in shoot(browser, url, out):
            print(f"wrote {path.relative_to(REPO)}")
        browser.close()


if __name__ == "__main__":
    main()
