// 简报工作台: the page's logic. All text goes into the page as text nodes and input values,
// never as HTML. Every change is one request to the server, which answers with the whole
// document (summary, settings, preview pages); requests run one after another.
"use strict";

const $ = (id) => document.getElementById(id);
const SETTINGS = ["template", "name", "issue", "unit", "date", "distribution"];
const FIELDS = [["title", "标题"], ["kicker", "引题"], ["subtitle", "副题"], ["source", "来源"],
  ["reporter", "记者"], ["date", "日期"], ["speaker", "讲话人"]];
// Chinese names of the bundled templates; another template shows its file name.
const TEMPLATE_NAMES = { standard: "现代简洁", gbt9704: "公文格式 GB/T 9704" };
let doc = null;
let maxFile = 32 * 1024 * 1024;
let queue = Promise.resolve();

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (k === "on") for (const [ev, fn] of Object.entries(v)) node.addEventListener(ev, fn);
    else if (k === "dataset") Object.assign(node.dataset, v);
    else if (k in node && k !== "list") node[k] = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}

// text: what the page says (Chinese); detail: the core's English line, shown small after it.
function showMessage(text, kind, detail) {
  $("message-text").textContent = text;
  $("message-detail").textContent = detail || "";
  $("message").className = kind || "error";
  $("message").hidden = false;
}

function status(text) { $("status").textContent = text; }

// One request at a time, in order; a failure shows its message and leaves the page as it was.
function request(method, url, body, headers) {
  const run = async () => {
    status("正在处理…");
    const t0 = performance.now();
    let res;
    try {
      res = await fetch(url, { method, body, headers: { "X-Briefing": "1", ...(headers || {}) } });
    } catch (e) {
      status("");
      showMessage("连不上服务器：" + e.message + "（briefing serve 还在运行吗？）");
      throw e;
    }
    let data = null;
    try { data = await res.json(); } catch (e) { data = null; }
    if (!res.ok) {
      status("");
      if (doc) show(doc); // the form goes back to what the server holds
      showMessage((data && data.error) || ("请求失败：HTTP " + res.status), "error", data && data.detail);
      throw new Error("request failed");
    }
    $("message").hidden = true;
    show(data);
    await previewLoaded();
    status("预览已更新（" + Math.round(performance.now() - t0) + " 毫秒）");
    document.body.dataset.updates = String(Number(document.body.dataset.updates || 0) + 1);
    return data;
  };
  queue = queue.then(run, run);
  return queue.catch(() => null);
}

const postJSON = (url, obj) => request("POST", url, JSON.stringify(obj), { "Content-Type": "application/json" });
const edit = (op) => doc && postJSON(`/api/docs/${doc.id}/edit`, op);

function settings() {
  const out = {};
  for (const k of SETTINGS) out[k] = $("s-" + k).value;
  return out;
}

// -- the document --------------------------------------------------------------------------
function show(data) {
  const focused = document.activeElement && document.activeElement.dataset
    ? document.activeElement.dataset.key : null;
  doc = data;
  $("editor").hidden = false;
  $("input-panel").open = false;
  for (const k of SETTINGS) $("s-" + k).value = data.settings[k] || "";
  renderArticles(data);
  renderFields(data.summary);
  renderSections(data.summary);
  renderTargets(data.summary);
  renderGlance(data.summary);
  renderPages(data);
  $("undo").disabled = !data.can_undo;
  for (const fmt of ["pdf", "docx", "json"]) {
    const a = $("dl-" + fmt);
    a.href = `/api/docs/${data.id}/download/${fmt}`;
    a.classList.remove("disabled");
  }
  if (data.warnings.length) {
    showMessage("注意：" + data.warnings.map((w) => w.text).join("；"), "warning",
      data.warnings.map((w) => w.detail).join(" / "));
  }
  if (focused) {
    const again = document.querySelector(`[data-key="${CSS.escape(focused)}"]`);
    if (again) again.focus();
  }
}

function input(key, value, onChange, props) {
  return el("input", { value: value ?? "", dataset: { key }, on: { change: (e) => onChange(e.target.value) }, ...props });
}

// The articles of a dropped newspaper page: number, title, size and first words (as
// `briefing extract --list` prints them), the default one marked; choosing one re-extracts it.
function renderArticles(data) {
  const list = data.articles || [];
  $("articles").hidden = list.length < 2;
  $("article-list").replaceChildren(...(list.length < 2 ? [] : list.map((a) => {
    const radio = el("input", { type: "radio", name: "article", value: String(a.number), checked: a.number === data.article,
      disabled: !data.can_choose, dataset: { key: "article-" + a.number },
      on: { change: () => postJSON(`/api/docs/${data.id}/article`, { article: a.number }) } });
    return el("li", { className: a.number === data.article ? "chosen" : "", dataset: { article: String(a.number) } },
      el("label", {}, radio,
        el("span", {},
          el("span", { className: "article-title", textContent: `${a.number}. ${a.title || "（无标题）"}` }),
          a.number === data.default_article ? el("span", { className: "tag", textContent: "默认" }) : null,
          a.about_report ? el("span", { className: "tag", textContent: "报告" }) : null,
          el("span", { className: "article-meta", textContent: `  ${a.chars.toLocaleString("zh-CN")} 字` }),
          el("span", { className: "article-opening", textContent: a.opening }))));
  })));
  $("articles-gone").hidden = data.can_choose || list.length < 2;
}

function renderFields(s) {
  $("fields").replaceChildren(...FIELDS.map(([name, label]) =>
    el("label", {}, label, input("f-" + name, s[name], (v) => edit({ op: "set_field", field: name, value: v })))));
}

function renderSections(s) {
  const box = $("sections");
  box.replaceChildren();
  const walk = (sections, path, depth) => sections.forEach((sec, i) => {
    const p = [...path, i];
    box.append(sectionCard(sec, p, depth, i === sections.length - 1));
    walk(sec.subsections, p, depth + 1);
  });
  walk(s.sections, [], 1);
}

function blocksOf(sec) {
  const order = sec.order.length ? sec.order
    : [...sec.paragraphs.map(() => "p"), ...sec.highlights.map(() => "h")];
  let p = 0, h = 0;
  return order.map((k) => (k === "p" ? { text: sec.paragraphs[p++] } : { box: sec.highlights[h++] }));
}

function sectionCard(sec, path, depth, last) {
  const key = path.map((i) => i + 1).join(".");
  const head = el("div", { className: "section-head" },
    el("span", { className: "number" }, key),
    input("sec-" + key, sec.keyword, (v) => edit({ op: "rename_section", section: path, name: v }),
      { className: "keyword", "aria-label": "部分名称 " + key }),
    last ? null : el("button", { type: "button", className: "merge", textContent: "与下一部分合并",
      on: { click: () => edit({ op: "merge_next", section: path }) } }));
  const card = el("div", { className: "section depth-" + depth, dataset: { path: key } }, head);
  blocksOf(sec).forEach((b, k) => {
    if (b.text !== undefined) {
      card.append(el("div", { className: "para" },
        el("p", { textContent: b.text }),
        el("div", { className: "actions" },
          k ? el("button", { type: "button", className: "split", textContent: "从此处拆分",
            on: { click: () => edit({ op: "split_section", section: path, block: k, name: "新部分" }) } }) : null,
          el("button", { type: "button", className: "into-box", textContent: "移入重点框",
            on: { click: () => edit({ op: "into_box", section: path, block: k }) } }))));
    } else {
      const boxEl = el("div", { className: "box" },
        el("label", { className: "box-label" }, "框标签",
          input(`box-${key}-${k}`, b.box.label, (v) => edit({ op: "set_box_label", section: path, block: k, label: v }))));
      b.box.paragraphs.forEach((text, j) => boxEl.append(el("div", { className: "para" },
        el("p", { textContent: text }),
        el("div", { className: "actions" },
          el("button", { type: "button", className: "out-of-box", textContent: "移出框",
            on: { click: () => edit({ op: "out_of_box", section: path, block: k, paragraph: j }) } })))));
      card.append(boxEl);
    }
  });
  return card;
}

function sectionSelect(s, value, key, onChange) {
  return el("select", { dataset: { key }, on: { change: (e) => onChange(Number(e.target.value)) } },
    ...s.sections.map((sec, i) => el("option", { value: String(i + 1), selected: i + 1 === value,
      textContent: `${i + 1} ${sec.keyword}`.slice(0, 14) })));
}

function renderTargets(s) {
  const set = (i, field) => (v) => edit({ op: "set_target", target: i, values: { [field]: v } });
  const rows = s.targets.map((t, i) => el("tr", { dataset: { target: String(i) } },
    el("td", {}, sectionSelect(s, t.section, `t-${i}-section`, set(i, "section"))),
    el("td", {}, input(`t-${i}-indicator`, t.indicator, set(i, "indicator"), { className: "indicator" })),
    el("td", {}, input(`t-${i}-value`, t.value, set(i, "value"), { className: "num" })),
    el("td", {}, input(`t-${i}-value_max`, t.value_max, set(i, "value_max"), { className: "num" })),
    el("td", {}, input(`t-${i}-unit`, t.unit, set(i, "unit"), { className: "unit" })),
    el("td", {}, input(`t-${i}-qualifier`, t.qualifier, set(i, "qualifier"), { className: "unit", list: "qualifiers" })),
    el("td", {}, el("button", { type: "button", className: "delete", textContent: "删除", title: "删除这一目标",
      on: { click: () => edit({ op: "delete_target", target: i }) } }))));
  const fresh = {};
  const add = (name, props) => (fresh[name] = el("input", { placeholder: props.placeholder, className: props.className || "" }));
  const section = sectionSelect(s, 1, "t-new-section", () => {});
  const addRow = el("tr", { className: "add" },
    el("td", {}, section), el("td", {}, add("indicator", { placeholder: "新指标", className: "indicator" })),
    el("td", {}, add("value", { placeholder: "数值", className: "num" })),
    el("td", {}, add("value_max", { placeholder: "", className: "num" })),
    el("td", {}, add("unit", { placeholder: "单位", className: "unit" })),
    el("td", {}, add("qualifier", { placeholder: "", className: "unit" })),
    el("td", {}, el("button", { type: "button", textContent: "添加", on: { click: () => {
      const values = { section: Number(section.value) };
      for (const [k, node] of Object.entries(fresh)) if (node.value.trim()) values[k] = node.value;
      edit({ op: "add_target", values });
    } } })));
  if (!s.sections.length) addRow.hidden = true;
  $("targets").tBodies[0].replaceChildren(...rows, addRow);
}

function renderGlance(s) {
  const chosen = new Set(s.glance);
  const items = s.figures.map((f, i) => {
    const growth = f.growth === null || f.growth === undefined ? "" : `（增长 ${f.growth}%）`;
    const box = el("input", { type: "checkbox", checked: chosen.has(i), dataset: { key: "g-" + i }, on: { change: (e) => {
      const next = e.target.checked ? [...s.glance, i] : s.glance.filter((x) => x !== i);
      edit({ op: "set_glance", figures: next });
    } } });
    return el("li", {}, el("label", {}, box, ` ${f.indicator} ${f.value}${f.unit}${growth}`));
  });
  $("glance").replaceChildren(...(items.length ? items : [el("li", { className: "empty", textContent: "没有找到数字。" })]));
}

// One picture per page, loaded when scrolled into view; an img that stays keeps showing its old
// picture until the new one is there, so the preview does not flicker.
function renderPages(data) {
  const holder = $("pages");
  const imgs = [...holder.querySelectorAll("img")];
  holder.replaceChildren(...data.pages.map((name, n) => {
    const img = imgs[n] || el("img", { alt: `第 ${n + 1} 页`, loading: "lazy" });
    img.dataset.page = name;
    img.src = `/api/docs/${data.id}/page/${name}.png`;
    return img;
  }));
}

function inView(img) {
  const box = $("pages").getBoundingClientRect();
  const r = img.getBoundingClientRect();
  return r.bottom > box.top && r.top < box.bottom && r.bottom > 0 && r.top < window.innerHeight;
}

function previewLoaded() {
  return Promise.all([...$("pages").querySelectorAll("img")].filter(inView).map((img) =>
    img.complete ? null : new Promise((ok) => { img.onload = ok; img.onerror = ok; })));
}

// -- input ---------------------------------------------------------------------------------
function upload(file) {
  if (file.size > maxFile) {  // the server holds a text file, and the text of any file, to the smaller limit
    showMessage(`文件太大：${(file.size / 1048576).toFixed(1)} MB，上限 ${$("limit-file").textContent}。请只放一份报告（一份报告很少超过 200 KB）；确需更大，可用 briefing serve --max-size 调高上限。`);
    return;
  }
  const q = new URLSearchParams({ name: file.name, settings: JSON.stringify(settings()) });
  request("POST", "/api/upload?" + q, file, { "Content-Type": "application/octet-stream" });
}

function setup() {
  $("message-close").addEventListener("click", () => { $("message").hidden = true; });
  $("go").addEventListener("click", () => {
    if (!$("text").value.trim()) { showMessage("请先粘贴报告的文本，或拖入一个文件。"); return; }
    postJSON("/api/docs", { text: $("text").value, settings: settings() });
  });
  $("file").addEventListener("change", (e) => { if (e.target.files[0]) upload(e.target.files[0]); e.target.value = ""; });
  const drop = $("drop");
  drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    drop.classList.remove("over");
    if (e.dataTransfer.files[0]) upload(e.dataTransfer.files[0]);
  });
  for (const k of SETTINGS) {
    $("s-" + k).addEventListener("change", () => { if (doc) postJSON(`/api/docs/${doc.id}/settings`, settings()); });
  }
  $("undo").addEventListener("click", () => doc && request("POST", `/api/docs/${doc.id}/undo`));
  fetch("/api/templates").then((r) => r.json()).then((data) => {
    maxFile = data.max_file;
    $("limit").textContent = data.max_upload_text;
    $("limit-file").textContent = data.max_file_text;
    $("s-template").replaceChildren(...data.templates.map((t) =>
      el("option", { value: t.name, selected: t.name === "standard", title: t.description,
        textContent: TEMPLATE_NAMES[t.name] ? `${TEMPLATE_NAMES[t.name]}（${t.name}）` : t.name })));
    document.body.dataset.ready = "1";
  }).catch((e) => showMessage("读不到模板列表：" + e.message));
}

document.addEventListener("DOMContentLoaded", setup);
