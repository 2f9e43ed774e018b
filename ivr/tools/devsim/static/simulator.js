// The simulator page: keypad, line, pretend time, transcript, and each prompt spoken aloud.
// It reads no TwiML. The app's simulated Caller (ivr/tools/simulator.py) makes the call; this
// page sends it the tester's actions through the JSON endpoints (ivr/tools/devsim/views.py)
// and shows and speaks the events each answer brings.
import { BROWSER_LANG, Speaker } from "./speaker.js";

const config = JSON.parse(document.getElementById("ivr-config").textContent);
const $ = (selector) => document.querySelector(selector);
const ui = {
  line: $("#line"), at: $("#at"), realClock: $("#real-clock"), speak: $("#speak"),
  call: $("#call"), hangUp: $("#hang-up"), silence: $("#silence"), status: $("#status"),
  dialling: $("#dialling"), atHint: $("#at-hint"), transfer: $("#transfer"), sayForm: $("#say-form"), words: $("#words"),
  transcript: $("#transcript"), keys: [...document.querySelectorAll("[data-key]")],
  outcomes: [...document.querySelectorAll("[data-outcome]")],
};
const DTMF = "0123456789*#";
const speaker = new Speaker(() => ui.speak.checked);
let call = null; // the call as the app last answered: id, waiting_for, speech, ended, dialled
let live = false; // from Call until the app says the call ended
let busy = false; // an action is with the app
const pending = []; // actions waiting for the app's answer to the one before

/** Under the picker, the pretend day in words: its weekday decides the hours. */
function describeClock() {
  const day = ui.at.value && new Intl.DateTimeFormat("en-GB", {
    weekday: "long", day: "numeric", month: "long", year: "numeric", hour: "2-digit",
    minute: "2-digit", second: ui.at.value.length > 16 ? "2-digit" : undefined, timeZone: "UTC",
  }).format(new Date(ui.at.value + "Z"));
  ui.atHint.textContent = day ? `${day}, ${config.zone} time.`
    : `Empty: the real clock. A time is read in ${config.zone}.`;
}

function addRow(kind, line, build) {
  const row = document.createElement("li");
  row.className = kind;
  if (line !== null) row.dataset.line = line;
  build(row);
  ui.transcript.append(row);
  ui.transcript.scrollTop = ui.transcript.scrollHeight;
}

/** One event of the call, as the app's Caller recorded it. */
function show(event) {
  if (event.kind === "decision") {
    showDecision(event.decision);
  } else if (event.kind === "heard") {
    showUtterance(event.line, event.heard);
    speaker.add(event.heard);
  } else {
    addRow(event.kind === "call" ? "event call-start" : "event", event.line,
           (row) => { row.textContent = event.line; });
  }
}

function showUtterance(line, utterance) {
  addRow("utterance", line, (row) => {
    const tag = document.createElement("span");
    tag.className = "lang";
    tag.textContent = utterance.kind === "play" ? "play" : utterance.language || "?";
    tag.title = utterance.voice ? `voice ${utterance.voice}` : "";
    const text = document.createElement("span");
    text.className = "text";
    text.textContent = utterance.text;
    if (utterance.language) text.lang = BROWSER_LANG[utterance.language] || utterance.language;
    row.append(tag, text);
    if (utterance.voice) {
      const voice = document.createElement("span");
      voice.className = "voice";
      voice.textContent = utterance.voice;
      row.append(voice);
    }
  });
}

/** The app's X-IVR-Decision, beside the caller's action it answers (or on a row of its own). */
function showDecision(decision) {
  const last = ui.transcript.lastElementChild;
  const tag = document.createElement(last?.matches(".event:not(.error)") ? "span" : "li");
  tag.className = `decision decision-${decision.decision}`;
  tag.textContent = [decision.decision, decision.reason].filter(Boolean).join(" · ");
  tag.title = "the app's decision (X-IVR-Decision header)";
  (tag.tagName === "SPAN" ? last : ui.transcript).append(tag);
}

function showError(message) {
  addRow("event error", null, (row) => { row.textContent = message; });
}

function refresh() {
  const idle = live && !busy;
  const waiting = idle ? call?.waiting_for : null;
  ui.call.disabled = live;
  ui.call.textContent = call?.ended ? "Call again" : "Call";
  ui.hangUp.disabled = !live;
  ui.silence.disabled = waiting !== "keys";
  ui.keys.forEach((key) => { key.disabled = !acceptsKeys(); });
  ui.sayForm.hidden = !(waiting === "keys" && call.speech);
  ui.transfer.hidden = waiting !== "transfer";
  ui.outcomes.forEach((button) => { button.disabled = ui.transfer.hidden; });
  if (!ui.transfer.hidden) ui.dialling.textContent = call.dialled.at(-1);
  ui.status.textContent = !live && !call ? "Pick a line and a time, then call."
    : !live ? "Call ended."
    : busy ? "…"
    : waiting === "transfer" ? "Transferring the call…"
    : call.speech ? "Press a key, or say something." : "Press a key.";
  document.body.dataset.state = !live && !call ? "idle" : !live ? "ended"
    : busy ? "busy" : waiting || "busy";
}

/** Keys count while a menu listens, and while the app answers: they reach the next menu. */
function acceptsKeys() {
  return live && (busy || call?.waiting_for === "keys");
}

/** Send an action after those before it; keys pressed meanwhile go as one, typed ahead. */
function enqueue(action, body = {}) {
  const last = pending.at(-1);
  if (action === "press" && last?.action === "press") last.body.keys += body.keys;
  else pending.push({ action, body });
  if (!busy) drain();
}

async function drain() {
  busy = true;
  refresh();
  while (pending.length) {
    const { action, body } = pending.shift();
    await send(action, body);
  }
  busy = false;
  refresh();
}

async function send(action, body) {
  const url = action === "start" ? config.callsUrl
    : `${config.callsUrl}/${encodeURIComponent(call.id)}/${action}`;
  let answer;
  try {
    const response = await fetch(url, { method: "POST", body: JSON.stringify(body),
                                        headers: { "Content-Type": "application/json" } });
    const type = response.headers.get("Content-Type") || "";
    // Anything but JSON is the app's apology for an error of its own, which its log explains.
    answer = type.startsWith("application/json") ? await response.json()
      : { error: `The app answered HTTP ${response.status} ${type}, not JSON: see its log.` };
  } catch (error) {
    answer = { error: `The app did not answer (${error.message}): is it still running?` };
  }
  if (answer.id) call = answer;
  (answer.events || []).forEach(show);
  if (answer.error) showError(answer.error);
  if (!answer.id || answer.ended) {
    live = false; // the call ended, or the app does not know it (any more)
    pending.length = 0;
    if (call) call.ended = true;
  }
}

function startCall() {
  speaker.stop();
  ui.transcript.replaceChildren();
  call = null;
  live = true;
  pending.length = 0;
  enqueue("start", { line: ui.line.value, at: ui.at.value || null });
}

function press(key) {
  if (!acceptsKeys()) return;
  const button = ui.keys.find((b) => b.dataset.key === key);
  button?.classList.add("pressed");
  setTimeout(() => button?.classList.remove("pressed"), 150);
  speaker.stop(); // a key interrupts the prompt being read
  enqueue("press", { keys: key });
}

/** The pretend time changed: the call's next action runs at it. */
function clockChanged() {
  describeClock();
  if (live) enqueue("clock", { at: ui.at.value || null });
}

for (const name of config.lines) {
  const option = new Option(name + (name === config.defaultLine ? " (default)" : ""), name);
  option.selected = name === config.defaultLine;
  ui.line.append(option);
}
ui.call.addEventListener("click", startCall);
ui.hangUp.addEventListener("click", () => {
  speaker.stop();
  pending.length = 0; // whatever was still to be sent, the caller has put the phone down
  enqueue("hang-up");
});
ui.silence.addEventListener("click", () => enqueue("silence"));
ui.keys.forEach((button) => button.addEventListener("click", () => press(button.dataset.key)));
ui.outcomes.forEach((button) => button.addEventListener(
  "click", () => enqueue("transfer", { outcome: button.dataset.outcome })));
ui.sayForm.addEventListener("submit", (event) => {
  event.preventDefault();
  const words = ui.words.value.trim();
  if (!words) return;
  ui.words.value = "";
  speaker.stop();
  enqueue("say", { words });
});
ui.at.addEventListener("input", describeClock);
ui.at.addEventListener("change", clockChanged);
ui.realClock.addEventListener("click", () => {
  ui.at.value = "";
  clockChanged();
});
ui.speak.addEventListener("change", () => { if (!ui.speak.checked) speaker.stop(); });
document.addEventListener("keydown", (event) => {
  if (event.target.closest?.("input, select, textarea") || event.ctrlKey || event.metaKey
      || event.altKey || !DTMF.includes(event.key) || event.key.length !== 1) return;
  event.preventDefault();
  press(event.key);
});
describeClock();
refresh();
