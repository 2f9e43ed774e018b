// Speaking the utterances of a call with the browser's own speech synthesis, each in its
// language, one after another; the page cuts it short when a key is pressed.

// Twilio's <Say language> codes that browsers know by another BCP 47 name.
export const BROWSER_LANG = { "cmn-CN": "zh-CN", "cmn-TW": "zh-TW", "yue-HK": "zh-HK" };

/** Speaks utterances one after another; a key press cuts it short, as barge-in does on a call. */
export class Speaker {
  /** @param {() => boolean} enabled  whether prompts are to be spoken at all, asked each time */
  constructor(enabled) {
    this.enabled = enabled;
    this.queue = [];
    this.generation = 0;
    this.speaking = false;
  }

  add(utterance) {
    if (!this.enabled()) return;
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
