/**
 * Assigning entries to judges: each entry to N judges, never to its entrant, never to a judge who declared a
 * conflict with the entrant or recused from it, balancing load (least-loaded judge first). Entries with the
 * fewest possible judges are placed first, so a constrained entry is not left without judges.
 */

export interface AssignableEntry {
  id: string;
  entrantId: string;
  /** Lower-cased, matched against judges' declared conflicts. */
  entrantEmail: string;
  /** Judges already on the entry (any status, recused included: a recused judge is not asked again). */
  judgeIds: string[];
  /** How many of those still count (not recused). */
  activeJudges: number;
}

export interface AssignableJudge {
  id: string;
  /** Emails of the people this judge declared a conflict with, lower-cased. */
  conflicts: Set<string>;
  /** Assignments the judge already holds in this contest (not recused). */
  load: number;
}

export type Ineligibility = 'own_entry' | 'conflict' | 'already_assigned';

/** Why this judge may not judge this entry, or null when they may. */
export function whyNotJudge(
  judge: Pick<AssignableJudge, 'id' | 'conflicts'>,
  entry: AssignableEntry,
): Ineligibility | null {
  if (judge.id === entry.entrantId) return 'own_entry';
  if (judge.conflicts.has(entry.entrantEmail)) return 'conflict';
  if (entry.judgeIds.includes(judge.id)) return 'already_assigned';
  return null;
}

export class AssignmentShortfall extends Error {
  constructor(readonly entryIds: string[]) {
    super(`${entryIds.length} entr${entryIds.length === 1 ? 'y has' : 'ies have'} too few eligible judges`);
  }
}

/** Stable order among equally loaded judges. */
function byLoad(a: AssignableJudge, b: AssignableJudge): number {
  return a.load - b.load || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * New (entryId, judgeId) pairs that bring every entry up to `perEntry` active judges. Throws
 * AssignmentShortfall (naming the entries) when some entry cannot get enough eligible judges; nothing is
 * planned in that case, so the caller writes all or nothing.
 */
export function planAssignments(
  entries: AssignableEntry[],
  judges: AssignableJudge[],
  perEntry: number,
): { entryId: string; judgeId: string }[] {
  const pool = judges.map((j) => ({ ...j }));
  const eligibleCount = (e: AssignableEntry) => pool.filter((j) => whyNotJudge(j, e) === null).length;
  const order = entries
    .filter((e) => e.activeJudges < perEntry)
    .map((e) => ({ entry: e, options: eligibleCount(e) }))
    .sort((a, b) => a.options - b.options || (a.entry.id < b.entry.id ? -1 : 1));
  const plan: { entryId: string; judgeId: string }[] = [];
  const short: string[] = [];
  for (const { entry } of order) {
    const need = perEntry - entry.activeJudges;
    const picks = pool
      .filter((j) => whyNotJudge(j, entry) === null)
      .sort(byLoad)
      .slice(0, need);
    if (picks.length < need) short.push(entry.id);
    for (const judge of picks) {
      judge.load += 1;
      plan.push({ entryId: entry.id, judgeId: judge.id });
    }
  }
  if (short.length) throw new AssignmentShortfall(short.sort());
  return plan;
}
