// A simulated phone call in the browser: requests the webhook and reads its TwiML the way
// Twilio does. It mirrors ivr/simulator.py (the tests' simulator) step for step, and writes
// the same transcript lines, so the page shows what the tests check and what a caller hears.

export const OUTCOMES = ["completed", "busy", "no-answer", "failed", "canceled"];
export const DTMF = "0123456789*#";
const MAX_REQUESTS_PER_INPUT = 50; // Twilio gives up on Redirect loops too

export class SimulatorError extends Error {}

/** One thing the caller heard: spoken text (kind "say") or an audio URL (kind "play"). */
export class Utterance {
  constructor(text, language = null, voice = null, kind = "say") {
    Object.assign(this, { text, language, voice, kind });
  }

  toString() {
    const tags = this.kind === "play" ? ["play"] : [this.language, this.voice].filter(Boolean);
    return tags.length ? `[${tags.join(" ")}] ${this.text}` : this.text;
  }
}

export class Caller {
  /**
   * @param {object} options
   * @param {string} options.voiceUrl  the app's /voice URL
   * @param {() => string|null} options.clock  the pretend time for the next request, or null
   * @param {string} options.pretendHeader  the header that carries it
   * @param {(line: string, utterance?: Utterance) => void} options.onEvent  a transcript line
   * @param {(decision: object) => void} options.onDecision  each X-IVR-Decision header
   */
  constructor({ voiceUrl, clock, pretendHeader, onEvent, onDecision }) {
    Object.assign(this, { voiceUrl, clock, pretendHeader, onEvent, onDecision });
    this.accountSid = "AC" + hex(32);
    this.reset();
  }

  reset() {
    this.callSid = "CA" + hex(32);
    Object.assign(this, { transcript: [], dialled: [], requests: [], ended: false,
                          waitingFor: null, busy: false, dialledIn: false, pending: null,
                          rest: [], docUrl: "", keys: "", params: {} });
  }

  // --- what the caller does ----------------------------------------------------------------

  /** Place a new call to /voice (or /voice/<line>). */
  async dial(line = null, from = "+819012345678", to = "+815000000000") {
    this.reset();
    this.dialledIn = true;
    this.params = { CallSid: this.callSid, AccountSid: this.accountSid, From: from, To: to,
                    Direction: "inbound", ApiVersion: "2010-04-01" };
    const url = this.voiceUrl + (line ? "/" + encodeURIComponent(line) : "");
    const path = new URL(url, location.href).pathname;
    const at = this.clock();
    this.event(`call ${path} from ${from} to ${to}` + (at ? ` at ${at}` : ""));
    await this.go(["POST", new URL(url, location.href).href, {}]);
  }

  /** Press keys: they answer the pending Gather, or wait for the next one while a request runs. */
  async press(keys) {
    if (!keys || [...keys].some((k) => !DTMF.includes(k))) {
      throw new Error(`press() takes keys from ${DTMF}, got ${JSON.stringify(keys)}`);
    }
    if (!this.dialledIn || this.ended) return;
    if (this.busy) {
      this.keys += keys; // typed ahead: Twilio hands them to the next <Gather>
    } else if (this.waitingFor === "keys" && this.pending.getAttribute("input") !== null
               && !this.pending.getAttribute("input").includes("dtmf")) {
      this.event(`keys ${keys} ignored (the <Gather> listens for speech only)`);
    } else if (this.waitingFor === "keys") {
      this.keys += keys;
      await this.go(this.answerGather(false));
    } else {
      this.event(`keys ${keys} ignored (no <Gather> was listening)`);
    }
  }

  /** Speak at the pending Gather; Twilio sends what it recognised as SpeechResult. */
  async say(words, confidence = 0.9) {
    this.expect("keys", "say");
    if (!(this.pending.getAttribute("input") || "dtmf").includes("speech")) {
      throw new SimulatorError("the pending <Gather> listens for keys only, not for speech");
    }
    this.event(`say ${pyRepr(words)}`);
    const [gather, , docUrl] = this.takePending();
    await this.go([gather.getAttribute("method") || "POST", resolve(docUrl, gather.getAttribute("action")),
                   { SpeechResult: words, Confidence: confidence.toFixed(2) }]);
  }

  /** Say nothing until the pending Gather times out. */
  async silence() {
    this.expect("keys", "silence");
    this.event("silence");
    await this.go(this.emptyGather());
  }

  /** Decide how the pending Dial ends: completed, busy, no-answer, failed or canceled. */
  async transfer(outcome = "completed") {
    if (!OUTCOMES.includes(outcome)) throw new Error(`unknown transfer outcome ${outcome}`);
    this.expect("transfer", "transfer");
    const [dial, rest, docUrl] = this.takePending();
    this.event(`transfer ${outcome}`);
    if (dial.getAttribute("action") === null) {
      await this.go(this.run(rest, docUrl));
      return;
    }
    const params = { DialCallStatus: outcome, DialCallSid: "CA" + hex(32) };
    if (outcome === "completed") params.DialCallDuration = "42";
    await this.go([dial.getAttribute("method") || "POST", resolve(docUrl, dial.getAttribute("action")),
                   params]);
  }

  /** The caller puts the phone down; Twilio makes no webhook request for that here. */
  hangUp() {
    if (this.dialledIn && !this.ended) this.end("caller hangs up");
  }

  /** The pretend time changed during the call: the following requests carry it. */
  clockChanged(label) {
    if (this.dialledIn && !this.ended) this.event(`clock ${label}`);
  }

  get gather() {
    return this.waitingFor === "keys" ? this.pending : null;
  }

  // --- how Twilio runs TwiML ---------------------------------------------------------------

  event(line, utterance) {
    this.transcript.push(line);
    this.onEvent(line, utterance);
  }

  expect(waitingFor, action) {
    if (!this.dialledIn || this.ended || this.busy || this.waitingFor !== waitingFor) {
      throw new SimulatorError(`${action}: the call is not waiting for that`);
    }
  }

  takePending() {
    const taken = [this.pending, this.rest, this.docUrl];
    this.pending = null;
    this.waitingFor = null;
    return taken;
  }

  /** Answer the pending Gather from the typed-ahead keys, as Twilio's DTMF collector does. */
  answerGather(typedAhead) {
    const finish = this.pending.getAttribute("finishOnKey") ?? "#";
    const limit = this.pending.getAttribute("numDigits");
    let digits = "";
    let used = this.keys.length;
    for (let i = 0; i < this.keys.length; i++) {
      const key = this.keys[i];
      if (finish && key === finish) {
        // Twilio drops the finishOnKey from Digits, but sends it when it was all pressed.
        digits = digits || key;
        used = i + 1;
        break;
      }
      digits += key;
      if (limit && digits.length >= Number(limit)) {
        used = i + 1;
        break;
      }
    }
    this.keys = this.keys.slice(used);
    this.event(`press ${digits}` + (typedAhead ? " (typed ahead)" : ""));
    const [gather, , docUrl] = this.takePending();
    return [gather.getAttribute("method") || "POST", resolve(docUrl, gather.getAttribute("action")),
            { Digits: digits }];
  }

  emptyGather() {
    const [gather, rest, docUrl] = this.takePending();
    if ((gather.getAttribute("actionOnEmptyResult") || "false").toLowerCase() === "true") {
      return [gather.getAttribute("method") || "POST", resolve(docUrl, gather.getAttribute("action")), {}];
    }
    return this.run(rest, docUrl);
  }

  /** Make requests and run their documents until the caller must act or the call ends. */
  async go(request) {
    let count = 0;
    this.busy = true;
    try {
      while (request) {
        count += 1;
        if (count > MAX_REQUESTS_PER_INPUT) {
          throw new SimulatorError(`${MAX_REQUESTS_PER_INPUT} requests without caller input — `
                                   + `a Redirect loop? Last: ${this.requests.at(-1).slice(0, 2).join(" ")}`);
        }
        const [method, url, extra] = request;
        const root = await this.fetchTwiml(method, url, extra);
        if (this.ended) break; // the caller hung up while the app was answering
        request = this.run([...root.children], url);
      }
    } catch (error) {
      this.end(`simulator stopped: ${String(error.message).split("\n")[0].slice(0, 200)}`);
      throw error;
    } finally {
      this.busy = false;
    }
  }

  /** Execute verbs in order; return the next request, or null when the caller must act. */
  run(verbs, docUrl) {
    for (const [i, verb] of verbs.entries()) {
      const tag = verb.tagName;
      if (["Say", "Play", "Pause"].includes(tag)) {
        this.hear(verb);
      } else if (tag === "Gather") {
        [...verb.children].forEach((child) => this.hear(child));
        Object.assign(this, { pending: verb, rest: verbs.slice(i + 1), docUrl, waitingFor: "keys" });
        if (!(verb.getAttribute("input") || "dtmf").includes("dtmf")) this.dropKeys();
        return this.keys ? this.answerGather(true) : null;
      } else if (tag === "Dial") {
        const numbers = verb.children.length
          ? [...verb.children].map((n) => n.textContent.trim()) : [verb.textContent.trim()];
        this.dialled.push(...numbers);
        this.event(`dial ${numbers.join(", ")}`);
        this.dropKeys();
        Object.assign(this, { pending: verb, rest: verbs.slice(i + 1), docUrl, waitingFor: "transfer" });
        return null;
      } else if (tag === "Redirect") {
        if (!verb.textContent.trim()) throw new SimulatorError(`<Redirect> without a URL in ${docUrl}`);
        return [verb.getAttribute("method") || "POST", resolve(docUrl, verb.textContent.trim()), {}];
      } else if (tag === "Hangup" || tag === "Reject") {
        this.end(`call ended by <${tag}>`);
        return null;
      } else {
        throw new SimulatorError(`<${tag}> in ${docUrl} is not a verb the simulator runs`);
      }
    }
    this.end("call ended (end of document)");
    return null;
  }

  hear(element) {
    const tag = element.tagName;
    if (tag === "Pause") return;
    if (tag !== "Say" && tag !== "Play") throw new SimulatorError(`<${tag}> cannot be nested in <Gather>`);
    // textContent keeps the words inside SSML tags such as <prosody> or <say-as>.
    const text = element.textContent.trim();
    const said = tag === "Say"
      ? new Utterance(text, element.getAttribute("language"), element.getAttribute("voice"))
      : new Utterance(text, null, null, "play");
    this.event(`  ${said}`, said);
  }

  dropKeys() {
    if (this.keys) {
      this.event(`keys ${this.keys} ignored (no <Gather> was listening)`);
      this.keys = "";
    }
  }

  end(line) {
    this.dropKeys();
    this.event(line);
    Object.assign(this, { ended: true, waitingFor: null, pending: null });
  }

  /** Request one TwiML document and check it is one Twilio would accept. */
  async fetchTwiml(method, url, extra) {
    method = method.toUpperCase();
    const params = { ...this.params, CallStatus: this.requests.length ? "in-progress" : "ringing",
                     ...extra };
    this.requests.push([method, url, params]);
    const query = new URLSearchParams(params);
    const target = method === "GET" ? url + (url.includes("?") ? "&" : "?") + query : url;
    const headers = {};
    const at = this.clock();
    if (at) headers[this.pretendHeader] = at;
    const response = await fetch(target, { method, headers, body: method === "GET" ? undefined : query,
                                           redirect: "manual", cache: "no-store" });
    const decision = response.headers.get("X-IVR-Decision");
    if (decision !== null) this.onDecision(parseDecision(decision));
    const contentType = response.headers.get("Content-Type") || "";
    const type = contentType.split(";")[0].trim().toLowerCase();
    const text = await response.text();
    let problem = "";
    let root = null;
    if (response.status !== 200) {
      problem = "not HTTP 200";
    } else if (type !== "text/xml" && type !== "application/xml") {
      problem = "not text/xml or application/xml";
    } else {
      const doc = new DOMParser().parseFromString(text, "application/xml");
      root = doc.documentElement;
      if (doc.getElementsByTagName("parsererror").length) problem = "not well-formed XML";
      else if (root.tagName !== "Response") problem = `root <${root.tagName}> is not <Response>`;
    }
    if (problem) {
      throw new SimulatorError(`${method} ${url}: ${problem}; status ${response.status}, `
                               + `content type ${pyRepr(contentType)}, body: ${text.slice(0, 500)}`);
    }
    return root;
  }
}

/** A URL of the app, relative ones read against the document that named them (Twilio's rule). */
function resolve(docUrl, url) {
  return new URL(url ?? docUrl, docUrl).href;
}

function parseDecision(header) {
  // Values are percent-encoded UTF-8 outside printable ASCII (ivr/protocol.py).
  return Object.fromEntries(header.split(";").filter((part) => part.includes("="))
    .map((part) => part.split("=").map((s) => s.trim()))
    .map(([k, ...v]) => [k, decodeURIComponent(v.join("="))]));
}

/** Python's repr() of a string, so "say 'English'" reads as the tests' simulator writes it. */
function pyRepr(text) {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  const escaped = text.replaceAll("\\", "\\\\").replaceAll("\n", "\\n");
  return quote + (quote === "'" ? escaped.replaceAll("'", "\\'") : escaped) + quote;
}

function hex(length) {
  const bytes = crypto.getRandomValues(new Uint8Array(length / 2));
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}
