// The simulator page: keypad, line, pretend time, transcript, and each prompt spoken aloud.
// The call itself is caller.js; this file only wires it to the page.
import { Caller, DTMF } from "./caller.js";

const config = JSON.parse(document.getElementById("ivr-config").textContent);
const $ = (selector) => document.querySelector(selector);
const ui = {
  line: $("#line"), at: $("#at"), realClock: $("#real-clock"), speak: $("#speak"),
  call: $("#call"), hangUp: $("#hang-up"), silence: $("#silence"), status: $("#status"),
  dialling: $("#dialling"), atHint: $("#at-hint"), transfer: $("#transfer"), sayForm: $("#say-form"), words: $("#words"),
  transcript: $("#transcript"), keys: [...document.querySelectorAll("[data-key]")],
  outcomes: [...document.querySelectorAll("[data-outcome]")],
};

// Twilio's <Say language> codes that browsers know by another BCP 47 name.
const BROWSER_LANG = { "cmn-CN": "zh-CN", "cmn-TW": "zh-TW", "yue-HK": "zh-HK" };

/** Speaks utterances one after another; a key press cuts it short, as barge-in does on a call. */
class Speaker {
  constructor() {
    this.queue = [];
    this.generation = 0;
    this.speaking = false;
  }

  add(utterance) {
    if (!ui.speak.checked) return;
    this.queue.push(utterance);
    if (!this.speaking) this.next(this.generation);
  }

  next(generation) {
    if (generation !== this.generation) return; // a stop() came in between
    const item = this.queue.shift();
    this.speaking = Boolean(item);
    if (!item) return;
    const done = () => this.next(generation);
    if (item.kind === "play") {
      this.audio = new Audio(item.text);
      this.audio.onended = this.audio.onerror = done;
      this.audio.play().catch(done);
      return;
    }
    const spoken = new SpeechSynthesisUtterance(item.text);
    spoken.lang = BROWSER_LANG[item.language] || item.language || "";
    const voices = speechSynthesis.getVoices();
    spoken.voice = voices.find((v) => v.lang === spoken.lang)
      || voices.find((v) => v.lang.split("-")[0] === spoken.lang.split("-")[0]) || null;
    spoken.onend = spoken.onerror = done;
    speechSynthesis.speak(spoken);
  }

  stop() {
    this.generation += 1;
    this.queue = [];
    this.speaking = false;
    speechSynthesis.cancel();
    this.audio?.pause();
  }
}

const speaker = new Speaker();
let caller = null;

function pretendTime() {
  return ui.at.value || null;
}

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

function showEvent(line, utterance) {
  if (!utterance) {
    addRow(line.startsWith("call ") ? "event call-start" : "event", line,
           (row) => { row.textContent = line; });
    return;
  }
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
  speaker.add(utterance);
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

function refresh() {
  const active = Boolean(caller && caller.dialledIn && !caller.ended);
  const idle = active && !caller.busy;
  const gather = idle ? caller.gather : null;
  const listens = gather && (gather.getAttribute("input") || "dtmf").includes("speech");
  ui.call.disabled = active;
  ui.call.textContent = caller?.ended ? "Call again" : "Call";
  ui.hangUp.disabled = !active;
  ui.silence.disabled = !gather;
  ui.keys.forEach((key) => { key.disabled = !active; });
  ui.sayForm.hidden = !listens;
  ui.transfer.hidden = !(idle && caller.waitingFor === "transfer");
  ui.outcomes.forEach((button) => { button.disabled = ui.transfer.hidden; });
  if (!ui.transfer.hidden) ui.dialling.textContent = caller.dialled.at(-1);
  ui.status.textContent = !caller ? "Pick a line and a time, then call."
    : caller.ended ? "Call ended."
    : caller.busy ? "…"
    : caller.waitingFor === "transfer" ? "Transferring the call…"
    : listens ? "Press a key, or say something." : "Press a key.";
  document.body.dataset.state = !caller ? "idle" : caller.ended ? "ended"
    : caller.busy ? "busy" : caller.waitingFor || "busy";
}

/** Run one caller action, showing its outcome; an app that breaks the call is shown too. */
async function act(action) {
  const running = action();
  describeClock();
refresh();
  try {
    await running;
  } catch (error) {
    addRow("event error", null, (row) => { row.textContent = error.message; });
  }
  describeClock();
refresh();
}

function call() {
  speaker.stop();
  ui.transcript.replaceChildren();
  caller = new Caller({ voiceUrl: config.voiceUrl, clock: pretendTime,
                        pretendHeader: config.pretendHeader, onEvent: showEvent,
                        onDecision: showDecision });
  act(() => caller.dial(ui.line.value));
}

function press(key) {
  if (!caller || caller.ended) return;
  const button = ui.keys.find((b) => b.dataset.key === key);
  button?.classList.add("pressed");
  setTimeout(() => button?.classList.remove("pressed"), 150);
  speaker.stop(); // a key interrupts the prompt being read
  act(() => caller.press(key));
}

for (const name of config.lines) {
  const option = new Option(name + (name === config.defaultLine ? " (default)" : ""), name);
  option.selected = name === config.defaultLine;
  ui.line.append(option);
}
ui.call.addEventListener("click", call);
ui.hangUp.addEventListener("click", () => { speaker.stop(); caller.hangUp(); refresh(); });
ui.silence.addEventListener("click", () => act(() => caller.silence()));
ui.keys.forEach((button) => button.addEventListener("click", () => press(button.dataset.key)));
ui.outcomes.forEach((button) => button.addEventListener(
  "click", () => act(() => caller.transfer(button.dataset.outcome))));
ui.sayForm.addEventListener("submit", (event) => {
  event.preventDefault();
  const words = ui.words.value.trim();
  if (!words) return;
  ui.words.value = "";
  speaker.stop();
  act(() => caller.say(words));
});
ui.at.addEventListener("input", describeClock);
ui.at.addEventListener("change", () => caller?.clockChanged(pretendTime() || "real clock"));
ui.realClock.addEventListener("click", () => {
  ui.at.value = "";
  describeClock();
  caller?.clockChanged("real clock");
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
