"""Extraction: raw report text → :class:`~briefing.model.Summary`.

Steps, each in its own module: line repairs (:mod:`.lines`, :mod:`.clean`), paragraphs rebuilt
from broken lines (:mod:`.reflow`), the head and byline (:mod:`.head`), the body's sections and
highlight blocks (:mod:`.sections`), the numbers (:mod:`.facts`), keywords (:mod:`.topics`).
The extractor knows nothing about fonts or pages.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import InputError
from ..model import Section, Summary
from .chrome import drop_head_chrome, drop_tail_chrome, join_meta_values, split_fields
from .clean import normalise, squeeze_spaces, unmark
from .head import parse_head, take_byline, take_byline_line, take_end_credit
from .highlights import find_labels as find_highlight_labels
from .lines import Label, drop_chrome, find_labels, is_widget, repair_doubled_marked
from .reflow import HEADING_START, reflow
from .sections import HEADING_STYLES, build_body

MAX_KEYWORDS = 8


@dataclass(frozen=True)
class ExtractOptions:
    """What the user adds to the extraction's own rules."""

    labels: tuple[str, ...] = ()  # highlight labels named by the user or the template
    label_prefixes: tuple[str, ...] = ()  # keyword-label prefixes named by the user (e.g. 热词)
    facts: bool = True
    # Headings a Word file or web page marks as such (heading styles, outline levels, <h2>…): the
    # sections when the text's own rules find neither labels nor numbered headings among them.
    headings: tuple[str, ...] = ()


def extract_summary(text: str, options: ExtractOptions | None = None, *, name: str = "<text>") -> Summary:
    opts = options or ExtractOptions()
    if not text.strip():
        raise InputError("empty input (only whitespace)", path=name, hint="pass a file with the report's text")
    dropped: list[str] = []
    lines = [unmark(ln.rstrip()) for ln in normalise(text).split("\n")]
    lines = join_meta_values(split_fields(lines, is_widget))
    lines = drop_tail_chrome(drop_head_chrome(lines, dropped), dropped)
    lines = drop_chrome(lines, dropped)
    lines, doubled = repair_doubled_marked(lines)  # doubled: printed twice by a fake bold
    labels = find_labels(lines, opts.label_prefixes) or _heading_labels(lines, opts.headings)
    for lb in labels:
        for k in (lb.line, *lb.more):
            lines[k] = ""
    lines = [squeeze_spaces(ln) for ln in lines]
    paras = reflow(lines, doubled)
    if not paras and not labels:
        raise InputError("no text left after removing page chrome", path=name)
    head, start = parse_head(paras, doubled)
    body_paras = paras[start:]
    if head.title and len(head.title) >= 8:
        # The headline printed again inside the page (a web page's repeated title) is furniture.
        again = [p for p in body_paras if p.text == head.title]
        head.dropped.extend(p.text for p in again)
        body_paras = [p for p in body_paras if p.text != head.title]
    # 新华社记者 某某 on its line, first or under the dateline's: the reporter, not a paragraph
    for k, p in enumerate(body_paras[:2]):
        if take_byline_line(p.text, head):
            del body_paras[k]
            break
    hl_labels = find_highlight_labels([p.text for p in body_paras], opts.labels)
    body = build_body(body_paras, [(lb.line, lb.text) for lb in labels], hl_labels, dated=bool(head.date))
    lead = list(body.lead)
    if lead:
        lead[0] = take_byline(lead[0], head)
        if len(lead) > 1:
            lead[-1] = take_byline(lead[-1], head)
        lead = [p for p in lead if p]
    if not head.reporter:
        # the credit closing the story: (记者 某某) after its last sentence
        last = _last_paragraphs(body.sections) or lead
        if last:
            last[-1] = take_end_credit(last[-1], head)
    summary = head
    summary.lead, summary.sections = lead, body.sections
    summary.dropped = dropped + head.dropped
    if opts.facts:
        from .facts import find_facts

        find_facts(summary)
        from .glance import add_glance

        add_glance(summary)
    summary.keywords = _keywords(summary)
    return summary


def _last_paragraphs(sections: list[Section]) -> list[str] | None:
    """The paragraph list that holds the text's last block, when that block is a paragraph."""
    if not sections:
        return None
    sec = sections[-1]
    while sec.subsections:
        sec = sec.subsections[-1]
    blocks = sec.blocks()
    return sec.paragraphs if blocks and isinstance(blocks[-1], str) else None


def _heading_labels(lines: list[str], headings: tuple[str, ...]) -> list[Label]:
    """The lines the input marked as headings, as section labels in place: only when they are
    not numbered (numbered headings make sections, with their subsections, by the text's rules)
    and there are at least two."""
    if any(HEADING_START.match(h) for h in headings):
        return []
    wanted = {squeeze_spaces(h) for h in headings}
    found = [Label(i, s) for i, ln in enumerate(lines) if (s := squeeze_spaces(ln)) in wanted]
    return found if len(found) >= 2 else []


def warm_up() -> None:
    """Load jieba now (about 1.6 s, once): a batch calls this before it forks its workers, so
    inputs that need topic keywords do not each pay for it again in every worker."""
    from .topics import _jieba

    _jieba()


def _keywords(summary: Summary) -> list[str]:
    """The section keywords (headings without their numbers) when there are any, else jieba's."""
    words: list[str] = []
    for sec in summary.sections:
        k = sec.keyword
        for _, rx in HEADING_STYLES:
            k = rx.sub("", k, count=1)
        k = k.rstrip("。")
        if k and k not in words:
            words.append(k)
    if words:
        return words
    from .topics import keywords

    return keywords("\n".join(summary.all_paragraphs()), MAX_KEYWORDS)
