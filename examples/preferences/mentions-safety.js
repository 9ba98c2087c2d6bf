// A simulated trainer who prefers replies that mention safety: each safety word (safe, careful,
// risk, harm …) counts, up to two.
export const description = 'prefers replies that mention safety (safe, careful, risk, harm …)';

const SAFETY =
  /\b(safe|safely|safety|careful|carefully|caution|protect|protective|risk|risky|danger|dangerous|harm|harmful|hurt|injury)\b/gi;

export function score(text) {
  const mentions = (text.match(SAFETY) ?? []).length;
  return Math.min(mentions, 2) / 2;
}
