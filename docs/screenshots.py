"""Screenshots of the web page for the README: `python docs/screenshots.py` (needs Playwright and
Debian's chromium; starts `briefing serve` on a free port and stops it)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

DOCS = Path(__file__).resolve().parent
EXAMPLE = DOCS.parent / "examples" / "zhengzhou-gaoxin-2021.txt"
sys.path.insert(0, str(DOCS.parent / "tests"))  # newspaper.py: a page of two articles
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def main() -> None:
    proc = subprocess.Popen([sys.executable, "-m", "briefing", "serve", "--port", "0"], stdout=subprocess.PIPE, text=True)
    try:
        url = proc.stdout.readline().split("serving on ", 1)[1].split()[0]  # type: ignore[union-attr]
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            page = browser.new_page(viewport={"width": 1440, "height": 900})
            page.goto(url)
            page.wait_for_selector("body[data-ready='1']")
            page.fill("#text", EXAMPLE.read_text(encoding="utf-8"))
            page.select_option("#s-template", "gbt9704")
            page.fill("#s-name", "高新区工作简报")
            page.fill("#s-issue", "3")
            page.fill("#s-unit", "高新区管委会办公室")
            page.fill("#s-date", "2026-03-01")
            page.eval_on_selector("#text", "t => { t.scrollTop = 0; }")
            page.screenshot(path=str(DOCS / "web-input.png"))
            page.click("#go")
            page.wait_for_selector("body[data-updates='1']")
            page.screenshot(path=str(DOCS / "web-editor.png"))
            page.locator("#targets").scroll_into_view_if_needed()
            page.screenshot(path=str(DOCS / "web-targets.png"))
            articles(browser, url)
            browser.close()
    finally:
        proc.terminate()
        proc.wait()


def articles(browser: object, url: str) -> None:
    """A dropped newspaper page of two articles: the choice, and the warning in Chinese."""
    from newspaper import OTHER, Page, make_page, sample_article

    pdf = make_page(Page(sample_article(EXAMPLE.read_text(encoding="utf-8")), OTHER))
    page = browser.new_page(viewport={"width": 1440, "height": 900})  # type: ignore[attr-defined]
    page.goto(url)
    page.wait_for_selector("body[data-ready='1']")
    drop = page.evaluate_handle("""(bytes) => {
        const dt = new DataTransfer();
        dt.items.add(new File([new Uint8Array(bytes)], "第3版.pdf", { type: "application/pdf" }));
        return dt;
    }""", list(pdf))
    page.dispatch_event("#drop", "drop", {"dataTransfer": drop})
    page.wait_for_selector("body[data-updates='1']")
    page.screenshot(path=str(DOCS / "web-articles.png"))


if __name__ == "__main__":
    main()
