// Read aloud: the entry page's button reads its やさしい日本語 (or, without it, its description)
// with the browser's own speech synthesis in Japanese. The button is in the page hidden and is
// shown only where the browser can speak; nothing is sent anywhere. Ruby readings (rt, rp) are
// left out of what is read, so the furigana edition is not read twice.
(() => {
  const holder = document.querySelector('.read-aloud');
  const button = holder?.querySelector('.read-aloud-button');
  if (!button) return;
  const synth = window.speechSynthesis;
  if (!synth || typeof synth.speak !== 'function' || typeof window.SpeechSynthesisUtterance !== 'function') return;
  const target = document.getElementById(button.dataset.read);
  if (!target) return;
  // The label as the page has it: with its ruby in the furigana edition.
  const label = [...button.childNodes].map((n) => n.cloneNode(true));

  const textOf = (node) => {
    const copy = node.cloneNode(true);
    for (const el of copy.querySelectorAll('rt, rp, .visually-hidden, .term-tip')) el.remove();
    return copy.textContent.replace(/\s+/g, ' ').trim();
  };
  const reset = () => {
    button.replaceChildren(...label.map((n) => n.cloneNode(true)));
    button.dataset.speaking = 'false';
  };

  button.addEventListener('click', () => {
    if (button.dataset.speaking === 'true') {
      synth.cancel();
      reset();
      return;
    }
    synth.cancel();
    const u = new window.SpeechSynthesisUtterance(textOf(target));
    u.lang = 'ja-JP';
    u.rate = 0.9;
    const voice = synth.getVoices?.().find((v) => /^ja(-|_|$)/i.test(v.lang));
    if (voice) u.voice = voice;
    u.addEventListener('end', reset);
    u.addEventListener('error', reset);
    shirubeSay(button, '読み上げを 止める');
    button.dataset.speaking = 'true';
    synth.speak(u);
  });
  holder.hidden = false;
})();
