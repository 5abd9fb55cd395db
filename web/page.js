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
    packFile: "文件：",
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
    switchTo: "English",
  },
  en: {
    title: "bianzhi staffing quota check",
    offline: "This page runs offline on this computer: the files you pick are checked here and sent nowhere.",
    pack: "Rule pack",
    packFile: "file: ",
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
    switchTo: "中文",
  },
};

const S = {
  lang: "zh",
  files: new Map(), // path shown → text
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

function words() {
  document.documentElement.lang = S.lang === "zh" ? "zh-CN" : "en";
  document.title = W().title;
  for (const el of document.querySelectorAll("[data-w]")) el.textContent = W()[el.dataset.w];
  $("lang").textContent = W().switchTo;
}

// ---- files in ----

async function addFiles(list) {
  const t0 = performance.now();
  let skipped = 0;
  for (const f of list) {
    const path = f.webkitRelativePath || f.relPath || f.name;
    if (!path.toLowerCase().endsWith(".toml")) { skipped++; continue; }
    const bytes = new Uint8Array(await f.arrayBuffer());
    S.files.set(path, bytes);
  }
  const paths = [...S.files.keys()].sort();
  // The folder the files were picked from, as the command line would be given it.
  const tops = new Set(paths.map((p) => (p.includes("/") ? p.split("/")[0] : "")));
  S.folder = tops.size === 1 && !tops.has("") ? [...tops][0] : ".";
  S.notice = skipped ? W().notToml(skipped) : paths.length ? "" : W().noFiles;
  if (!S.files.has(S.current)) S.current = paths[0] || "";
  S.finding = -1;
  for (const [p, b] of S.files) wasm_bindgen.put_file(p, b);
  fillPacks();
  recheck();
  // From the files handed to the page to the findings drawn (read by scripts/web-bench.sh).
  document.body.dataset.pickMs = (performance.now() - t0).toFixed(1);
}

// The rule packs to choose from: the built-in ones, then the pack files among the files picked
// (a .toml file with a [pack] table), as `bianzhi check --rules FILE` would read them.
function fillPacks() {
  const sel = $("pack");
  const was = sel.value;
  const dec = new TextDecoder();
  const files = [...S.files.keys()].sort().filter((p) => /^\s*\[pack\]\s*$/m.test(dec.decode(S.files.get(p))));
  sel.innerHTML =
    S.packs.map((p) => `<option value="${esc(p.id)}">${esc(p.id)}</option>`).join("") +
    files.map((p) => `<option value="${esc(p)}">${esc(W().packFile)}${esc(p)}</option>`).join("");
  sel.value = [...sel.options].some((o) => o.value === was) ? was : S.packs.find((p) => p.default).id;
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

// A roster into the file shown, as `bianzhi import ROSTER --into FILE` does it; the file's new
// text goes into the editor (download it to keep it).
async function importRoster(file) {
  const box = $("import");
  $("import-box").hidden = false;
  if (!S.current) { box.textContent = W().importNoFile; return; }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const r = JSON.parse(wasm_bindgen.import_roster(file.name, bytes, S.current, S.lang));
  if (r.errors) {
    box.textContent = [W().importFailed, ...r.errors].join("\n");
    return;
  }
  box.textContent = [`${S.current}: ${r.summary}`, ...r.skipped].join("\n");
  S.files.set(S.current, enc.encode(r.text));
  wasm_bindgen.put_file(S.current, S.files.get(S.current));
  recheck();
}

// ---- check ----

function recheck() {
  const t0 = performance.now();
  S.result = JSON.parse(wasm_bindgen.check(S.folder, $("pack").value, S.lang, false));
  const t1 = performance.now();
  show();
  // How long the engine took, and the page's drawing after it (read by scripts/web-bench.sh).
  document.body.dataset.checkMs = (t1 - t0).toFixed(1);
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
  $("ledger").innerHTML = wasm_bindgen.ledger_html(S.lang);
}

const card = (cls, n, label) => `<div class="card ${cls}"><span class="n">${n}</span>${esc(label)}</div>`;

// Findings grouped by unit, in the engine's order.
function showFindings() {
  const r = S.result;
  const fs = r.report.findings;
  if (!fs.length) { $("findings").innerHTML = `<p class="ok">${esc(W().noFindings)}</p>`; return; }
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
  const bytes = S.files.get(path);
  const text = bytes ? new TextDecoder().decode(bytes) : "";
  const ed = $("editor");
  if (ed.value !== text) ed.value = text;
  $("gutter").textContent = Array.from({ length: text.split("\n").length }, (_, i) => i + 1).join("\n");
  drawMarks(text, focus);
  $("chart").innerHTML = wasm_bindgen.chart_svg(path, S.lang);
  const org = S.result.orgs.find((o) => o.path === path);
  const base = org && org.baseline;
  $("plan").hidden = !base;
  if (base) {
    $("chart-before").innerHTML = wasm_bindgen.chart_svg(base, S.lang);
    $("diff").innerHTML = wasm_bindgen.diff_html(path, S.lang);
  }
}

// The engine's spans are byte offsets into the UTF-8 text; the page's strings count UTF-16 units.
function drawMarks(text, focus) {
  const bytes = enc.encode(text);
  const dec = new TextDecoder();
  const at = (b) => dec.decode(bytes.subarray(0, b)).length;
  const spans = [];
  S.result.report.findings.forEach((f, i) => {
    if (f.file === S.current) spans.push({ s: at(f.span.start), e: at(Math.max(f.span.end, f.span.start + 1)), level: f.level, i });
  });
  spans.sort((a, b) => a.s - b.s);
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
  S.files.set(S.current, enc.encode($("editor").value));
  wasm_bindgen.put_file(S.current, S.files.get(S.current));
  clearTimeout(S.timer);
  // Checked again as one types: a short pause first, so that a burst of keys is one check.
  S.timer = setTimeout(recheck, 120);
}

// ---- downloads ----

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
  await wasm_bindgen({ module_or_path: bytes });
  S.packs = JSON.parse(wasm_bindgen.packs());
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
    S.files.clear(); S.current = ""; S.result = null; wasm_bindgen.clear_files(); fillPacks(); show();
    $("import-box").hidden = true;
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
    const d = new Date();
    const today = [d.getFullYear(), d.getMonth() + 1, d.getDate()].map((n, i) => String(n).padStart(i ? 2 : 4, "0")).join("-");
    const html = wasm_bindgen.report_html(S.lang, today);
    if (html) download("bianzhi-report.html", html, "text/html");
  });
  $("dl-ledger").addEventListener("click", () => {
    download("bianzhi-ledger.xlsx", wasm_bindgen.ledger_xlsx(S.lang), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  });
  $("dl-toml").addEventListener("click", () => {
    if (S.current) download(S.current.split("/").pop(), S.files.get(S.current), "application/toml");
  });
  // Milliseconds from the start of navigation: how long the page took to be usable.
  document.body.dataset.readyMs = performance.now().toFixed(0);
  document.body.dataset.ready = "1";
}

start().catch((e) => {
  document.body.dataset.failed = String(e);
  document.body.insertAdjacentHTML("afterbegin", `<p style="color:#d32f2f">${esc(e)}</p>`);
});
