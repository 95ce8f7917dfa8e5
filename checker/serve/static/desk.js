// The copy desk page: check a story, review its findings, accept or reject fixes,
// download the corrected file, search the glossary, check a headline pair.
// Plain JavaScript, no library; every call goes to this server's /api/v1/.
"use strict";

(function () {
  const settings = JSON.parse(document.body.dataset.settings);
  const $ = (id) => document.getElementById(id);
  const SEVERITY_ORDER = { error: 3, warning: 2, info: 1 };
  const state = { input: null, report: null, decisions: new Map() };

  // -- API ------------------------------------------------------------------------------

  function token() {
    if (!settings.tokenRequired) return null;
    let value = sessionStorage.getItem("termcheck-token");
    if (!value) {
      value = window.prompt("This desk needs its access token:") || "";
      sessionStorage.setItem("termcheck-token", value);
    }
    return value;
  }

  async function api(path, options = {}) {
    const headers = Object.assign({}, options.headers || {});
    const bearer = token();
    if (bearer) headers.Authorization = "Bearer " + bearer;
    const response = await fetch("/api/v1" + path, Object.assign({}, options, { headers }));
    if (!response.ok) {
      let detail = response.status + " " + response.statusText;
      try {
        const problem = await response.json();
        detail = problem.title + ": " + problem.detail;
      } catch (ignored) { /* not problem+json */ }
      if (response.status === 401) sessionStorage.removeItem("termcheck-token");
      throw new Error(detail);
    }
    return response;
  }

  function storyRequest(extra) {
    const input = state.input;
    const fields = {
      date: $("story-date").value || null,
      style: $("story-style").value || null,
    };
    if (input.kind === "file") {
      const form = new FormData();
      form.append("file", input.file, input.file.name);
      for (const [key, value] of Object.entries(fields)) if (value) form.append(key, value);
      for (const [key, value] of Object.entries(extra)) {
        if (Array.isArray(value)) value.forEach((v) => form.append(key, v));
        else form.append(key, String(value));
      }
      return { method: "POST", body: form };
    }
    const body = Object.assign({ text: input.text, name: input.name }, fields, extra);
    return {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    };
  }

  function say(message, kind) {
    const status = $("status");
    status.textContent = message;
    status.className = "status" + (kind ? " " + kind : "");
  }

  // -- checking -------------------------------------------------------------------------

  function currentInput() {
    const file = $("story-file").files[0];
    if (file) return { kind: "file", file };
    const text = $("story-text").value;
    // After "apply & re-check" a file lives on as its corrected copy.
    if (!text.trim() && state.input && state.input.kind === "file") return state.input;
    return { kind: "text", text, name: "story.txt" };
  }

  async function check(input) {
    state.input = input;
    if (input.kind === "text" && !input.text.trim()) {
      say("Paste a story or choose a file first.", "error");
      return;
    }
    say("Checking…");
    try {
      const response = await api("/check", storyRequest({ include_text: true }));
      state.report = await response.json();
      state.decisions = new Map();
      render();
      const n = state.report.findings.length;
      say(n ? `${n} finding${n === 1 ? "" : "s"}.` : "No findings: the story is clean.", n ? "" : "ok");
    } catch (error) {
      say(error.message, "error");
    }
  }

  function render() {
    const report = state.report;
    $("results").hidden = false;
    const file = report.files[0];
    const counts = report.summary.by_severity;
    $("summary").innerHTML = "";
    $("summary").append(
      el("strong", {}, `${report.summary.findings} findings`),
      el("span", { class: "pill error" }, `${counts.error} error`),
      el("span", { class: "pill warning" }, `${counts.warning} warning`),
      el("span", { class: "pill info" }, `${counts.info} info`),
      el("span", { class: "muted" }, ` · date ${file.date} (${file.date_origin === "--date" ? "as set above" : file.date_origin}) · ${report.story.name}`),
    );
    for (const warning of file.warnings) $("summary").append(el("div", { class: "warning-line" }, "⚠ " + warning));
    $("annotate").hidden = report.story.format !== "docx";
    renderStory(report.story, report.findings);
    renderCards(report.findings);
    updateButtons();
  }

  // The story as text with its findings marked; a markup or Word file as its segments
  // (headline, paragraphs), each with the findings mapped into it by the server.
  function renderStory(story, findings) {
    const container = $("story");
    container.innerHTML = "";
    container.classList.toggle("segmented", Boolean(story.segments));
    const byId = new Map(findings.map((f) => [f.id, f]));
    const marked = new Set();
    if (story.segments) {
      for (const segment of story.segments) {
        const block = el(segment.kind === "headline" ? "h2" : "p", { class: "segment " + segment.kind });
        const spans = segment.marks.map((m) => ({ start: m.start, end: m.end, finding: byId.get(m.id) }));
        appendMarked(block, segment.text, spans.filter((s) => s.finding), marked);
        container.append(block);
      }
    } else {
      const spans = findings.map((f) => ({ start: f.offset, end: f.end_offset, finding: f }));
      appendMarked(container, story.text, spans, marked);
    }
    container.dataset.highlighted = String(marked.size);
  }

  // Offsets count code points; JavaScript strings count UTF-16 units.
  function appendMarked(node, text, spans, marked) {
    const chars = Array.from(text);
    const bounds = new Set([0, chars.length]);
    for (const s of spans) { bounds.add(s.start); bounds.add(s.end); }
    const points = Array.from(bounds).sort((a, b) => a - b);
    for (let i = 0; i < points.length; i++) {
      const start = points[i];
      for (const s of spans) {
        if (s.start === s.end && s.start === start) {
          node.append(mark([s.finding], "", true));
          marked.add(s.finding.id);
        }
      }
      if (i === points.length - 1) break;
      const end = points[i + 1];
      const piece = chars.slice(start, end).join("");
      const covering = spans.filter((s) => s.start <= start && end <= s.end && s.start < s.end);
      if (covering.length) {
        node.append(mark(covering.map((s) => s.finding), piece, false));
        covering.forEach((s) => marked.add(s.finding.id));
      } else {
        node.append(document.createTextNode(piece));
      }
    }
  }

  function mark(findings, text, point) {
    const worst = findings.reduce((a, f) => (SEVERITY_ORDER[f.severity] > SEVERITY_ORDER[a] ? f.severity : a), "info");
    const node = el("mark", {
      class: "sev-" + worst + (point ? " point" : ""),
      tabindex: "0",
      "data-findings": findings.map((f) => f.id).join(" "),
      title: findings.map((f) => f.code + " " + f.message).join("\n"),
    }, point ? "‸" : text);
    node.addEventListener("click", () => showCard(findings[0].id));
    node.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); showCard(findings[0].id); }
    });
    return node;
  }

  function renderCards(findings) {
    const list = $("cards");
    list.innerHTML = "";
    for (const f of findings) {
      const card = el("li", { class: "finding sev-" + f.severity, id: cardId(f.id), tabindex: "-1", "data-id": f.id });
      card.append(
        el("div", { class: "finding-head" },
          el("span", { class: "pill " + f.severity }, f.severity),
          el("code", {}, f.code),
          el("span", { class: "muted" }, `${f.rule} · line ${f.line}:${f.column}`)),
        el("p", { class: "message" }, f.message),
      );
      if (f.replacement !== null) {
        const safety = (f.fix_applicability || "").replace("_", "-");
        card.append(el("p", { class: "suggestion" },
          el("del", {}, f.text), " → ", el("ins", {}, f.replacement),
          el("span", { class: "safety " + safety }, safety + " fix")));
      }
      for (const fact of f.facts) {
        const line = el("p", { class: "fact muted" }, "Glossary: " + fact.entry + (fact.status !== "confirmed" ? ` [${fact.status}]` : ""));
        if (fact.source) {
          line.append(" — ", el("a", { href: fact.source, target: "_blank", rel: "noopener noreferrer" }, "source"));
        }
        card.append(line);
      }
      if (f.replacement !== null && f.fix_applicability !== "display_only") {
        const accept = el("button", { type: "button", class: "accept" }, "Accept");
        const reject = el("button", { type: "button", class: "reject" }, "Reject");
        accept.addEventListener("click", () => decide(f.id, "accept"));
        reject.addEventListener("click", () => decide(f.id, "reject"));
        card.append(el("div", { class: "decide" }, accept, reject, el("span", { class: "decision muted" }, "")));
      }
      card.addEventListener("click", (event) => {
        if (event.target.closest("button, a")) return;
        showMark(f.id);
      });
      list.append(card);
    }
  }

  const cardId = (id) => "card-" + id.replace(/[^A-Za-z0-9_-]/g, "_");

  function showCard(id) {
    document.querySelectorAll(".finding.selected, mark.selected").forEach((n) => n.classList.remove("selected"));
    const card = $(cardId(id));
    if (!card) return;
    card.classList.add("selected");
    card.scrollIntoView({ block: "nearest", behavior: "smooth" });
    card.focus({ preventScroll: true });
    markFor(id).forEach((m) => m.classList.add("selected"));
  }

  function showMark(id) {
    document.querySelectorAll(".finding.selected, mark.selected").forEach((n) => n.classList.remove("selected"));
    const marks = markFor(id);
    $(cardId(id)).classList.add("selected");
    marks.forEach((m) => m.classList.add("selected"));
    if (marks[0]) { marks[0].scrollIntoView({ block: "center", behavior: "smooth" }); marks[0].focus({ preventScroll: true }); }
  }

  const markFor = (id) => Array.from(document.querySelectorAll("mark")).filter((m) => m.dataset.findings.split(" ").includes(id));

  function decide(id, decision) {
    if (state.decisions.get(id) === decision) state.decisions.delete(id);
    else state.decisions.set(id, decision);
    const card = $(cardId(id));
    card.classList.toggle("accepted", state.decisions.get(id) === "accept");
    card.classList.toggle("rejected", state.decisions.get(id) === "reject");
    card.querySelector(".decision").textContent = { accept: "accepted", reject: "rejected" }[state.decisions.get(id)] || "";
    updateButtons();
  }

  function accepted() {
    return Array.from(state.decisions).filter(([, d]) => d === "accept").map(([id]) => id);
  }

  function updateButtons() {
    const n = accepted().length;
    $("download").textContent = n ? `Download corrected file (${n} fix${n === 1 ? "" : "es"})` : "Download corrected file";
    $("recheck").disabled = n === 0;
  }

  function acceptSafe() {
    for (const f of state.report.findings) {
      if (f.fix_applicability === "safe" && f.replacement !== null && state.decisions.get(f.id) !== "reject") {
        if (state.decisions.get(f.id) !== "accept") decide(f.id, "accept");
      }
    }
  }

  async function fixed() {
    const response = await api("/fix", storyRequest({ accept: accepted() }));
    if (state.input.kind === "file") {
      const blob = await response.blob();
      return { blob, name: state.input.file.name, input: { kind: "file", file: new File([blob], state.input.file.name, { type: blob.type }) } };
    }
    const result = await response.json();
    const blob = new Blob([result.text], { type: "text/plain;charset=utf-8" });
    return { blob, name: state.input.name, input: { kind: "text", text: result.text, name: state.input.name }, text: result.text };
  }

  async function download() {
    try {
      const result = await fixed();
      save(result.blob, result.name);
      say(`Downloaded ${result.name} with ${accepted().length} accepted fix(es).`, "ok");
    } catch (error) {
      say(error.message, "error");
    }
  }

  async function recheck() {
    try {
      const result = await fixed();
      if (result.text !== undefined) $("story-text").value = result.text;
      else $("story-file").value = "";  // the corrected copy is checked from now on
      await check(result.input);
    } catch (error) {
      say(error.message, "error");
    }
  }

  async function annotate() {
    try {
      const response = await api("/annotate", storyRequest({}));
      const name = state.input.file.name.replace(/\.docx$/i, "") + ".termcheck.docx";
      save(await response.blob(), name);
      say(`Downloaded ${name}: every finding is a comment, every fix a tracked change.`, "ok");
    } catch (error) {
      say(error.message, "error");
    }
  }

  function save(blob, name) {
    const link = el("a", { href: URL.createObjectURL(blob), download: name });
    document.body.append(link);
    link.click();
    setTimeout(() => { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  }

  // -- glossary -------------------------------------------------------------------------

  async function lookup(event) {
    event.preventDefault();
    const q = $("lookup-q").value.trim();
    const box = $("lookup-results");
    if (!q) return;
    const params = new URLSearchParams({ q });
    if ($("lookup-date").value) params.set("date", $("lookup-date").value);
    box.innerHTML = "";
    try {
      const answer = await (await api("/glossary/lookup?" + params)).json();
      if (!answer.entries.length) {
        box.append(el("p", { class: "card" }, `No glossary entry matches “${q}”.`));
        return;
      }
      if (answer.near.length) box.append(el("p", { class: "muted" }, `No exact match; nearest: ${answer.near.join(", ")}`));
      for (const entry of answer.entries) box.append(entryCard(entry, answer.date));
    } catch (error) {
      box.append(el("p", { class: "card error" }, error.message));
    }
  }

  function entryCard(entry, date) {
    const card = el("div", { class: "card entry", "data-entry": entry.id });
    card.append(el("h3", {}, entry.en, el("span", { class: "muted" }, ` ${entry.kind} · ${entry.id}`)));
    if (entry.matched.wrong) {
      card.append(el("p", { class: "wrong" }, `“${entry.matched.text}” is a wrong form: write “${entry.matched.use || entry.en}”.`));
    } else if (entry.matched.text !== entry.en) {
      card.append(el("p", { class: "muted" }, `matched ${entry.matched.role} form “${entry.matched.text}” (${entry.matched.lang})`));
    }
    const forms = Object.entries(entry.forms).filter(([, list]) => list.length);
    if (forms.length) {
      const dl = el("dl", { class: "forms" });
      for (const [lang, list] of forms) dl.append(el("dt", {}, lang), el("dd", { lang }, list.join(", ")));
      card.append(dl);
    }
    if (entry.on_date) {
      card.append(el("p", { class: "held" }, `On ${date}: ` + (entry.on_date.map((t) => `${t.title} (${t.span})`).join("; ") || "no known office")));
    }
    if (entry.holders) {
      card.append(el("p", { class: "held" }, (date ? `Holders on ${date}: ` : "Holders: ") +
        (entry.holders.map((h) => `${h.person} (${h.span})`).join("; ") || "none known")));
    }
    if (entry.history.length) {
      const list = el("ul", { class: "history" });
      entry.history.forEach((t) => list.append(el("li", {}, `${t.title} (${t.span}${t.status !== "confirmed" ? ", " + t.status : ""})`)));
      card.append(list);
    }
    if (entry.note) card.append(el("p", { class: "muted" }, entry.note));
    const source = el("p", { class: "fact muted" }, `${entry.glossary}:${entry.line}` + (entry.status !== "confirmed" ? ` [${entry.status}]` : ""));
    if (entry.source) source.append(" — ", el("a", { href: entry.source, target: "_blank", rel: "noopener noreferrer" }, "source"));
    card.append(source);
    return card;
  }

  // -- headlines ------------------------------------------------------------------------

  async function headline(event) {
    event.preventDefault();
    const box = $("headline-results");
    box.innerHTML = "";
    const body = {
      source: $("hl-source").value,
      translation: $("hl-translation").value,
      reference: $("hl-reference").value || null,
      date: $("hl-date").value || null,
    };
    try {
      const report = await (await api("/headlines", {
        method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
      })).json();
      const pair = report.pairs[0];
      const card = el("div", { class: "card headline-result" });
      card.append(el("h3", {}, `${pair.findings.length} finding${pair.findings.length === 1 ? "" : "s"}`,
        el("span", { class: "muted" }, ` · source ${pair.source_lang || "?"} · date ${report.date}`)));
      const list = el("ol", { class: "pair-findings" });
      for (const f of pair.findings) {
        const item = el("li", { class: "sev-" + f.severity },
          el("span", { class: "pill " + f.severity }, f.severity), " ", el("code", {}, f.code), ` [${f.field}] ${f.message}`);
        if (f.replacement) item.append(" → ", el("ins", {}, f.replacement));
        list.append(item);
      }
      card.append(list);
      const scores = el("table", { class: "scores metrics" });
      const names = { chrf: "chrF", chrf_pp: "chrF++", bleu: "BLEU", ter: "TER", spbleu: "spBLEU" };
      for (const [key, label] of Object.entries(names)) {
        const value = pair.scores[key];
        scores.append(el("tr", {}, el("th", {}, label), el("td", {}, value === null || value === undefined ? "—" : Number(value).toFixed(1))));
      }
      card.append(el("h4", {}, "Scores" + (pair.scores.nrefs ? "" : " (no reference given)")), scores);
      card.append(termTable(pair.terms || {}));
      box.append(card);
    } catch (error) {
      box.append(el("p", { class: "card error" }, error.message));
    }
  }

  // Each glossary term of the source: the approved rendering and what the translation has.
  function termTable(terms) {
    const table = el("table", { class: "scores terms" },
      el("tr", {}, el("th", {}, "Source term"), el("th", {}, "Approved"), el("th", {}, "In the translation")));
    const at = (list, term) => (list || []).find((t) => t.start === term.start && t.end === term.end);
    for (const term of terms.expected || []) {
      const found = at(terms.found, term);
      const wrong = at(terms.wrong, term);
      const status = wrong ? el("span", { class: "error" }, `✗ ${wrong.text}`)
        : found ? el("span", { class: "ok" }, `✓ ${found.text}`)
        : el("span", { class: "warning-text" }, "missing");
      table.append(el("tr", {}, el("td", {}, term.source), el("td", {}, term.renderings[0] || "—"), el("td", {}, status)));
    }
    return el("div", {}, el("h4", {}, "Glossary terms"), table);
  }

  // -- page -----------------------------------------------------------------------------

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, value);
    for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    return node;
  }

  function tabs() {
    const buttons = Array.from(document.querySelectorAll("[role=tab]"));
    const select = (button) => {
      for (const other of buttons) {
        const selected = other === button;
        other.setAttribute("aria-selected", String(selected));
        other.tabIndex = selected ? 0 : -1;
        $(other.getAttribute("aria-controls")).hidden = !selected;
      }
      button.focus();
    };
    buttons.forEach((button, i) => {
      button.addEventListener("click", () => select(button));
      button.addEventListener("keydown", (event) => {
        const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
        if (step) select(buttons[(i + step + buttons.length) % buttons.length]);
      });
    });
  }

  function keys(event) {
    if (!event.altKey || !state.report) return;
    const cards = Array.from(document.querySelectorAll(".finding"));
    const current = document.querySelector(".finding.selected");
    const index = current ? cards.indexOf(current) : -1;
    const key = event.key.toLowerCase();
    if (key === "n" || key === "p") {
      const next = cards[(index + (key === "n" ? 1 : -1) + cards.length) % cards.length];
      if (next) { event.preventDefault(); showMark(next.dataset.id); showCard(next.dataset.id); }
    } else if ((key === "a" || key === "r") && current && current.querySelector(".decide")) {
      event.preventDefault();
      decide(current.dataset.id, key === "a" ? "accept" : "reject");
    }
  }

  $("check-form").addEventListener("submit", (event) => { event.preventDefault(); check(currentInput()); });
  $("story-file").addEventListener("change", () => { if ($("story-file").files[0]) $("story-text").value = ""; });
  $("story-text").addEventListener("input", () => { $("story-file").value = ""; });
  $("accept-safe").addEventListener("click", acceptSafe);
  $("recheck").addEventListener("click", recheck);
  $("download").addEventListener("click", download);
  $("annotate").addEventListener("click", annotate);
  $("lookup-form").addEventListener("submit", lookup);
  $("headline-form").addEventListener("submit", headline);
  document.addEventListener("keydown", keys);
  tabs();
})();
