// A simulated trainer who prefers short, complete replies: fewer words score higher, and a reply that
// ends its sentence beats one that runs out of tokens. An empty reply scores nothing.
export const description = 'prefers concise replies (fewer words) that end a sentence';

export function score(text) {
  const reply = text.trim();
  const words = reply.split(/\s+/).filter(Boolean).length;
  if (words === 0) return 0;
  const complete = /[.!?]["')]?$/.test(reply) ? 0.5 : 0;
  return complete + Math.max(0, 1 - words / 20);
}
