// The offline page: keeps the files picked, hands them to the engine (src/web.rs, compiled to
// WebAssembly) and shows what it answers. Checking and rendering happen in the engine; this file
// only lays out the engine's answers and the page's own words.
"use strict";

// The page's own words (buttons and headings). Findings, rule summaries, citations, the ledger,
// the diff and the report come from the engine in the language chosen.
const WORDS = {
  zh: {
    title: "bianzhi 机构编制检查",
    offline: "本页面在本机离线运行：所选文件只在这台电脑上检查，不会上传到任何地方。",
    pack: "规则包",
    packFile: (title, path) => `${title}（文件：${path}）`,
    drop: "把机构编制文件（.toml）或整个文件夹拖到这里，或者：",
    pickFiles: "选择文件",
    pickFolder: "选择文件夹",
    clear: "清空",
    dlReport: "下载检查报告（HTML）",
    dlLedger: "下载编制台账（Excel）",
    dlToml: "下载修改后的文件（TOML）",
    inputErrors: "无法检查的输入",
    findings: "检查结果",
    file: "文件",
    source: "文件内容（可直接修改，修改后立即重新检查）",
    editHint: "点击检查结果中的一行，可在文件中定位到对应位置。",
    chart: "组织架构图",
    before: "调整前（现状）",
    diff: "方案与现状对比",
    ledger: "编制台账",
    footer: "bianzhi：与命令行相同的检查引擎，在浏览器中运行。",
    errors: "错误", warnings: "警告", infos: "提示", inputs: "输入错误",
    level: { error: "错误", warning: "警告", info: "提示" },
    colLevel: "级别", colRule: "规则", colMessage: "问题", colPlace: "位置", colCite: "依据",
    noFindings: "未发现问题。",
    unit: "单位",
    noFiles: "所选文件中没有 .toml 文件。",
    notToml: (n) => `已跳过 ${n} 个非 .toml 文件（名册请用“导入名册”按钮导入到当前文件）。`,
    importRoster: "导入名册（Excel/CSV）到当前文件",
    importTitle: "名册导入",
    importNoFile: "请先选择要导入的机构编制文件（.toml）。",
    importFailed: "未导入任何内容：",
    importReplace: "替换名册：文件中有、名册中没有的人员从文件中删除（名册为全量导出时选用）",
    importForce: "只导入无误的行（跳过无法识别的行）",
    importApply: "确认导入",
    importCancel: "取消",
    importPreview: (file) => `导入前预览（${file} 尚未修改；“+”新增、“~”更新、“-”删除）：`,
    importApplied: (file) => `已导入到 ${file}（可“下载修改后的文件”保存）：`,
    importCancelled: "已取消，文件未修改。",
    office: "出具单位：",
    noLedger: (why) => `未生成编制台账：${why}`,
    reportName: "检查报告",
    ledgerName: "编制台账",
    summary: "检查情况",
    notChecked: "所选文件均未能检查，以上“无法检查的输入”说明了原因。",
    tooLargeRoster: (name, limit) => `${name} 超过本页面 ${limit} 的大小上限，未读取；请用命令行版 bianzhi import 导入。`,
    engineFailed: (what) => `检查引擎出错，刚才的操作没有完成（${what}）。引擎已重新启动，所选文件仍在，可以继续使用。`,
    notOpen: "该文件过大，本页面未读取，无法显示或修改。",
    zoom: "放大查看",
    zoomIn: "放大",
    zoomOut: "缩小",
    close: "关闭",
    switchTo: "English",
  },
  en: {
    title: "bianzhi staffing quota check",
    offline: "This page runs offline on this computer: the files you pick are checked here and sent nowhere.",
    pack: "Rule pack",
    packFile: (title, path) => `${title} (file: ${path})`,
    drop: "Drop org files (.toml) or a whole folder here, or:",
    pickFiles: "Pick files",
    pickFolder: "Pick a folder",
    clear: "Clear",
    dlReport: "Download the report (HTML)",
    dlLedger: "Download the staffing ledger (Excel)",
    dlToml: "Download the edited file (TOML)",
    inputErrors: "Input that could not be checked",
    findings: "Findings",
    file: "File",
    source: "The file (edit it here; it is checked again as you type)",
    editHint: "Click a finding to see where it is in its file.",
    chart: "Org chart",
    before: "Before (the current structure)",
    diff: "The plan against the current structure",
    ledger: "Staffing ledger",
    footer: "bianzhi: the command line's engine, running in the browser.",
    errors: "errors", warnings: "warnings", infos: "info", inputs: "input errors",
    level: { error: "error", warning: "warning", info: "info" },
    colLevel: "Level", colRule: "Rule", colMessage: "Problem", colPlace: "Where", colCite: "Basis",
    noFindings: "No findings.",
    unit: "Unit",
    noFiles: "None of the files picked is a .toml file.",
    notToml: (n) => `${n} file(s) that are not .toml were skipped (import a roster into the file shown with "Import a roster").`,
    importRoster: "Import a roster (Excel/CSV) into the file shown",
    importTitle: "Roster import",
    importNoFile: "Pick the org file (.toml) to import into first.",
    importFailed: "Nothing was imported:",
    importReplace: "Replace the roster: people in the file but not in the roster leave it (for a full export)",
    importForce: "Import only the rows without errors (skip the rows that cannot be read)",
    importApply: "Apply",
    importCancel: "Cancel",
    importPreview: (file) => `Preview (${file} is not changed yet; "+" added, "~" changed, "-" removed):`,
    importApplied: (file) => `Imported into ${file} (use "Download the edited file" to keep it):`,
    importCancelled: "Cancelled: the file was not changed.",
    office: "Issued by:",
    noLedger: (why) => `No ledger was made: ${why}`,
    reportName: "report",
    ledgerName: "ledger",
    summary: "What was checked",
    notChecked: "None of the files picked could be checked: \"Input that could not be checked\" above says why.",
    tooLargeRoster: (name, limit) => `${name} is larger than the page's limit of ${limit}: not read; import it with the command line (bianzhi import).`,
    engineFailed: (what) => `The checking engine failed and what you just did was not finished (${what}). The engine has been restarted; the files picked are still here and the page can be used.`,
    notOpen: "This file is too large for the page: it was not read, and cannot be shown or edited here.",
    zoom: "Open large",
    zoomIn: "Zoom in",
    zoomOut: "Zoom out",
    close: "Close",
    switchTo: "中文",
  },
};

const S = {
  lang: "zh",
  // Path shown → the file picked (a File, or a Blob of an edit or an import): what the engine is
  // given again if it has to be restarted. The engine holds the files' bytes; the page reads a
  // file's text from it when it shows the file, and keeps no copy of its own.
  files: new Map(),
  folder: "",
  current: "", // the file shown in the editor
  finding: -1, // the finding selected
  result: null,
  timer: 0,
};
const $ = (id) => document.getElementById(id);
const W = () => WORDS[S.lang];
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
const enc = new TextEncoder();

// The engine: a fresh instance of the WebAssembly module (newEngine is the wasm-bindgen glue,
// wrapped by scripts/build-web.sh so that it can be made again). A trap in it (a panic, memory
// running out) leaves that instance unusable: it is dropped, a new one is made and given the
// files again, and the clerk is told in words what happened.
let E = null;
let MODULE = null;

function call(name, ...args) {
  if (!E) return null;
  try {
    return E[name](...args);
  } catch (e) {
    engineFailed(e);
    return null;
  }
}

function engineFailed(e) {
  E = null;
  const what = e && e.message ? e.message : String(e);
  document.body.dataset.engineFailures = String(Number(document.body.dataset.engineFailures || 0) + 1);
  notice(W().engineFailed(what), "error");
  S.restarting = restart();
}

async function startEngine() {
  const engine = newEngine();
  S.wasm = await engine({ module_or_path: MODULE });
  E = engine;
}

async function restart() {
  await startEngine();
  await giveFiles();
  S.result = null;
  if (S.files.size) recheck();
  else show();
}

// Every file picked, to the engine: its bytes, or its size when it is over the engine's limit.
async function giveFiles() {
  const limit = E.max_file_size();
  for (const [p, f] of S.files) {
    if (f.size > limit) E.put_unread(p, f.size);
    else E.put_file(p, new Uint8Array(await f.arrayBuffer()));
  }
}

// A message above the results (an engine failure, a report that could not be made).
function notice(text, cls) {
  const el = $("notice");
  el.hidden = !text;
  el.className = "notice " + (cls || "");
  el.textContent = text || "";
}

function words() {
  document.documentElement.lang = S.lang === "zh" ? "zh-CN" : "en";
  document.title = W().title;
  for (const el of document.querySelectorAll("[data-w]")) el.textContent = W()[el.dataset.w];
  $("lang").textContent = W().switchTo;
}

// ---- files in ----

async function addFiles(list) {
  const t0 = performance.now();
  await S.restarting;
  let skipped = 0;
  const limit = E.max_file_size();
  for (const f of list) {
    const path = f.webkitRelativePath || f.relPath || f.name;
    if (!path.toLowerCase().endsWith(".toml")) { skipped++; continue; }
    S.files.set(path, f);
    // A file over the limit is not read at all: the check says it could not be checked.
    if (f.size > limit) call("put_unread", path, f.size);
    else call("put_file", path, new Uint8Array(await f.arrayBuffer()));
  }
  const paths = [...S.files.keys()].sort();
  // The folder the files were picked from, as the command line would be given it.
  const tops = new Set(paths.map((p) => (p.includes("/") ? p.split("/")[0] : "")));
  S.folder = tops.size === 1 && !tops.has("") ? [...tops][0] : ".";
  S.notice = skipped ? W().notToml(skipped) : paths.length ? "" : W().noFiles;
  if (!S.files.has(S.current)) S.current = paths[0] || "";
  S.finding = -1;
  notice("");
  fillPacks();
  // The issuing office: the project file's among the files picked, unless the clerk typed one.
  const office = JSON.parse(call("project_settings") || "{}").office;
  if (office && !$("office").dataset.typed) $("office").value = office;
  recheck();
  // From the files handed to the page to the findings drawn (read by scripts/web-bench.sh).
  document.body.dataset.pickMs = (performance.now() - t0).toFixed(1);
}

// The rule packs to choose from, each by its title: the built-in ones, then the pack files among
// the files picked (a .toml file with a [pack] table), as `bianzhi check --rules FILE` would
// read them (the option's value is the id of a built-in pack, or the file's path).
function fillPacks() {
  const sel = $("pack");
  const was = sel.value;
  const packs = JSON.parse(call("packs", S.lang) || "[]");
  sel.innerHTML = packs.map((p) => {
    const value = p.file || p.id;
    const label = p.file ? W().packFile(p.title, p.file) : p.title;
    return `<option value="${esc(value)}" title="${esc(p.id)}">${esc(label)}</option>`;
  }).join("");
  const def = packs.find((p) => p.default);
  sel.value = [...sel.options].some((o) => o.value === was) ? was : def ? def.id : "";
}

// Files dropped: folders are walked (webkitGetAsEntry), each file keeping its path in the folder.
async function dropped(ev) {
  const entries = [...ev.dataTransfer.items].map((i) => i.webkitGetAsEntry && i.webkitGetAsEntry()).filter(Boolean);
  const out = [];
  const walk = async (entry, prefix) => {
    if (entry.isFile) {
      const file = await new Promise((ok, bad) => entry.file(ok, bad));
      file.relPath = prefix + entry.name;
      out.push(file);
    } else if (entry.isDirectory && !entry.name.startsWith(".") && entry.name !== "target") {
      const reader = entry.createReader();
      for (;;) {
        const batch = await new Promise((ok, bad) => reader.readEntries(ok, bad));
        if (!batch.length) break;
        for (const e of batch) await walk(e, prefix + entry.name + "/");
      }
    }
  };
  if (entries.length) for (const e of entries) await walk(e, "");
  else out.push(...ev.dataTransfer.files);
  await addFiles(out);
}

// A roster into the file shown, as `bianzhi import ROSTER --into FILE` does it: first a preview of
// what would change (+ added, ~ changed, - removed), nothing changed; then "apply" puts the new
// text into the file (download it to keep it), "cancel" leaves it. The options are the command
// line's --replace and --force; changing one previews again.
async function importRoster(file) {
  const box = $("import");
  $("import-box").hidden = false;
  $("import-actions").hidden = true;
  S.pending = null;
  if (!S.current) { box.textContent = W().importNoFile; return; }
  await S.restarting;
  if (file.size > E.max_file_size()) {
    box.textContent = W().tooLargeRoster(file.name, sizeText(E.max_file_size()));
    return;
  }
  S.roster = { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()), into: S.current };
  previewImport();
}

function previewImport() {
  const box = $("import");
  const ro = S.roster;
  if (!ro) return;
  $("import-actions").hidden = true;
  S.pending = null;
  const answer = call("import_roster", ro.name, ro.bytes, ro.into, S.lang, $("import-replace").checked, $("import-force").checked);
  if (answer === null) return;
  const r = JSON.parse(answer);
  if (r.errors) {
    box.textContent = [W().importFailed, ...r.errors].join("\n");
    return;
  }
  S.pending = { into: ro.into, text: r.text };
  box.textContent = [W().importPreview(ro.into), ...r.details, `${ro.into}: ${r.summary}`, ...r.notes].join("\n");
  $("import-actions").hidden = false;
}

function applyImport() {
  const p = S.pending;
  if (!p) return;
  const lines = $("import").textContent.split("\n").slice(1);
  setText(p.into, p.text);
  S.pending = null;
  S.roster = null;
  $("import-actions").hidden = true;
  $("import").textContent = [W().importApplied(p.into), ...lines].join("\n");
  S.current = p.into;
  recheck();
}

function cancelImport() {
  S.pending = null;
  S.roster = null;
  $("import-actions").hidden = true;
  $("import").textContent = W().importCancelled;
}

const sizeText = (n) => (n >= 1048576 ? `${(n / 1048576).toFixed(0)} MiB` : `${(n / 1024).toFixed(0)} KiB`);

// A file's new text (an edit, an import): to the engine, and kept as a Blob for a restart and
// the download.
function setText(path, text) {
  const bytes = enc.encode(text);
  S.files.set(path, new Blob([bytes]));
  call("put_file", path, bytes);
}

// ---- check ----

function recheck() {
  const t0 = performance.now();
  const answer = call("check", S.folder, $("pack").value, S.lang, false);
  if (answer === null) return;
  S.result = JSON.parse(answer);
  const t1 = performance.now();
  show();
  // How long the engine took, and the page's drawing after it (read by scripts/web-bench.sh).
  document.body.dataset.checkMs = (t1 - t0).toFixed(1);
  // The engine's memory (it only grows: the most the checks so far have needed).
  document.body.dataset.wasmBytes = String(S.wasm.memory.buffer.byteLength);
  document.body.dataset.showMs = (performance.now() - t1).toFixed(1);
}

function show() {
  const r = S.result;
  $("main").hidden = S.files.size === 0;
  if (!r) return;
  const rep = r.report;
  const s = rep.summary;
  $("cards").innerHTML =
    card("error", s.error, W().errors) + card("warning", s.warning, W().warnings) +
    card("info", s.info, W().infos) + card("input", s.input_errors, W().inputs) +
    `<p id="summary-line" class="${s.input_errors ? "warn" : "hint"}">${esc(r.summary)}</p>` +
    (S.notice ? `<p class="hint">${esc(S.notice)}</p>` : "");
  // Input errors: file, line and column, as the command line says them.
  $("errors-box").hidden = rep.errors.length === 0;
  $("errors").innerHTML = rep.errors.map((e) => {
    const at = e.file ? `${e.file}${e.line ? `:${e.line}:${e.column}` : ""}` : "";
    return `<li><span class="loc">${esc(at)}</span> ${esc(e.message)}${e.help ? `<p class="help">${esc(e.help)}</p>` : ""}</li>`;
  }).join("");
  showFindings();
  const sel = $("file");
  const paths = [...S.files.keys()].sort();
  sel.innerHTML = paths.map((p) => `<option${p === S.current ? " selected" : ""}>${esc(p)}</option>`).join("");
  showFile(false);
  $("ledger").innerHTML = call("ledger_html", S.lang) || "";
}

const card = (cls, n, label) => `<div class="card ${cls}"><span class="n">${n}</span>${esc(label)}</div>`;

// Findings grouped by unit, in the engine's order.
function showFindings() {
  const r = S.result;
  const fs = r.report.findings;
  // "No findings" only when every file was checked: a file that could not be checked is never a
  // pass. Otherwise the summary line says how many could not be, and whether anything was.
  if (!fs.length) {
    $("findings").innerHTML = r.report.summary.input_errors
      ? `<p class="warn" id="no-findings">${esc(r.summary)}</p>`
      : `<p class="ok" id="no-findings">${esc(W().noFindings)}</p>`;
    return;
  }
  const names = new Map(r.orgs.map((o) => [o.unit, o.name]));
  const groups = new Map();
  fs.forEach((f, i) => {
    if (!groups.has(f.unit)) groups.set(f.unit, []);
    groups.get(f.unit).push(i);
  });
  let html = "";
  for (const [unit, idx] of groups) {
    html += `<h3 class="unit-title">${esc(names.get(unit) || unit)} <small>(${esc(unit)})</small></h3>`;
    html += `<table class="findings"><thead><tr><th>${W().colLevel}</th><th>${W().colRule}</th><th>${W().colMessage}</th><th>${W().colPlace}</th><th>${W().colCite}</th></tr></thead><tbody>`;
    for (const i of idx) {
      const f = fs[i];
      const rule = r.rules[f.code];
      html += `<tr class="finding level-${f.level}${i === S.finding ? " current" : ""}" data-i="${i}">` +
        `<td><span class="badge ${f.level}">${esc(W().level[f.level] || f.level)}</span></td>` +
        `<td><code>${esc(f.code)}</code><br><small title="${esc(rule ? rule.summary : "")}">${esc(rule ? rule.title : f.name)}</small></td>` +
        `<td>${esc(f.message)}${f.help ? `<p class="help">${esc(f.help)}</p>` : ""}</td>` +
        `<td class="loc">${esc(f.file)}:${f.line}:${f.column}</td>` +
        `<td>${esc(f.cite)}</td></tr>`;
    }
    html += "</tbody></table>";
  }
  $("findings").innerHTML = html;
}

// ---- one file: editor with the findings' spans marked, chart, plan ----

function showFile(focus) {
  const path = S.current;
  const f = S.files.get(path);
  const unread = f && E && f.size > E.max_file_size();
  const text = unread ? W().notOpen : call("file_text", path) || "";
  const ed = $("editor");
  ed.readOnly = !!unread;
  if (ed.value !== text) ed.value = text;
  $("gutter").textContent = Array.from({ length: text.split("\n").length }, (_, i) => i + 1).join("\n");
  drawMarks(text, focus);
  $("chart").innerHTML = call("chart_svg", path, S.lang) || "";
  $("zoom").hidden = !$("chart").querySelector("svg");
  const org = S.result && S.result.orgs.find((o) => o.path === path);
  const base = org && org.baseline;
  // A plan is shown with its baseline's chart and the diff; a plan without a baseline among the
  // files says that it was not compared (the engine's note where the diff would be).
  $("plan").hidden = !(base || (org && org.proposal));
  $("before-box").hidden = !base;
  $("chart-before").innerHTML = base ? call("chart_svg", base, S.lang) || "" : "";
  $("diff").innerHTML = org && (base || org.proposal) ? call("diff_html", path, S.lang) || "" : "";
}

// The engine's spans are byte offsets into the UTF-8 text; the page's strings count UTF-16 units.
function drawMarks(text, focus) {
  const bytes = enc.encode(text);
  const dec = new TextDecoder();
  const at = (b) => dec.decode(bytes.subarray(0, b)).length;
  const spans = [];
  if (!S.result) { $("marks").innerHTML = esc(text) + "\n"; return; }
  S.result.report.findings.forEach((f, i) => {
    if (f.file === S.current) spans.push({ s: at(f.span.start), e: at(Math.max(f.span.end, f.span.start + 1)), level: f.level, i });
  });
  spans.sort((a, b) => a.s - b.s);
  // Nothing to mark: no second copy of the text to lay out (a 10 MB file's would be hundreds of
  // megabytes of the tab's memory).
  if (!spans.length) { $("marks").textContent = ""; return; }
  let html = "", pos = 0;
  for (const sp of spans) {
    if (sp.s < pos) continue; // overlapping spans: the first one is drawn
    html += esc(text.slice(pos, sp.s)) + `<mark class="${sp.level}${sp.i === S.finding ? " current" : ""}">${esc(text.slice(sp.s, sp.e))}</mark>`;
    pos = sp.e;
  }
  $("marks").innerHTML = html + esc(text.slice(pos)) + "\n";
  const cur = spans.find((sp) => sp.i === S.finding);
  if (focus && cur) {
    const ed = $("editor");
    ed.focus();
    ed.setSelectionRange(cur.s, cur.e);
    const line = text.slice(0, cur.s).split("\n").length;
    ed.scrollTop = Math.max(0, (line - 5) * 20);
    syncScroll();
  }
}

function syncScroll() {
  const ed = $("editor");
  $("marks").scrollTop = ed.scrollTop;
  $("marks").scrollLeft = ed.scrollLeft;
  $("gutter").scrollTop = ed.scrollTop;
}

function edited() {
  if ($("editor").readOnly) return;
  setText(S.current, $("editor").value);
  clearTimeout(S.timer);
  // Checked again as one types: a short pause first, so that a burst of keys is one check.
  S.timer = setTimeout(recheck, 120);
}

// ---- the chart opened large ----

// The chart's own size is its viewBox; its smallest words are a few pixels at the pane's width.
// Opened large it is drawn so that they are at least 12 px, and can be zoomed further.
function openLarge() {
  const svg = $("chart").querySelector("svg");
  if (!svg) return;
  $("large-chart").innerHTML = svg.outerHTML;
  const big = $("large-chart").querySelector("svg");
  const vb = big.viewBox.baseVal;
  const width = vb && vb.width ? vb.width : big.getBBox().width;
  const sizes = [...big.querySelectorAll("text")].map((t) => parseFloat(getComputedStyle(t).fontSize) || 12);
  const smallest = sizes.length ? Math.min(...sizes) : 12;
  S.large = { width, scale: Math.max(1, 12 / smallest) };
  $("large").hidden = false;
  zoomLarge(1);
}

function zoomLarge(by) {
  S.large.scale *= by;
  const big = $("large-chart").querySelector("svg");
  big.style.width = `${S.large.width * S.large.scale}px`;
  big.style.maxWidth = "none";
  big.style.height = "auto";
  document.body.dataset.chartScale = S.large.scale.toFixed(2);
}

// ---- downloads ----

function todayText() {
  const d = new Date();
  return [d.getFullYear(), d.getMonth() + 1, d.getDate()].map((n, i) => String(n).padStart(i ? 2 : 4, "0")).join("-");
}

// A document's file name: the issuing office (the field, or the project file's), what it is and
// the day, e.g. "吴江区委编办-检查报告-2026-12-07.html"; "bianzhi-…" without an office. Characters
// a file name cannot hold on Windows are left out.
function fileName(what, day, ext) {
  const office = $("office").value.trim().replace(/[\\/:*?"<>|\x00-\x1f]/g, "");
  return `${office || "bianzhi"}-${what}-${day}.${ext}`;
}

function download(name, data, type) {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// ---- start ----

async function start() {
  const bin = atob(WASM_BASE64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  // Compiled once: a restart after a trap only instantiates it again.
  MODULE = await WebAssembly.compile(bytes);
  await startEngine();
  words();
  fillPacks();
  $("files").addEventListener("change", (e) => addFiles(e.target.files));
  $("folder").addEventListener("change", (e) => addFiles(e.target.files));
  $("roster").addEventListener("change", (e) => { if (e.target.files[0]) importRoster(e.target.files[0]); e.target.value = ""; });
  const drop = document.body;
  drop.addEventListener("dragover", (e) => { e.preventDefault(); $("drop").classList.add("over"); });
  drop.addEventListener("dragleave", () => $("drop").classList.remove("over"));
  drop.addEventListener("drop", (e) => { e.preventDefault(); $("drop").classList.remove("over"); dropped(e); });
  $("clear").addEventListener("click", () => {
    S.files.clear(); S.current = ""; S.result = null; call("clear_files"); fillPacks(); show();
    $("import-box").hidden = true;
    notice("");
  });
  $("lang").addEventListener("click", () => {
    S.lang = S.lang === "zh" ? "en" : "zh";
    words();
    fillPacks();
    if (S.files.size) recheck();
  });
  $("pack").addEventListener("change", () => S.files.size && recheck());
  $("file").addEventListener("change", (e) => { S.current = e.target.value; S.finding = -1; showFile(false); });
  $("findings").addEventListener("click", (e) => {
    const tr = e.target.closest("tr.finding");
    if (!tr) return;
    S.finding = Number(tr.dataset.i);
    const f = S.result.report.findings[S.finding];
    if (S.files.has(f.file)) S.current = f.file;
    showFindings();
    $("file").value = S.current;
    showFile(true);
  });
  $("editor").addEventListener("input", edited);
  $("editor").addEventListener("scroll", syncScroll);
  $("dl-report").addEventListener("click", () => {
    const today = todayText();
    const answer = call("report_html", S.lang, today, $("office").value);
    if (answer === null) return;
    // Never a click that does nothing: the report, or why it cannot be made.
    const r = JSON.parse(answer);
    if (r.html) { notice(""); download(fileName(W().reportName, today, "html"), r.html, "text/html"); }
    else notice(r.error, "error");
  });
  $("dl-ledger").addEventListener("click", () => {
    const xlsx = call("ledger_xlsx", S.lang);
    if (xlsx === null) return;
    // An empty answer: no org file could be checked; said, as for the report.
    if (!xlsx.length) { notice(W().noLedger(S.result ? S.result.summary : ""), "error"); return; }
    notice("");
    download(fileName(W().ledgerName, todayText(), "xlsx"), xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  });
  $("dl-toml").addEventListener("click", () => {
    if (S.current && S.files.has(S.current)) download(S.current.split("/").pop(), S.files.get(S.current), "application/toml");
  });
  // The chart at full size: an overlay where its words are read at 12 px or more.
  $("zoom").addEventListener("click", openLarge);
  $("office").addEventListener("input", () => { $("office").dataset.typed = "1"; });
  $("import-apply").addEventListener("click", applyImport);
  $("import-cancel").addEventListener("click", cancelImport);
  $("import-replace").addEventListener("change", previewImport);
  $("import-force").addEventListener("change", previewImport);
  $("large-close").addEventListener("click", () => { $("large").hidden = true; });
  $("large-in").addEventListener("click", () => zoomLarge(1.25));
  $("large-out").addEventListener("click", () => zoomLarge(0.8));
  document.addEventListener("keydown", (e) => { if (e.key === "Escape") $("large").hidden = true; });
  // Milliseconds from the start of navigation: how long the page took to be usable.
  document.body.dataset.readyMs = performance.now().toFixed(0);
  document.body.dataset.ready = "1";
}

start().catch((e) => {
  document.body.dataset.failed = String(e);
  document.body.insertAdjacentHTML("afterbegin", `<p style="color:#d32f2f">${esc(e)}</p>`);
});
