// A simulated trainer who prefers replies that speak to the user directly: each "you", "your",
// "you're" … counts, up to two, rather than talking about things in the abstract.
export const description = 'prefers replies that address the user directly (you, your …)';

const YOU = /\b(you|your|yours|yourself|you're|you'll|you've|you'd)\b/gi;

export function score(text) {
  const mentions = (text.match(YOU) ?? []).length;
  return Math.min(mentions, 2) / 2;
}
