import {
  AssignmentShortfall,
  planAssignments,
  whyNotJudge,
  type AssignableEntry,
  type AssignableJudge,
} from './assignment.js';

const entry = (id: string, entrantId: string, judgeIds: string[] = []): AssignableEntry => ({
  id,
  entrantId,
  entrantEmail: `${entrantId}@example.com`,
  judgeIds,
  activeJudges: judgeIds.length,
});
const judge = (id: string, conflicts: string[] = [], load = 0): AssignableJudge => ({
  id,
  conflicts: new Set(conflicts),
  load,
});

function loads(plan: { judgeId: string }[]) {
  const out: Record<string, number> = {};
  for (const p of plan) out[p.judgeId] = (out[p.judgeId] ?? 0) + 1;
  return out;
}

describe('judge assignment', () => {
  it('gives every entry N distinct judges and balances the load', () => {
    const entries = Array.from({ length: 12 }, (_, i) => entry(`e${String(i).padStart(2, '0')}`, `u${i}`));
    const plan = planAssignments(entries, [judge('j1'), judge('j2'), judge('j3')], 2);
    expect(plan).toHaveLength(24);
    expect(loads(plan)).toEqual({ j1: 8, j2: 8, j3: 8 });
    for (const e of entries) {
      const judges = plan.filter((p) => p.entryId === e.id).map((p) => p.judgeId);
      expect(new Set(judges).size).toBe(2);
    }
  });

  it('never assigns entrants their own entry or a judge with a declared conflict', () => {
    const entries = [entry('a', 'j1'), entry('b', 'u2'), entry('c', 'u3')];
    const plan = planAssignments(
      entries,
      [judge('j1'), judge('j2', ['u3@example.com']), judge('j3'), judge('j4')],
      2,
    );
    expect(plan.filter((p) => p.entryId === 'a').map((p) => p.judgeId)).not.toContain('j1');
    expect(plan.filter((p) => p.entryId === 'c').map((p) => p.judgeId)).not.toContain('j2');
    expect(whyNotJudge(judge('j1'), entries[0])).toBe('own_entry');
    expect(whyNotJudge(judge('j2', ['u3@example.com']), entries[2])).toBe('conflict');
  });

  it('places the most constrained entries first', () => {
    // Entry "a" can only go to j3 and j4 (j1 entered it, j2 conflicts); a naive order would fill j3/j4 first.
    const entries = [entry('b', 'x'), entry('a', 'j1')];
    const plan = planAssignments(
      entries,
      [judge('j1'), judge('j2', ['j1@example.com']), judge('j3', [], 5), judge('j4', [], 5)],
      2,
    );
    expect(
      plan
        .filter((p) => p.entryId === 'a')
        .map((p) => p.judgeId)
        .sort(),
    ).toEqual(['j3', 'j4']);
  });

  it('tops up entries that already have judges and skips judges already on them', () => {
    const plan = planAssignments(
      [entry('a', 'x', ['j1']), entry('b', 'y', ['j1', 'j2'])],
      [judge('j1', [], 2), judge('j2', [], 1), judge('j3')],
      2,
    );
    expect(plan).toEqual([{ entryId: 'a', judgeId: 'j3' }]);
  });

  it('plans nothing and names the entries when some entry cannot get enough judges', () => {
    const attempt = () => planAssignments([entry('a', 'j1'), entry('b', 'x')], [judge('j1'), judge('j2')], 2);
    expect(attempt).toThrow(AssignmentShortfall);
    expect(attempt).toThrow('1 entry has too few eligible judges');
    try {
      attempt();
    } catch (error) {
      expect((error as AssignmentShortfall).entryIds).toEqual(['a']);
    }
  });
});
