import type { Contest, Person, Standing } from './api';

/** An entry named without naming its entrant: "Entry 3f2a9c1d". */
export function entryLabel(entryId: string): string {
  return `Entry ${entryId.slice(0, 8)}`;
}

export function personName(person: Person | null | undefined): string {
  if (!person) return 'someone no longer here';
  return person.displayName?.trim() || person.email;
}

/** Who an entry is, as the admin may see it: by entry only when judging is blind. */
export function entryWho(contest: Pick<Contest, 'blind'>, s: Pick<Standing, 'entryId' | 'entrant'>): string {
  return contest.blind ? entryLabel(s.entryId) : `${entryLabel(s.entryId)} · ${personName(s.entrant)}`;
}
