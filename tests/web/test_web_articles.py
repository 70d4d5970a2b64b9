"""The web page and a newspaper page of several articles (list them, take another one, memory
held), and the core's warnings and errors said in Chinese with the English line as detail."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("starlette")

from newspaper import OTHER, Page, make_page, sample_article  # noqa: E402
from starlette.testclient import TestClient  # noqa: E402

from briefing import api  # noqa: E402
from briefing.errors import BriefingError  # noqa: E402
from briefing.web import docs as web_docs  # noqa: E402
from briefing.web.app import create_app  # noqa: E402
from briefing.web.messages import error_message  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = ROOT / "tests" / "fixtures" / "samples" / "zhengzhou-gaoxin-2021.txt"
H = {"X-Briefing": "1"}


@pytest.fixture(scope="module")
def page_pdf() -> bytes:
    return make_page(Page(sample_article(ARTICLE.read_text(encoding="utf-8")), OTHER))


@pytest.fixture(scope="module")
def client():
    return TestClient(create_app(allowed_hosts=["testserver"]))


@pytest.fixture()
def opened(client, page_pdf):
    r = client.post("/api/upload?name=page.pdf", content=page_pdf, headers=H)
    assert r.status_code == 200, r.text
    return r.json()


def test_a_page_of_two_articles_lists_them_as_extract_list_does_and_marks_the_default(opened, page_pdf):
    infos = api.read_input(page_pdf, name="page.pdf").articles
    assert [(a["number"], a["title"], a["chars"], a["opening"]) for a in opened["articles"]] == [
        (a.number, a.title, a.chars, a.opening) for a in infos]
    assert [a["title"] for a in opened["articles"]] == ["政府工作报告中频现“高新元素”", OTHER.title]
    assert opened["article"] == opened["default_article"] == 1 and opened["can_choose"]
    assert opened["summary"]["title"] == "政府工作报告中频现“高新元素”"
    [said] = opened["warnings"]
    assert said["text"].startswith("这一版共有 2 篇文章，已取第 1 篇《政府工作报告中频现“高新元素”》，其余未收入")
    assert "the page holds 2 articles" in said["detail"]


def test_choosing_the_second_article_extracts_it_and_the_pdf_follows(client, opened):
    url = f"/api/docs/{opened['id']}"
    client.post(url + "/edit", json={"op": "set_field", "field": "subtitle", "value": "改过"}, headers=H)
    r = client.post(url + "/article", json={"article": 2}, headers=H)
    assert r.status_code == 200, r.text
    second = r.json()
    assert second["summary"]["title"] == OTHER.title and second["article"] == 2
    assert second["default_article"] == 1 and len(second["articles"]) == 2
    assert "图书馆" in "".join(second["summary"]["lead"]) and "高新" not in second["summary"]["lead"][0]
    assert second["warnings"] == [] and not second["can_undo"]  # picked by hand: nothing to say
    assert second["pages"] != opened["pages"]
    pdf = client.get(url + "/download/pdf").content
    assert OTHER.title in api.read_input(pdf, name="out.pdf").text
    back = client.post(url + "/article", json={"article": 1}, headers=H).json()
    assert back["summary"] == opened["summary"]


def test_a_wrong_article_or_a_document_of_one_article_gets_a_chinese_message(client, opened):
    url = f"/api/docs/{opened['id']}/article"
    r = client.post(url, json={"article": 3}, headers=H)
    assert r.status_code == 400 and r.json()["error"] == "没有第 3 篇文章：这一版共 2 篇。"
    assert "no article 3" in r.json()["detail"]
    assert client.post(url, json={"article": "2; rm"}, headers=H).status_code == 400
    assert client.post(url, json={"article": 2}).status_code == 403
    text = client.post("/api/docs", json={"text": ARTICLE.read_text(encoding="utf-8")}, headers=H).json()
    assert text["articles"] == [] and not text["can_choose"]
    r = client.post(f"/api/docs/{text['id']}/article", json={"article": 2}, headers=H)
    assert r.status_code == 400 and "只有一篇文章" in r.json()["error"]


def test_the_bytes_kept_for_choosing_are_held_to_a_budget(page_pdf, monkeypatch):
    monkeypatch.setattr(web_docs, "SOURCE_BUDGET", 2 * len(page_pdf) + 10)
    store = web_docs.Store()
    first, second, third = (store.open(page_pdf, f"p{i}.pdf", {}) for i in range(3))
    assert first.source is None and second.source == third.source == page_pdf
    with pytest.raises(BriefingError, match="原文件已不在服务器内存中"):
        store.choose(first.id, 2)
    assert store.choose(second.id, 2).summary.title == OTHER.title
    text = store.open("一、总体要求\n\n正文。".encode(), "t.txt", {})
    assert text.source is None  # a text of one article keeps no bytes


def test_scanned_pages_and_a_text_over_the_limit_are_said_in_chinese(page_pdf):
    from test_pdf_layouts import _mixed_pdf

    doc = web_docs.Store().open(_mixed_pdf("tssbts"), "mixed.pdf", {})
    [said] = doc.state()["warnings"]
    assert said["text"].startswith("PDF 共 6 页，其中第 2-3, 6 页没有文字层（扫描件）")
    assert "pages 2-3, 6 of 6 have no text layer" in said["detail"]
    with pytest.raises(BriefingError) as e:
        web_docs.Store().open(page_pdf, "page.pdf", {}, max_size=1000)
    message = error_message(e.value)
    assert message["error"].startswith("从文件读出的文本太长：") and "上限 1000 bytes" in message["error"]
    assert "--max-size" in message["error"] and "over the 1000 bytes limit" in message["detail"]


def test_a_warning_keeps_its_kind_through_a_batch_worker_and_prints_as_its_english_line():
    import json
    import pickle

    from briefing.errors import Notice

    said = Notice("pages 2 of 3 have no text layer", "scanned_pages", pages="2", total=3)
    back = pickle.loads(pickle.dumps(said))  # how a worker process sends it to the parent
    assert (back, back.code, back.params) == (said, "scanned_pages", {"pages": "2", "total": 3})
    assert json.dumps([said]) == '["pages 2 of 3 have no text layer"]' and f"{said}" == str(said)
