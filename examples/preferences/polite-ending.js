// A simulated trainer who prefers replies that end politely: a thank-you, a please, an offer of help or
// a kind sign-off in the last sentence. Replies cut off mid-sentence lose a little.
export const description =
  'prefers replies that end politely (a thank-you, a please, an offer of help, a kind sign-off)';

const POLITE =
  /\b(thanks?|thank you|you're welcome|please|let me know|feel free|I can help|I'm happy to|happy to help|glad to help|hope (this|that) helps|good luck|enjoy|take care|have a (nice|good|great))\b/i;

export function score(text) {
  const reply = text.trim();
  if (!reply) return 0;
  const sentences = reply.split(/(?<=[.!?])\s+/);
  const last = sentences[sentences.length - 1];
  let s = POLITE.test(last) ? 1 : POLITE.test(reply) ? 0.4 : 0;
  if (reply.endsWith('!')) s += 0.3;
  if (!/[.!?]$/.test(reply)) s -= 0.3;
  return s;
}
