/** OpenAI's 13 moderation categories, in OpenAI's order (REFERENCE §1). */
export const MODERATION_CATEGORIES = [
  'harassment',
  'harassment/threatening',
  'hate',
  'hate/threatening',
  'illicit',
  'illicit/violent',
  'self-harm',
  'self-harm/intent',
  'self-harm/instructions',
  'sexual',
  'sexual/minors',
  'violence',
  'violence/graphic',
] as const;

export type ModerationCategory = (typeof MODERATION_CATEGORIES)[number];

export type CategoryScores = Record<ModerationCategory, number>;

const KNOWN = new Set<string>(MODERATION_CATEGORIES);

export function isModerationCategory(name: string): name is ModerationCategory {
  return KNOWN.has(name);
}

/** A sub-category implies its parent: "hate/threatening" is also "hate". */
export function parentCategory(category: ModerationCategory): ModerationCategory | undefined {
  const slash = category.indexOf('/');
  return slash < 0 ? undefined : (category.slice(0, slash) as ModerationCategory);
}

/** The labels plus every implied parent, in category order. */
export function withParents(labels: Iterable<ModerationCategory>): ModerationCategory[] {
  const set = new Set<ModerationCategory>();
  for (const c of labels) {
    set.add(c);
    const parent = parentCategory(c);
    if (parent) set.add(parent);
  }
  return MODERATION_CATEGORIES.filter((c) => set.has(c));
}

/** One value for every category. */
export function categoryRecord<T>(
  value: (category: ModerationCategory, index: number) => T,
): Record<ModerationCategory, T> {
  return Object.fromEntries(MODERATION_CATEGORIES.map((c, i) => [c, value(c, i)])) as Record<
    ModerationCategory,
    T
  >;
}
