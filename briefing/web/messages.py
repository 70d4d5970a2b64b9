"""The page's words for the core's warnings and errors: the core says them in English (what the
CLI prints) and names their kind (``code``) and values (``params``, see
:class:`briefing.errors.Notice` and :class:`briefing.errors.BriefingError`); the page's staff
read Chinese. A known kind gets its own Chinese sentence, any other a Chinese lead by the
error's class; the English line always comes along as the detail.
"""

from __future__ import annotations

from typing import Any

from ..errors import BriefingError, FontError, InputError, OutputError, SchemaError, TemplateError, UsageError
from ..reader import RICH_FACTOR, human_size

_KINDS = {"pdf": "PDF 文件", "zip": "压缩包（zip）", "office": "旧版 Office 或 RTF 文档", "image": "图片",
          "archive": "压缩包（gzip）", "program": "程序文件"}

_ERRORS = {
    "empty": "文件是空的，没有内容。请放入含有报告文本的文件。",
    "blank": "文件里只有空白，没有文字。请放入含有报告文本的文件。",
    "not_text": "这不是文本文件，看起来是{kind}。请放入报告的文本、PDF 或 Word 文件；图片请先做文字识别。",
    "binary": "这是二进制数据，不是文本。请放入纯文本 .txt 文件。",
    "undecodable": "读不出文件的文字编码（不是 UTF-8，也不是 GB18030）。请把文件另存为 UTF-8 文本后再试。",
    "pdf_encrypted": "PDF 已加密（需要密码）。请先另存一份不加密的副本。",
    "pdf_damaged": "PDF 已损坏或不是 PDF，打不开。请重新导出 PDF，或直接粘贴其中的文字。",
    "pdf_no_text": "PDF 只有页面图片，没有文字层（扫描件）。请先做文字识别（OCR，如 ocrmypdf）再上传。",
    "not_word": "这不是有效的 Word 文件。请在 Word 或 WPS 中打开，另存为 .docx 后再试。",
    "word_empty": "Word 文件里没有文字。",
    "html_no_text": "网页里找不到正文。请复制正文文字后粘贴。",
    "no_article": "没有第 {n} 篇文章：这一版共 {count} 篇。",
    "json_invalid": "摘要 JSON 文件格式有误，读不出来。请上传从本页下载的摘要 JSON。",
    "schema": "摘要 JSON 的字段 {field} 不符合格式。",
    "no_such_day": "没有这一天：{date}。日期请写成 2026-03-01 的样子。",
    "bad_distribution": "报送一栏读不懂“{part}”。请写成 报:市委办公厅;送:各有关单位;印:30 的样子（印数是数字）。",
    "not_a_number": "“{value}”不是数字。数值一栏只填数字，如 12.5。",
}

_WARNINGS = {
    "articles_left_out": "这一版共有 {count} 篇文章，已取第 {n} 篇《{title}》，其余未收入。可在左侧“这一版的文章”中改选。",
    "scanned_pages": "PDF 共 {total} 页，其中第 {pages} 页没有文字层（扫描件），这些页的文字缺失。请先做文字识别（OCR）再上传。",
    "missing_glyphs": "有 {count} 个字没有字体可以显示，印出来是空框：{chars}",
    "docx_removed_chars": "Word 文件里删去了 {count} 个不允许出现的控制字符（{sample}）。",
}

_LEADS: list[tuple[type[BriefingError], str]] = [
    (InputError, "读不了这份文件"), (SchemaError, "摘要 JSON 不符合格式"), (UsageError, "这项操作无效"),
    (TemplateError, "模板或刊头设置有误"), (FontError, "字体有问题"), (OutputError, "生成不了文件"),
]


class PageError(BriefingError):
    """A failure the web layer says in Chinese itself (a request the page should not have sent,
    a document no longer in memory): shown as it is."""

    exit_code = 2


def too_large(what: str, size: int, limit: int, *, files: bool = False) -> str:
    """The one message for an upload, a paste or a file's text over the limit: the sizes, and
    what to do (``files``: name the larger limit of a PDF or Word file too)."""
    shown = human_size(limit) + (f"（PDF、Word 文件 {human_size(limit * RICH_FACTOR)}）" if files else "")
    return (f"{what}：{human_size(size)}，上限 {shown}。请只放一份报告（一份报告很少超过 200 KB）；"
            "确需更大，可用 briefing serve --max-size 调高上限。")


def _too_large(p: dict[str, Any]) -> str:
    if p.get("text"):
        return too_large("从文件读出的文本太长", p["size"], p["limit"])
    return too_large("文件太大", p["size"], p["limit"], files=True)


def _say(table: dict[str, str], code: str, params: dict[str, Any]) -> str | None:
    if code == "too_large":
        return _too_large(params)
    text = table.get(code)
    if text is None:
        return None
    values = {**params, "kind": _KINDS.get(str(params.get("kind")), "其他格式的文件")}
    try:
        return text.format(**values)
    except (KeyError, IndexError):  # a code whose values changed: the English line still says it
        return None


def error_message(e: BriefingError) -> dict[str, str]:
    """``{"error": Chinese, "detail": English}`` of a failure (no detail when it was Chinese already)."""
    detail = str(e)
    if isinstance(e, PageError):
        return {"error": detail}
    said = _say(_ERRORS, e.code, e.params) if e.code else None
    if said is None:
        lead = next((text for cls, text in _LEADS if isinstance(e, cls)), "出错了")
        said = f"{lead}。"
    return {"error": said, "detail": detail}


def warning_message(w: str) -> dict[str, str]:
    """``{"text": Chinese, "detail": English}`` of a warning."""
    code, params = getattr(w, "code", ""), getattr(w, "params", {})
    said = _say(_WARNINGS, code, params) if code else None
    return {"text": said or "提示（原文为英文）", "detail": str(w)}
