// The translator's workspace: saves, checks as she types, keyboard, undo. Every HTML fragment
// comes from the server's autoescaped templates; texts are only ever set as values or text.
"use strict";

// A Mac's shortcuts are Cmd (metaKey) where others' are Ctrl, Option where others' Alt: every key here takes both there
const MAC = /mac/i.test((navigator.userAgentData && navigator.userAgentData.platform) || navigator.platform || "");
const CTRL = MAC ? "Cmd" : "Ctrl", ALT = MAC ? "Option" : "Alt";
const command = (event) => event.ctrlKey || (MAC && event.metaKey);
// a letter's key; with Option on a Mac the key is another character (Option+Z: "Ω"), the physical key still Z
const letter = (event, name) => event.key.toLowerCase() === name || (event.altKey && event.code === `Key${name.toUpperCase()}`);

function keyNames(root) {
  // the keys as a Mac's keyboard names them, in what the server wrote (<kbd>Ctrl</kbd>) and what is said here
  if (MAC) root.querySelectorAll("kbd").forEach((key) => { key.textContent = said(key.textContent); });
}
const said = (text) => MAC ? text.replace(/\bCtrl\+/g, `${CTRL}+`).replace(/\bAlt\+/g, `${ALT}+`) : text;

const SITE = document.body.dataset.site || "";  // the keys of what the browser keeps name the site: two take turns on one port
const UNDOABLE = `publish_pipeline.undoable:${SITE}`;  // in this tab's session: each save's change, the latest last
const UNDO_DEPTH = 200;  // a day's saves: the oldest are dropped beyond it (session storage is small)
let checkTimer = null;
let lastIn = null;  // the id of the entry she was last in (focusin) or clicked a button of: Safari and Firefox on a Mac
// do not focus a clicked button, so document.activeElement is then no longer in her entry

const entries = () => Array.from(document.querySelectorAll("article.entry"));
const data = (entry, name) => JSON.parse(entry.dataset[name]);

function say(text, kind, about) {
  // ``about``: the entry it tells of, whose message goes once she goes to another; a longer line moves no box
  const message = document.getElementById("message");
  if (!message) return;
  inPlace(() => {
    message.textContent = said(text);
    message.className = kind || "";
    message.dataset.about = about ? about.id : "";
  });
}

async function post(path, body) {
  let response;
  try {
    response = await fetch(path, {
      method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body), credentials: "same-origin",
    });
  } catch (error) {  // no answer at all (the server stopped, the network failed): said as an answer, so every caller goes on
    return {status: 0, answer: {error: NO_ANSWER}};
  }
  let answer = {};
  try { answer = await response.json(); } catch (error) { answer = {error: response.status === 403 ? REFUSED : `${response.status} ${response.statusText} — reload the page`}; }
  return {status: response.status, answer};
}

// A reload while the server is stopped shows the browser's own error page, not hers: she starts it again first; her
// English stays in its box meanwhile, and in the browser (a restarted server keeps its address: ``kept_token``)
const NO_ANSWER = "the workspace did not answer: is invoke workspace still running? Start it again, then save again "
  + "(Ctrl+S) — your English stays in its box";
const REFUSED = "the workspace refused this page (invoke workspace was restarted with a new address?): open the address it printed; "
  + "your unsaved English comes back there";

function fragment(html) {
  const template = document.createElement("template");
  template.innerHTML = html;  // server-rendered, escaped
  keyNames(template.content);
  return template.content.firstElementChild;
}

function showHeader(answer) {
  // the document's counts and its English's fate as they are after the save, from the server
  const header = document.getElementById("document-state");
  if (header && answer.header) header.replaceWith(fragment(answer.header));
  for (const [id, line] of Object.entries(answer.lines || {})) {  // each entry's PO line now: a save moves those below it
    const shown = document.getElementById(id)?.querySelector(".po-line");
    if (shown) shown.textContent = `:${line}`;
  }
}

// Her unsaved English is kept in the browser (by document, entry and tab) until it is saved: a reload, a restarted
// server or a save refused (the Dutch changed meanwhile) loses none of it; the page opened again puts it back in its box.
// Each tab keeps its own (``TAB``, its name for as long as it is open, reloads too): two tabs of one document shared
// one key per entry, and typing in the second overwrote what the first kept. What a tab no longer open kept is taken
// over by the next page of its document (``adopt``); what an open one keeps stays its own.
const UNSAVED = `publish_pipeline.unsaved:${SITE}:`;
const TAB_NAME = "publish_pipeline.tab";  // in the tab's session storage: a reload keeps it, another tab has its own
let TAB = tabName();
const unsaved = (document, id, tab = TAB) => `${UNSAVED}${document}:${id}${tab ? `@${tab}` : ""}`;
// and beside it the Dutch it was typed for ({context, source}): reworded meanwhile, the server finds its successor
const typedFor = (document, id, tab = TAB) => `publish_pipeline.typed-for:${SITE}:${document}:${id}${tab ? `@${tab}` : ""}`;
function forget(document, id) {
  localStorage.removeItem(unsaved(document, id));
  localStorage.removeItem(typedFor(document, id));
}
function tabName(fresh) {
  const name = `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
  try {
    if (!fresh && sessionStorage.getItem(TAB_NAME)) return sessionStorage.getItem(TAB_NAME);
    sessionStorage.setItem(TAB_NAME, name);
  } catch (error) { /* a name for this page only */ }
  return name;
}
// Before the keys named the site, her unsaved English was kept as publish_pipeline.unsaved:<document>:<entry>
const UNSITED = "publish_pipeline.unsaved:";
const SITED = /^[0-9a-f]{16}:/;  // a site's key (``site_key``) after it: no document's name is one (it has a folder)
let unkept = false;  // the browser refused to keep it (storage off or full): it then asks before leaving, as it did

function remember(entry) {
  try {
    const id = entry.dataset.keptAs || entry.id;
    if (!changed(entry)) { forget(entry.dataset.document, id); return; }
    localStorage.setItem(unsaved(entry.dataset.document, id), entry.querySelector(".box").value);
    if (!entry.dataset.keptAs) localStorage.setItem(typedFor(entry.dataset.document, id), entry.dataset.typedFor || entry.dataset.key);
  } catch (error) { unkept = true; }
}

function keepAs(entry, instead) {
  // her text for an entry whose Dutch changed goes with the entry that took its place (its name from the server):
  // the page reloaded puts it back in that one's box, not among the entries that are gone
  // (not an entry of this page, nor one that holds English of hers already: hers stays under its name, see orphans)
  try {
    if (!instead || document.getElementById(instead) || localStorage.getItem(unsaved(entry.dataset.document, instead)) !== null) return;
    forget(entry.dataset.document, entry.id);
    localStorage.setItem(typedFor(entry.dataset.document, instead), entry.dataset.key);  // the Dutch she typed it for: not that one's
  } catch (error) { unkept = true; return; }
  entry.dataset.keptAs = instead;
  remember(entry);
}

function restore(entry) {
  // under the entry's name, or the one it had before extract changed its Dutch (``was``: the text was hers for that)
  const id = [entry.id, entry.dataset.was].filter(Boolean).find((id) => localStorage.getItem(unsaved(entry.dataset.document, id)) !== null);
  if (!id) return false;
  const typed = typedForOf(entry.dataset.document, id), dutch = data(entry, "key");
  // typed for other Dutch (reworded since): a reflexive Ctrl+Enter approves nothing (``approve``), until she changes it
  if (typed && (typed.source !== dutch.source || typed.context !== dutch.context)) entry.dataset.typedFor = JSON.stringify(typed);
  entry.querySelector(".box").value = localStorage.getItem(unsaved(entry.dataset.document, id));
  forget(entry.dataset.document, id);
  remember(entry);
  if (!changed(entry)) return false;  // saved meanwhile (another tab)
  entry.classList.add("edited");
  markUnsaved(entry);  // put back, not saved: marked as typed English is ("not saved: Ctrl+S saves it")
  check(entry);
  return true;
}

function replaceEntry(entry, html, keepText) {
  const fresh = fragment(html);
  const hers = lastIn === entry.id;
  entry.replaceWith(fresh);
  if (keepText !== undefined) fresh.querySelector(".box").value = keepText;
  markUnsaved(fresh);
  remember(fresh);
  if (hers) fresh.querySelector(".box").focus({preventScroll: true});  // she stays in it (after a button too), where it was
  ask([fresh], false);  // its suggestions, for the English it has now
  return fresh;
}

// The memory's suggestions come after the page (which asks the memory nothing, so that it shows at once): the entry
// she is in and the next two to review first, then those in sight, a few entries a request, one request at a time.
const wanted = [];
let suggesting = false;

function ask(asked, first) {
  // ``first``: before all others (an entry wanted already moves up); else after them (one wanted stays where it is)
  // only of an entry to review or one she edits: an approved English needs none (they stood beside every one)
  const pending = asked.filter((entry) => entry.querySelector(".suggestions[data-pending]") && (needsAttention(entry) || entry.classList.contains("edited"))
    && (first || !wanted.includes(entry)));
  if (first) wanted.splice(0, wanted.length, ...pending, ...wanted.filter((entry) => !pending.includes(entry)));
  else wanted.push(...pending);
  suggest();
}

const RETRY_MS = 300;  // how long suggestions wait before they are asked once more after a failure

async function suggest() {
  if (suggesting) return;
  suggesting = true;
  try {
    while (wanted.length) {
      const batch = wanted.splice(0, 8).filter((entry) => entry.isConnected && entry.querySelector(".suggestions[data-pending]"));
      if (!batch.length) continue;
      const asked = batch.map((entry) => Object.assign({text: data(entry, "seen").text}, data(entry, "key")));
      const request = {document: batch[0].dataset.document, entries: asked};
      let {status, answer} = await post("/api/suggestions", request);
      if (status === 0 || status >= 500) {  // once more, after a moment: a failure of the moment (a 4xx refusal stays one)
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
        ({status, answer} = await post("/api/suggestions", request));
      }
      if (status !== 200) {  // said quietly where they would stand (suggestions only help), and asked again there
        batch.forEach((entry) => unavailable(entry, answer.error));
        break;
      }
      batch.forEach((entry, index) => {
        const slot = entry.querySelector(".suggestions[data-pending]");
        if (slot) inPlace(() => slot.replaceWith(fragment(answer.html[index])));
      });
    }
  } finally {
    suggesting = false;  // a failure stops no later request: the next entry she reaches asks again
  }
}

function unavailable(entry, why) {
  // the entry's suggestions could not be had: a quiet line in their place, which stays pending (asked again when she
  // comes back to the entry); no error, no alarm: she can go on without them
  const slot = entry.querySelector(".suggestions[data-pending]");
  if (!slot) return;
  const line = document.createElement("li");
  line.className = "unavailable";
  line.textContent = `No suggestions from the memory: ${why || "no answer"}. Asked again when you come back to this entry.`;
  inPlace(() => slot.replaceChildren(line));
}

function inPlace(change) {
  // what appears above the box she is in does not move it: the page scrolls by as much as it grew above it
  // (not focused in an entry, she is not typing: the browser's scroll anchoring keeps what is in sight)
  const box = document.activeElement.closest("article.entry") ? document.activeElement : null;
  const before = box && box.getBoundingClientRect().top;
  change();
  const moved = box && box.getBoundingClientRect().top - before;
  if (moved) document.getElementById("page").scrollBy(0, moved);
  const page = document.getElementById("page").getBoundingClientRect();
  if (box && box.getBoundingClientRect().bottom > page.bottom) box.scrollIntoView({block: "nearest"});  // a longer status line below the page: her box stays in sight
}

const saving = new Map();  // an entry's name → its last save asked: the next waits for its answer

function save(entry, change, then) {
  // One entry's saves one after the other, each from the entry as the answer before left it (its new ``seen``): a
  // second Ctrl+Enter before the first was answered is no conflict. After one not saved (a conflict, a question, an
  // error) those waiting are dropped: she reads why first. The text and "anyway" are hers at the key press.
  // A key pressed while the save before waits for its answer is said at once, and, when it is dropped, said so beside
  // the answer (on a loaded machine a dropped key was a lost one): it never approves an error she has not been shown.
  const id = entry.id, anyway = entry.dataset.anyway === "yes", typed = entry.querySelector(".box").value;
  const queued = saving.has(id);
  if (queued) say(WAITING, "", entry);
  const before = saving.get(id) || Promise.resolve(true);
  const turn = before.catch(() => null).then((done) => {
    if (done) return saveNow(document.getElementById(id) || entry, change, then, anyway, typed);
    if (queued) dropped(document.getElementById(id) || entry);
    return null;
  });
  saving.set(id, turn);
  turn.finally(() => { if (saving.get(id) === turn) saving.delete(id); }).catch(() => null);  // a failure is the caller's to see
  return turn;
}

const WAITING = "waiting for the answer to the save before; this one follows it";
const DROPPED = "your next key, pressed before this answer came, did nothing: read the above, then press it again";

function dropped(entry) {
  // the save before was not made (a question, a conflict, an error): the key pressed meanwhile is said, not lost
  const message = document.getElementById("message");
  const shown = message ? message.textContent : "";
  if (!shown.endsWith(DROPPED)) say(shown ? `${shown} — ${DROPPED}` : DROPPED, message ? message.className : "error", entry);
}

async function saveNow(entry, change, then, anyway, typed) {
  const box = entry.querySelector(".box");
  const seen = data(entry, "seen");
  const body = Object.assign({document: entry.dataset.document, seen, anyway}, data(entry, "key"), change);
  const {status, answer} = await post("/api/save", body);
  if (status === 200 && answer.confirm) {  // one question, whatever it asks about: the next Ctrl+Enter approves
    showChecks(entry, answer.html);
    entry.dataset.anyway = "yes";
    entry.querySelector(".approve").textContent = "Approve anyway";
    say(answer.confirm, answer.kind || "error", entry);  // a status line: a screen reader says it; the box keeps the focus, to fix or approve again
    return null;
  }
  if (status === 409 && answer.gone) {  // the Dutch changed (extract, git pull): her text stays in the box, and kept
    keepAs(entry, answer.instead);
    say(answer.gone, "conflict", entry);
    return null;
  }
  if (status === 409) {
    const mine = box.value;
    const fresh = replaceEntry(entry, answer.html, mine);
    fresh.classList.add("conflict");
    showHeader(answer);  // the counts as the file now has them
    say(answer.conflict + ". The entry now shows the file's version; the box keeps your text. Save again to replace the file's version.", "conflict", fresh);
    return null;
  }
  if (status !== 200) { say(answer.error || "not saved", "error", entry); return null; }
  const fresh = replaceEntry(entry, answer.html, box.value !== typed ? box.value : undefined);  // typed on meanwhile: kept
  showHeader(answer);
  const english = fresh.querySelector(".box").value;
  if (!answer.undo) {  // the file had it so already: nothing was written, and the last change stays the one to undo
    if (english && change.fuzzy === true) say("nothing to save: this entry needs review already", "saved");
    else if (english) say("nothing to save: the file has this entry so already", "saved");
    else say("nothing to save: the English is empty — type it, or use a suggestion", "error", fresh);
  } else {
    undoable(undoes().concat([{entry: entry.id, where: where(fresh), document: body.document, key: data(entry, "key"), seen: answer.undo.seen, wanted: answer.undo.wanted}]).slice(-UNDO_DEPTH));
    say(english ? savedWords(change, answer.undo.wanted, answer.undo.seen) : "saved: the English is empty, so the entry is untranslated — type it, or use a suggestion", "saved");
  }
  if (then) then(fresh);
  return fresh;
}

function savedWords(change, before, after) {
  // what a save did, in words (a trial: Ctrl+U said only "saved", as every save did)
  if (change.origin) return `saved: the memory's suggestion is in, as a draft to review (from ${change.origin})`;
  if (change.ignore) return `saved: ${change.ignore} is silenced for this entry ("# ignore: ${change.ignore}" in the PO file)`;
  const typed = after.text !== before.text ? ", with your English" : "";
  if (after.fuzzy && !before.fuzzy) return `saved: marked needs review${typed} — Ctrl+Enter approves it`;
  if (!after.fuzzy && before.fuzzy) return `saved: approved${typed}`;
  return after.fuzzy ? "saved: your English, to review (Ctrl+Enter approves it)" : "saved: your English, approved";
}

async function saveUnsaved(current) {
  // Ctrl+S, wherever she is on the page: every entry whose box holds English not saved (the one she is in first), one
  // save at a time; the first that is not saved stops it, and what it said (a conflict, an error) stays
  const unsaved = entries().filter(changed).sort((one, other) => (other === current) - (one === current));
  if (!unsaved.length) { say("nothing to save: every entry is as the file has it", "saved"); return; }
  for (const entry of unsaved) {
    if (!await save(entry, {text: entry.querySelector(".box").value})) return;
  }
  if (unsaved.length > 1) say(`saved ${unsaved.length} entries`, "saved");
}

// Undo: every save of this session (this tab, across entries and documents) can be undone, the latest first
let memoryUndoes = [];  // where the browser keeps no session storage
function undoes() {
  try { return JSON.parse(sessionStorage.getItem(UNDOABLE) || "[]"); } catch (error) { return memoryUndoes; }
}
function undoable(changes) {
  memoryUndoes = changes;
  try { sessionStorage.setItem(UNDOABLE, JSON.stringify(changes)); } catch (error) { /* kept in this page only */ }
  const button = document.getElementById("undo");
  if (button) button.disabled = !changes.length;
}

async function undo() {
  const changes = undoes();
  const change = changes.pop();
  if (!change) { say("nothing to undo: no save of this session is left to undo"); return; }
  undoable(changes);  // undone or refused, it is no longer the one to undo: the one before is next
  const body = Object.assign({document: change.document, seen: change.seen, anyway: true}, change.key, change.wanted);  // what was there
  const {status, answer} = await post("/api/save", body);
  const shown = document.getElementById(change.entry);
  const entry = shown && shown.dataset.document === change.document ? shown : null;  // on this page
  const which = `${change.where}${entry ? "" : ` (${change.document})`}`;
  if (status === 409 && answer.gone) { say(`${which}: not undone: ${answer.gone}`, "conflict"); return; }
  if (status === 409) {
    if (entry) { replaceEntry(entry, answer.html); showHeader(answer); }
    say(`${which}: ${answer.conflict}: not undone`, "conflict");
    return;
  }
  if (status !== 200) { say(`${which}: ${answer.error || "not undone"}`, "error"); return; }
  const fresh = entry && replaceEntry(entry, answer.html);
  if (fresh) { showHeader(answer); focus(fresh); }  // she sees what came back
  say(`undone: ${fresh ? where(fresh) : which}`, "saved", fresh);
}

async function check(entry) {
  const box = entry.querySelector(".box");
  const {status, answer} = await post("/api/check", Object.assign({document: entry.dataset.document, text: box.value}, data(entry, "key")));
  if (status === 0) say(NO_ANSWER, "error", entry);  // as she types: the checks beside her English are no longer judged
  else if (status === 409 && answer.gone) say(answer.gone, "conflict", entry);  // renamed, or its Dutch changed: as a save says it
  else if (document.getElementById("message")?.textContent === said(NO_ANSWER)) say("");  // started again: judged again
  if (status !== 200 || !document.body.contains(entry)) return;
  showChecks(entry, answer.html);
  entry.classList.add("edited");
  ask([entry], true);  // an approved entry she edits: now the memory's suggestions help
}

function showChecks(entry, html) {
  // what the server judged of the English in the box: its problems, the marked terms and the preview
  const fresh = fragment(html);
  for (const part of [".checks", ".dutch .text", ".rendered", ".address"]) {
    const old = entry.querySelector(part), now = fresh.querySelector(part);
    if (old && now) old.replaceWith(now);
  }
}

// an entry that needs her: not approved, or approved with a check error (approved anyway): as the "to review" filter
// keeps them (``needs_her``), and as the header counts the errors; read from what the entry shows (after she types too);
// and one whose box holds English not saved, approved or not: her unsaved work is what she most needs to find (a trial:
// Alt+↓ went past an approved entry she had changed)
function needsAttention(entry) {
  return entry.dataset.state !== "approved" || Boolean(entry.querySelector(".checks .problem.error")) || changed(entry);
}

function toReview(from, step) {
  // the entries after (or before) this one that need her, going round from the end to the top as Poedit does
  const all = entries();
  const start = all.indexOf(from);
  return all.map((_, turn) => all[(start + step * turn + all.length * turn) % all.length]).slice(1).filter(needsAttention);
}

function move(from, step) {
  const next = toReview(from, step)[0];
  if (next) focus(next);
  else if (heldBack()) say("no more entries to review here, but a check error holds this document's English back (see the errors above and at their entries)", "error", from);
  else say("no more entries to review here", "saved", from);  // of the entry she is in: gone once she goes to another
}

function heldBack() {
  // the document's check errors (its header counts them): an entry approved anyway, or one of the document as a whole
  return Number(document.querySelector(".errors-count")?.textContent || 0) > 0;
}

function step(from, by) {
  // Poedit's Ctrl+↓/↑: the entry below (above) this one, whatever its state, up to the last (first) one shown
  const all = entries();
  const next = all[all.indexOf(from) + by];
  if (next) focus(next);
  else say(by > 0 ? "this is the last entry here" : "this is the first entry here", "saved", from);
}

function focus(entry) {
  const box = entry.querySelector(".box");
  box.focus();
  entry.scrollIntoView({block: "center"});
}

const changed = (entry) => entry.querySelector(".box").value !== data(entry, "seen").text;
const markUnsaved = (entry) => entry.classList.toggle("unsaved", changed(entry));  // English in its box the file has not
const where = (entry) => entry.querySelector(".where code").textContent;

function approve(entry) {
  const text = entry.querySelector(".box").value;
  if (!text.trim()) {  // an empty English is no translation: it stays to review, and so does she (it was "saved", and she went on)
    say("nothing to approve: the English is empty — type it, or use a suggestion", "error", entry);
    return null;
  }
  // put back in an entry whose Dutch changed: a reflexive Ctrl+Enter approves nothing. The server asks (as it asks of
  // an error, in the same question: a trial pressed three times, a question each), and the next Ctrl+Enter approves
  const other = Boolean(entry.dataset.typedFor);
  delete entry.dataset.typedFor;
  return save(entry, Object.assign({text, fuzzy: false}, other ? {typed_for_other: true} : {}), (fresh) => move(fresh, 1));
}
function copyDutch(entry) {
  // Poedit's Ctrl+B: the Dutch in the box, for an English that keeps most of it (names, numbers, a table's cells,
  // markup and links) to be typed over; as typed, so Ctrl+Z in the box takes it back, and it is checked and kept
  const box = entry.querySelector(".box");
  box.focus();
  box.select();
  if (!document.execCommand("insertText", false, data(entry, "key").source)) {  // a browser without it: set, said as typed
    box.value = data(entry, "key").source;
    box.dispatchEvent(new Event("input", {bubbles: true}));
  }
}
function needsWork(entry) { return save(entry, {text: entry.querySelector(".box").value, fuzzy: true}); }

document.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && event.target.matches && event.target.matches("#filters select")) {  // as Enter in the search box does
    event.preventDefault();
    event.target.form.requestSubmit();
    return;
  }
  const entry = event.target.closest && event.target.closest("article.entry");
  if (command(event) && event.altKey && letter(event, "z")) { event.preventDefault(); undo(); return; }
  const search = document.querySelector("#filters input[name=q]");
  if (search && command(event) && event.altKey && letter(event, "f")) {  // from anywhere; Enter searches, Alt+↓ then goes to the first found
    event.preventDefault();
    search.focus();
    search.select();
    return;
  }
  if (command(event) && letter(event, "s")) { event.preventDefault(); saveUnsaved(entry); return; }  // never the browser's "Save page"
  if (!entry && command(event) && letter(event, "u")) {  // never the browser's "View source": she meant an entry
    event.preventDefault();
    say("Ctrl+U marks the entry you are in as needs review: go into an entry first (Alt+↓ takes you to the first to review)");
    return;
  }
  const arrow = event.key === "ArrowDown" ? 1 : event.key === "ArrowUp" ? -1 : 0;
  if (!entry && arrow && command(event) && !event.altKey && entries().length) {  // from outside every entry: the first (last) one
    event.preventDefault();
    focus(arrow > 0 ? entries()[0] : entries().at(-1));
    return;
  }
  if (!entry) {
    // from outside every entry (the page just opened): Alt+↓ goes to the first entry to review, Alt+↑ to the last
    if (event.altKey && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
      event.preventDefault();
      const waiting = entries().filter(needsAttention);
      if (waiting.length) focus(event.key === "ArrowDown" ? waiting[0] : waiting[waiting.length - 1]);
      else say(entries().length ? "no more entries to review here" : "the filter shows no entry here: change it, or Filter with none to see all", "saved");
    }
    return;
  }
  if (command(event) && event.key === "Enter") { event.preventDefault(); approve(entry); }
  else if (command(event) && letter(event, "u")) { event.preventDefault(); needsWork(entry); }
  else if (command(event) && !event.altKey && letter(event, "b")) { event.preventDefault(); copyDutch(entry); }
  else if (arrow && command(event) && !event.altKey) { event.preventDefault(); step(entry, arrow); }
  // Alt with or without Ctrl: Ctrl+Alt+↓/↑ went to the next/previous to review until Ctrl+↓/↑ came (as they do
  // from outside every entry), and the key help names them
  else if (arrow && event.altKey) { event.preventDefault(); move(entry, arrow); }
});

// a filter changed is applied only by Enter or Filter (a page of its own, in the address): until then the page says so,
// beside the count of the entries it still shows (a trial: a state picked, and the same entries, unfiltered, read as filtered)
const filters = document.getElementById("filters");
if (filters) {
  const applied = new URLSearchParams(location.search);
  const changedFilter = () => Array.from(filters.elements).some((field) => field.name && field.value !== (applied.get(field.name) || ""));
  filters.addEventListener("input", () => filters.classList.toggle("changed", changedFilter()));
}

document.addEventListener("input", (event) => {
  const entry = event.target.closest && event.target.closest("article.entry");
  if (!entry || !event.target.classList.contains("box")) return;
  markUnsaved(entry);
  delete entry.dataset.typedFor;  // changed: read, and typed for this entry's Dutch now
  if (entry.dataset.anyway) {  // another English: its errors are asked about anew
    delete entry.dataset.anyway;
    entry.querySelector(".approve").textContent = "Approve";
  }
  remember(entry);
  clearTimeout(checkTimer);
  checkTimer = setTimeout(() => check(entry), 250);
});

document.addEventListener("click", (event) => {
  const button = event.target.closest && event.target.closest("button");
  if (!button) return;
  if (button.id === "undo") { undo(); return; }
  const entry = button.closest("article.entry");
  if (!entry) return;
  lastIn = entry.id;  // she works in it, though the browser may have focused nothing
  const text = entry.querySelector(".box").value;
  if (button.classList.contains("approve")) approve(entry);
  else if (button.classList.contains("needs-work")) needsWork(entry);
  else if (button.classList.contains("save")) save(entry, {text});
  else if (button.classList.contains("silence")) save(entry, {text, ignore: button.dataset.check});
  // with the Dutch the suggestion's English was made for: the entry's previous Dutch (#|), which its word diff shows
  else if (button.classList.contains("use")) save(entry, {text: button.dataset.text, fuzzy: true, origin: button.dataset.origin, made_for: button.dataset.source});
});

window.addEventListener("beforeunload", (event) => {
  if (unkept && entries().some(changed)) event.preventDefault();  // unsaved English not kept: the browser asks before leaving
});

document.addEventListener("focusin", (event) => {
  const entry = event.target.closest && event.target.closest("article.entry");
  lastIn = entry ? entry.id : null;
  if (!entry) return;
  keepPlace(entry);
  ask([entry, ...toReview(entry, 1).slice(0, 2)], true);  // where she is, and where Ctrl+Enter and Alt+↓ take her
  const message = document.getElementById("message");
  if (message && message.dataset.about && message.dataset.about !== entry.id) say("");  // of the entry she left
});

document.addEventListener("focusout", (event) => {
  // leaving an entry (Tab, a click elsewhere, Alt+↓/↑) saves nothing: English not saved stays in its box, marked, and
  // the status line says where it is
  const entry = event.target.closest && event.target.closest("article.entry");
  if (!event.relatedTarget) lastIn = null;  // focus on nothing: she is in no entry (a button's click says so again)
  if (!entry || entry.contains(event.relatedTarget) || !entry.isConnected || !changed(entry)) return;
  say(`${where(entry)}: your English is not saved — Ctrl+S saves it`, "unsaved");
});

const inSight = new IntersectionObserver((changes) => {
  const seen = changes.filter((change) => change.isIntersecting).map((change) => change.target);
  seen.forEach((entry) => inSight.unobserve(entry));
  ask(seen, false);
}, {root: document.getElementById("page"), rootMargin: "50% 0px"});  // what scrolls into sight is the page above the status line
entries().forEach((entry) => inSight.observe(entry));
ask(entries().filter(needsAttention).slice(0, 1), true);  // where Alt+↓ takes her from a page just opened
keyNames(document);
undoable(undoes());
// Tabs share the browser's storage: her unsaved English of a document open in another tab is that tab's (still in its
// boxes), not this one's. Each page of a document says it is open (OPEN_TAB, dropped as it closes) and answers another
// tab that asks with its name; a page opened puts back its tab's own and what closed tabs kept, and says where the
// English an open tab keeps is.
const PAGE = `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;  // this page, to be answered
const DOCUMENT = document.getElementById("entries")?.dataset.document;
const OPEN_TAB = `publish_pipeline.open:${SITE}:`;
const openHere = () => `${OPEN_TAB}${DOCUMENT}:${TAB}`;
const TABS_ANSWER_MS = 300;  // how long a page waits for another tab to say it has the document open
const tabs = typeof BroadcastChannel === "function" ? new BroadcastChannel(`publish_pipeline.tabs:${SITE}`) : null;
let openTabs = new Set();  // the names of the other tabs that have this document open: what they keep is theirs
if (tabs && DOCUMENT) {
  tabs.onmessage = ({data: asked}) => {  // a channel tells every page but the one that asks
    if (asked.open === DOCUMENT) tabs.postMessage({here: DOCUMENT, to: asked.from, tab: TAB});
  };
  window.addEventListener("pagehide", () => { try { localStorage.removeItem(openHere()); } catch (error) { /* kept nothing */ } });
}

function openElsewhere() {
  // the names of the other tabs of this browser that have this document open now: asked only where one said so (a
  // closed tab's word stays behind only after a crash): at once otherwise. This tab's own word asks too: a tab
  // drops it as it goes (a reload too), so it is a crash's, or a copy's of this tab
  const others = Object.keys(localStorage).filter((key) => key.startsWith(`${OPEN_TAB}${DOCUMENT}:`));
  if (!tabs || !others.length) return Promise.resolve(new Set());
  return new Promise((resolve) => {
    const open = new Set();
    let finished = false;
    const heard = ({data: answer}) => {
      if (answer.here !== DOCUMENT || answer.to !== PAGE) return;
      open.add(answer.tab);
      if (others.every((key) => open.has(key.slice(key.lastIndexOf(":") + 1)))) done();
    };
    const done = () => {
      if (finished) return;
      finished = true;
      tabs.removeEventListener("message", heard);
      // no answer: left by a tab that crashed
      others.filter((key) => !open.has(key.slice(key.lastIndexOf(":") + 1))).forEach((key) => localStorage.removeItem(key));
      resolve(open);
    };
    tabs.addEventListener("message", heard);
    tabs.postMessage({open: DOCUMENT, from: PAGE});
    setTimeout(done, TABS_ANSWER_MS);
  });
}

function adopt() {
  // what tabs no longer open kept of this document (or the browser kept before tabs had names) is this tab's now:
  // under its name, unless it keeps English of that entry itself (the other stays, for a page after this one's is saved)
  for (const {key, document: from, id, tab} of keptUnsaved(Object.keys(localStorage))) {
    if (from !== DOCUMENT || tab === TAB || openTabs.has(tab) || localStorage.getItem(unsaved(from, id)) !== null) continue;
    localStorage.setItem(unsaved(from, id), localStorage.getItem(key));
    const dutch = localStorage.getItem(typedFor(from, id, tab));
    if (dutch !== null) localStorage.setItem(typedFor(from, id), dutch);
    localStorage.removeItem(key);
    localStorage.removeItem(typedFor(from, id, tab));
  }
}

function typedElsewhere() {
  // English of this document another open tab keeps (still in its boxes there): said, not put back here
  const theirs = keptUnsaved(Object.keys(localStorage)).filter(({document: from, tab}) => from === DOCUMENT && openTabs.has(tab));
  const kept = entries().filter((entry) => theirs.some(({id}) => id === entry.id || id === entry.dataset.was)).length;
  return kept ? `${kept === 1 ? "1 entry has" : `${kept} entries have`} English typed in another tab of this document, not saved yet: `
    + "it stays there, not here — save it in that tab (Ctrl+S), or close that tab and reload this page to have it here" : "";
}

// Her place in a document (the entry she was last in) is kept in the tab's session, so that a reload (or the browser's
// Back to it) takes her back to it: the page scrolls in an element of its own, whose place the browser does not keep (a
// trial: a reload opened the document at its top). A page opened anew (from the list) opens at its top, as it did.
// Nothing of it goes to the server.
const PLACE = `publish_pipeline.place:${SITE}:`;
function keepPlace(entry) {
  try { sessionStorage.setItem(PLACE + entry.dataset.document, entry.id); } catch (error) { /* kept nowhere: the page opens at its top */ }
}
function backToPlace() {
  // where she is in no entry yet: to the one she was last in, if this page shows it (a filter may leave it out)
  const how = performance.getEntriesByType("navigation")[0]?.type;
  if (how !== "reload" && how !== "back_forward") return;
  let id = null;
  try { id = DOCUMENT && sessionStorage.getItem(PLACE + DOCUMENT); } catch (error) { return; }
  const entry = id && document.getElementById(id);
  if (entry && !document.activeElement?.closest("article.entry")) focus(entry);
}

function restoreAll() {
  if (DOCUMENT) adopt();
  const back = entries().filter(restore);
  const other = back.filter((entry) => entry.dataset.typedFor).length;
  const elsewhere = typedElsewhere();
  if (!back.length) { backToPlace(); if (elsewhere) say(elsewhere); return; }
  // in sight, where she is in no entry yet (a reload opens a long document at its top: her English was far below)
  if (!document.activeElement?.closest("article.entry")) back[0].scrollIntoView({block: "center"});
  say(`your unsaved English is back in ${back.length === 1 ? "1 entry" : `${back.length} entries`}: not saved yet`
    + (other ? `; ${other === 1 ? "1 was" : `${other} were`} typed for Dutch that has changed since: read it again (Ctrl+Enter asks twice until you change it)` : "")
    + (elsewhere ? `. ${elsewhere}` : ""));
}
async function restoreHere() {
  if (DOCUMENT) {
    openTabs = await openElsewhere();
    if (openTabs.has(TAB)) {  // a copy of an open tab (the browser's "Duplicate" copies its session): a name of its own
      TAB = tabName(true);
    }
    localStorage.setItem(openHere(), String(Date.now()));
  }
  restoreAll();
  orphans().finally(judged);
}
// the page says when what the browser kept is judged (put back, moved, shown as gone, or nothing to ask): what waits
// on the page's answer to /api/kept (a test that nothing is called gone) waits on this, not on a time
const judged = () => { document.body.dataset.kept = "judged"; };
if (DOCUMENT) restoreHere().catch(() => { unkept = true; judged(); });  // the browser keeps nothing here
else try { restoreAll(); orphans().finally(judged); } catch (error) { unkept = true; judged(); }  // after the first request: opening the storage can take a moment

// A first list of many documents takes a while (each is judged once, then kept): the page says how far it is, and
// reloads into the list when every document is judged
const LIST_POLL_MS = 500;

async function awaitList() {
  const bar = document.getElementById("judged");
  if (!bar) return;
  let progress;
  try {
    const response = await fetch("/api/listing", {credentials: "same-origin"});
    progress = response.ok ? await response.json() : {error: response.status === 403 ? REFUSED : `${response.status} ${response.statusText}`};
  } catch (error) {
    progress = {error: "the workspace did not answer: is invoke workspace still running? Start it again, then reload the page"};
  }
  if (progress.error) { say(progress.error, "error"); return; }
  if (progress.ready) { location.reload(); return; }
  if (progress.total) {
    bar.max = progress.total;
    bar.value = progress.done;
    document.getElementById("judged-count").textContent = `${progress.done} of ${progress.total}`;
  }
  setTimeout(awaitList, LIST_POLL_MS);
}
awaitList();

function keptUnsaved(keys) {
  // what the browser keeps of this site's unsaved English, and of any site's from before the keys named the site
  return keys.map((key) => {
    const prefix = key.startsWith(UNSAVED) ? UNSAVED : key.startsWith(UNSITED) && !SITED.test(key.slice(UNSITED.length)) ? UNSITED : null;
    const end = key.lastIndexOf(":");
    const [id, tab = ""] = key.slice(end + 1).split("@");  // kept by the tab named after its "@" (none: before tabs had names)
    return prefix && end > prefix.length ? {key, document: key.slice(prefix.length, end), id, tab, old: prefix === UNSITED} : null;
  }).filter(Boolean);
}

function moveKept(moves) {
  // each {key, to, typed, typedTo}: the English kept under key goes to the key to, once (English kept there meanwhile
  // stays), and the Dutch it was typed for (under typed) with it (to typedTo); the entries of this page take it back
  for (const {key, to, typed, typedTo} of moves) {
    const text = localStorage.getItem(key);
    if (text !== null && localStorage.getItem(to) === null) {
      localStorage.setItem(to, text);
      const dutch = typed && localStorage.getItem(typed);
      if (dutch && typedTo) localStorage.setItem(typedTo, dutch);  // still the Dutch she typed it for: not that entry's
    }
    localStorage.removeItem(key);
    if (typed) localStorage.removeItem(typed);
  }
  if (moves.length) restoreAll();
}

function typedForOf(document, id, tab = TAB) {
  try { return JSON.parse(localStorage.getItem(typedFor(document, id, tab))) || undefined; } catch (error) { return undefined; }  // none, or not ours
}

async function orphans() {
  // English kept for an entry that is gone (its paragraph deleted, then extract) would stay in the browser for ever:
  // shown once at the top, as text, for her to copy, then dropped
  let kept;
  try { kept = keptUnsaved(Object.keys(localStorage)); } catch (error) { return; }  // the browser keeps nothing here
  if (!kept.length) return;
  const {status, answer} = await post("/api/kept", {entries: kept.map(({document, id, tab}) => ({document, id, typed_for: typedForOf(document, id, tab)}))});
  if (status !== 200) return;  // nothing said gone: nothing dropped
  // typed in a document git renamed since (a tab left open, then git mv and extract): to that document, each entry's
  // name the same (its Dutch), kept by the same tab; a page of it puts it back (``restoreAll``)
  // (where that entry keeps English of this tab already, hers stays under the old name until that one is saved)
  moveKept((answer.moved || []).map(([index, to]) => {
    const {key, document: from, id, tab} = kept[index];
    return {key, to: unsaved(to, id, tab), typed: typedFor(from, id, tab), typedTo: typedFor(to, id, tab)};
  }).filter(({to}) => localStorage.getItem(to) === null));
  // reworded meanwhile (its name gone): to the entry that took its place, but one that holds English of hers already
  // (the closest Dutch may be an entry there all along, or the successor of two): shown as gone then, not dropped
  const moves = [], taken = [];
  for (const [index, instead] of answer.instead) {
    const {document: from, id, tab} = kept[index];  // to the entry that took its place, kept by the same tab
    const to = unsaved(from, instead, tab);
    if (localStorage.getItem(to) !== null || moves.some((move) => move.to === to)) taken.push(index);
    else moves.push({key: kept[index].key, to, typed: typedFor(from, id, tab), typedTo: typedFor(from, instead, tab)});
  }
  moveKept(moves);
  // kept under an old key whose entry this site has: hers for this site, moved to its key
  moveKept(kept.filter(({old}, index) => old && !answer.gone.includes(index)).map(({key, document, id}) => ({key, to: unsaved(document, id, "")})));
  if (!answer.gone.length && !taken.length) return;
  const gone = [...answer.gone, ...taken].map((index) => kept[index]);
  const box = document.createElement("section");
  box.id = "gone";
  const heading = document.createElement("p");
  heading.textContent = gone.length === 1
    ? "You had typed this for an entry that is gone (its Dutch was removed) — copy it if you need it; it is not kept after this page:"
    : `You had typed these for ${gone.length} entries that are gone (their Dutch was removed) — copy what you need; they are not kept after this page:`;
  box.append(heading);
  for (const {key, document: from, id, tab} of gone) {
    const text = document.createElement("textarea");
    text.readOnly = true;
    text.value = localStorage.getItem(key) || "";  // a value: text, whatever she typed
    text.setAttribute("aria-label", `English typed for an entry of ${from} that is gone`);
    const where = document.createElement("p");
    where.className = "meta";
    where.textContent = from;
    box.append(where, text);
    localStorage.removeItem(key);
    localStorage.removeItem(typedFor(from, id, tab));
  }
  document.getElementById("page").querySelector("header").after(box);
}
