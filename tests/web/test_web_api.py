"""The web page's HTTP API (briefing.web.app) through Starlette's test client: paste, upload,
edit, undo, settings, preview pages, downloads, and a clear message for every bad request with
the server still answering afterwards."""

from __future__ import annotations

import io
import json
import random
import subprocess
from pathlib import Path

import pytest

pytest.importorskip("starlette")

from starlette.testclient import TestClient  # noqa: E402

from briefing.web.app import create_app  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = ROOT / "tests" / "fixtures" / "samples" / "zhengzhou-gaoxin-2021.txt"
SUMMARY = ROOT / "tests" / "fixtures" / "article.summary.json"
H = {"X-Briefing": "1"}
LIMIT = 1024 * 1024


@pytest.fixture(scope="module")
def client():
    return TestClient(create_app(max_upload=LIMIT, allowed_hosts=["testserver"]))


@pytest.fixture(scope="module")
def doc(client):
    r = client.post("/api/docs", json={"text": ARTICLE.read_text(encoding="utf-8"), "settings": {}}, headers=H)
    assert r.status_code == 200, r.text
    return r.json()


def pdf_text(data: bytes) -> str:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    return "".join(page.get_textpage().get_text_range() for page in pdf)


def alive(client) -> None:
    assert client.get("/api/templates").status_code == 200


def test_the_page_and_its_files_are_served_with_a_no_inline_script_policy(client):
    r = client.get("/")
    assert r.status_code == 200 and "简报工作台" in r.text
    assert "script-src" not in r.headers["content-security-policy"]  # default-src 'self' covers it
    assert "default-src 'self'" in r.headers["content-security-policy"]
    for name in ("app.js", "app.css"):
        assert client.get(f"/static/{name}").status_code == 200
    js = client.get("/static/app.js").text
    assert "innerHTML" not in js and "insertAdjacentHTML" not in js and "document.write" not in js


def test_templates_lists_the_bundled_ones_and_the_limit(client):
    data = client.get("/api/templates").json()
    assert {t["name"] for t in data["templates"]} >= {"standard", "gbt9704"}
    assert data["max_upload"] == LIMIT


def test_pasted_text_becomes_a_summary_with_preview_pages(client, doc):
    assert doc["summary"]["schema"] == "briefing.summary/1"
    assert len(doc["summary"]["sections"]) >= 5 and doc["summary"]["targets"]
    assert len(doc["pages"]) >= 2
    r = client.get(f"/api/docs/{doc['id']}/page/{doc['pages'][0]}.png")
    assert r.status_code == 200 and r.content.startswith(b"\x89PNG")
    from PIL import Image

    assert Image.open(io.BytesIO(r.content)).size[0] > 600


def test_an_edit_changes_the_pdf_and_the_preview(client, doc):
    first_page = client.get(f"/api/docs/{doc['id']}/page/{doc['pages'][0]}.png").content
    r = client.post(f"/api/docs/{doc['id']}/edit", json={"op": "rename_section", "section": [0], "name": "改过的名字"},
                    headers=H)
    assert r.status_code == 200, r.text
    after = r.json()
    assert after["summary"]["sections"][0]["keyword"] == "改过的名字" and after["can_undo"]
    assert after["pages"] != doc["pages"] and len(after["pages"]) == len(doc["pages"])
    page = f"/api/docs/{doc['id']}/page/"
    assert client.get(page + after["pages"][0] + ".png").content != first_page
    pdf = client.get(f"/api/docs/{doc['id']}/download/pdf")
    assert pdf.headers["content-type"] == "application/pdf" and "attachment" in pdf.headers["content-disposition"]
    assert "改过的名字" in pdf_text(pdf.content)
    undone = client.post(f"/api/docs/{doc['id']}/undo", headers=H).json()
    assert undone["summary"]["sections"][0]["keyword"] == doc["summary"]["sections"][0]["keyword"]
    assert client.get(page + undone["pages"][0] + ".png").content == first_page
    assert client.get(page + "99-1.png").status_code == 400


def test_settings_fill_the_masthead_and_a_bad_date_changes_nothing(client, doc):
    url = f"/api/docs/{doc['id']}/settings"
    r = client.post(url, json={"template": "gbt9704", "name": "测试工作简报", "issue": "7", "date": "2026-03-01"},
                    headers=H)
    assert r.status_code == 200, r.text
    text = pdf_text(client.get(f"/api/docs/{doc['id']}/download/pdf").content)
    assert "测试工作简报" in text and "第7期" in text and "2026年3月1日" in text
    bad = client.post(url, json={"template": "gbt9704", "date": "2026-02-30"}, headers=H)
    assert bad.status_code == 400 and "no such day" in bad.json()["detail"]
    assert bad.json()["error"] == "没有这一天：2026-02-30。日期请写成 2026-03-01 的样子。"
    assert client.post(url, json={"template": "/etc/passwd"}, headers=H).status_code == 400
    r = client.post(url, json={"template": "standard"}, headers=H)
    assert r.json()["settings"]["name"] == ""


def test_downloads_docx_and_json_and_the_json_uploads_again(client, doc):
    docx = client.get(f"/api/docs/{doc['id']}/download/docx")
    assert docx.status_code == 200 and docx.content.startswith(b"PK")
    js = client.get(f"/api/docs/{doc['id']}/download/json")
    assert json.loads(js.content)["schema"] == "briefing.summary/1"
    assert ".summary.json" in js.headers["content-disposition"]
    again = client.post("/api/upload?name=" + "x.summary.json", content=js.content, headers=H)
    assert again.status_code == 200, again.text
    assert again.json()["summary"] == json.loads(js.content)
    assert client.get(f"/api/docs/{doc['id']}/download/exe").status_code == 400


def test_upload_of_a_text_file_goes_through_the_reader(client):
    gbk = ARTICLE.read_text(encoding="utf-8").encode("gb18030")
    r = client.post("/api/upload?name=../../etc/report.txt", content=gbk, headers=H)
    assert r.status_code == 200, r.text
    assert r.json()["name"] == "report.txt"  # only a display name: no path is ever used
    assert r.json()["summary"]["title"]


@pytest.mark.parametrize("body, name, expect, chinese", [
    (b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 40, "program.txt", "not text", "这不是文本文件，看起来是程序文件"),
    (random.Random(14).randbytes(30000), "noise.txt", "binary data", "这是二进制数据，不是文本"),
    (b"\x89PNG\r\n\x1a\n" + bytes(5000), "picture.png", "PNG", "看起来是图片"),
    (b'{"schema": "briefing.summary/1", "title": ', "broken.json", "not valid JSON", "摘要 JSON 文件格式有误"),
    (b'{"schema": "briefing.summary/1", "sections": [{"keyword": 3}]}', "wrong.json", "sections[0].keyword",
     "摘要 JSON 的字段 sections[0].keyword 不符合格式"),
    (b"", "empty.txt", "empty", "文件是空的"),
    (b"%PDF-1.7\n" + bytes(3000), "page.pdf", "damaged PDF", "PDF 已损坏"),
])
def test_bad_uploads_get_a_chinese_message_with_the_english_detail_and_the_server_goes_on(
        client, body, name, expect, chinese):
    r = client.post(f"/api/upload?name={name}", content=body, headers=H)
    assert r.status_code == 400
    assert chinese in r.json()["error"]
    assert expect in r.json()["detail"] and name in r.json()["detail"]
    alive(client)


def test_an_upload_over_the_limit_is_refused_with_the_sizes(client):
    r = client.post("/api/upload?name=big.txt", content=b"a" * (LIMIT + 1), headers=H)
    assert r.status_code == 413 and "文件太大" in r.json()["error"] and "上限 1 MB" in r.json()["error"]
    assert "--max-size" in r.json()["error"]
    r = client.post("/api/upload?name=huge.txt", content=b"a" * (50 * 1024 * 1024), headers=H)
    assert r.status_code == 413 and "50 MB" in r.json()["error"]
    alive(client)


def test_a_paste_over_the_limit_is_refused_with_the_sizes_and_what_to_do(client):
    # 1.5 MB of text: refused by its own size; 3 MB: refused as an overlong request body, same message
    for n in (LIMIT + LIMIT // 2, 3 * LIMIT):
        r = client.post("/api/docs", json={"text": "字" * (n // 3), "settings": {}}, headers=H)
        assert r.status_code == 413
        message = r.json()["error"]
        assert "文本太长" in message and "上限 1 MB" in message and "--max-size" in message
    alive(client)


def test_serve_takes_the_same_default_size_limit_as_build():
    # a 3 MB paste under a 20 MB limit kept the server busy for minutes, where build refuses it at once
    from briefing.cli import Size, build, serve
    from briefing.reader import DEFAULT_MAX_SIZE

    def default(command):
        return Size().convert(next(p for p in command.params if p.name == "max_size").default, None, None)

    assert default(serve) == default(build) == DEFAULT_MAX_SIZE


def test_bad_edits_and_requests_get_a_message(client, doc):
    url = f"/api/docs/{doc['id']}/edit"
    r = client.post(url, json={"op": "merge_next", "section": [99]}, headers=H)
    assert r.status_code == 400 and "no section 100" in r.json()["detail"]
    assert r.json()["error"] == "这项操作无效。"  # a kind without its own words: the lead by the error's class
    r = client.post(url, content=b"{not json", headers={**H, "content-type": "application/json"})
    assert r.status_code == 400 and "JSON" in r.json()["error"]
    r = client.post("/api/docs/nosuchdoc/edit", json={"op": "undo"}, headers=H)
    assert r.status_code == 400 and "不在服务器上" in r.json()["error"]
    r = client.post("/api/docs", json={"text": "   "}, headers=H)
    assert r.status_code == 400 and "粘贴" in r.json()["error"]
    alive(client)


def test_posts_without_the_page_header_and_foreign_hosts_are_refused(client, doc):
    r = client.post("/api/docs", json={"text": "x"})
    assert r.status_code == 403
    r = client.get("/api/templates", headers={"host": "evil.example"})
    assert r.status_code == 400


def test_an_internal_failure_is_a_message_and_the_server_goes_on(client, doc, monkeypatch):
    from briefing import edits

    def boom(summary, op):
        raise RuntimeError("kaputt")

    monkeypatch.setattr(edits, "apply", boom)
    r = client.post(f"/api/docs/{doc['id']}/edit", json={"op": "rename_section"}, headers=H)
    assert r.status_code == 500 and "kaputt" in r.json()["error"]
    monkeypatch.undo()
    alive(client)


def test_serve_binds_to_localhost_and_prints_the_address(tmp_path):
    import sys

    code = ("import sys; from briefing.web.serve import bind, url_of; s = bind('127.0.0.1', 0); print(url_of(s))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.startswith("http://127.0.0.1:")


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
def test_an_uploaded_pdf_word_or_web_page_gives_the_same_summary_as_its_text(client, fmt):
    import sys
    sys.path.insert(0, str(ROOT / "tests"))
    import newspaper

    text = ARTICLE.read_text(encoding="utf-8")
    paras, labels = newspaper.sample_paragraphs(text)
    paras = paras + labels  # the keyword labels gathered at the end, as the paper prints them
    body = {"pdf": newspaper.report_pdf, "docx": newspaper.docx_of, "html": newspaper.html_of}[fmt](paras)
    r = client.post(f"/api/upload?name=report.{fmt}", content=body, headers=H)
    assert r.status_code == 200, r.text
    pasted = client.post("/api/docs", json={"text": "\n\n".join(paras), "settings": {}}, headers=H)
    got, want = r.json()["summary"], pasted.json()["summary"]
    assert len(got["sections"]) >= 2
    assert [s["keyword"] for s in got["sections"]] == [s["keyword"] for s in want["sections"]]
    assert len(got["targets"]) == len(want["targets"]) > 0
