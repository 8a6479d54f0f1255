"""The page in a real browser (Debian's chromium driven by Playwright): type a query, open a
card, see the misreading warning, paste an article and see its findings in place, and the
same without JavaScript. One server and one browser for the whole session."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
import serve_screenshots as shots  # noqa: E402  (a tool script, not a package)

DATA = Path(__file__).parent / "data"

if not os.path.exists(shots.CHROMIUM):
    pytest.skip(
        "no browser: install Debian's chromium and fonts-nanum (apt-get install -y chromium "
        "fonts-nanum) to run the browser tests",
        allow_module_level=True,
    )
pytest.importorskip("flask", reason="the web extra is not installed: pip install -e '.[web]'")
sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")


@pytest.fixture(scope="session")
def base_url(tmp_path_factory):
    """`nkterms serve` on the small test glossary, on a free loopback port."""
    root = tmp_path_factory.mktemp("browser") / "glossary"
    shutil.copytree(DATA / "good", root)
    with shots.running_server(root, str(tmp_path_factory.mktemp("browser-cache"))) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = shots.launch(playwright)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, base_url):
    """A fresh page; any Content-Security-Policy violation or script error fails the test."""
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.on("pageerror", lambda err: problems.append(str(err)))
    yield page
    context.close()
    assert problems == []


def test_typing_a_query_finds_the_term_and_the_card_warns_first(page, base_url, tmp_path):
    page.goto(base_url + "/?ui=en")
    page.locator("#q").press_sequentially("북향민은", delay=30)
    first = page.locator("#results a").first
    first.wait_for()
    assert first.get_attribute("href") == "/term/bukhyangmin"
    assert "/?q=" in page.url  # the typed query is in the address, to share or reload
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "/term/bukhyangmin"
    page.keyboard.press("Enter")
    page.wait_for_url("**/term/bukhyangmin")
    warning = page.locator(".warning").first
    assert "北向民" in warning.inner_text()
    top = page.evaluate("[...document.querySelectorAll('main section')].map(s => s.className)")
    assert top[0] == "warning"  # the misreading comes before everything else on the card
    assert page.locator("button.print").is_visible()  # the script unhid it
    page.screenshot(path=tmp_path / "card.png", full_page=True)
    assert (tmp_path / "card.png").stat().st_size > 10_000


def test_pasting_an_article_highlights_each_finding(page, base_url):
    page.goto(base_url + "/check?ui=en")
    page.locator("#text").fill("오늘 북향민들이 모였다.\nA North Korean defector spoke.\n")
    page.get_by_role("button", name="Check").click()
    marks = page.locator("mark")
    marks.first.wait_for()
    assert marks.all_inner_texts()[0].startswith("북향민들이")
    assert page.locator("mark.sev-info").count() == 2
    tip = page.locator("mark .tip").first
    assert not tip.is_visible()
    assert page.locator(".findings li").count() == 2
    page.locator(".findings li a").first.focus()  # from the list, by keyboard, to the text
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.tagName === 'MARK'")
    assert tip.is_visible() and "北向民" in tip.inner_text()  # the message shows on focus


def test_a_file_upload_is_checked(page, base_url, tmp_path):
    article = tmp_path / "draft.md"
    article.write_text("# 제목\n\n북향민이 말했다.\n", encoding="utf-8")
    page.goto(base_url + "/check?ui=en")
    page.locator("#file").set_input_files(str(article))
    page.get_by_role("button", name="Check").click()
    page.locator(".findings li").first.wait_for()
    assert "3:1" in page.locator(".findings li").first.inner_text()
    assert page.locator("#kind").input_value() == "md"  # read as Markdown, from its name


def test_the_search_form_works_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "/?ui=en")
    page.locator("#q").fill("bukhyangmin")
    page.keyboard.press("Enter")
    page.wait_for_url("**/?q=bukhyangmin")
    page.locator("#results a[href='/term/bukhyangmin']").click()
    assert "北向民" in page.locator(".warning").inner_text()
    assert not page.locator("button.print").is_visible()  # needs the script: stays hidden
    context.close()


def test_the_card_fits_a_phone_and_prints_without_the_chrome(browser, base_url):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    page = context.new_page()
    page.goto(base_url + "/term/bukhyangmin")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.emulate_media(media="print")
    assert not page.locator("header.top").is_visible()
    assert page.locator(".warning").is_visible()
    context.close()


def test_the_slash_key_goes_to_the_search_box(page, base_url):
    page.goto(base_url + "/")
    page.locator("body").click()
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "q"
