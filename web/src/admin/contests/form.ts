import type { AwardPolicy, Contest, ContestInput, RubricTemplate } from './api';

/** The contest form's fields as typed (strings), turned into the API's body on submit. */
export interface ContestFormValues {
  slug: string;
  title: string;
  rules: string;
  opensAt: string;
  closesAt: string;
  judgingDeadline: string;
  prizePool: string;
  maxAward: string;
  winners: string;
  awardPolicy: AwardPolicy;
  judgesPerEntry: string;
  blind: boolean;
  minAge: string;
  excludedCountries: string;
  rubricTemplate: RubricTemplate;
  rubricJson: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** ISO instant → the value of a datetime-local input, in the browser's time zone. */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value (local time) → ISO 8601 in UTC; what is not a date is sent as typed for the server to refuse. */
export function fromLocalInput(value: string): string {
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : d.toISOString();
}

const DAY = 24 * 3600 * 1000;

export function emptyContestForm(now = Date.now()): ContestFormValues {
  const at = (days: number) => toLocalInput(new Date(now + days * DAY).toISOString());
  return {
    slug: '',
    title: '',
    rules: '',
    opensAt: at(1),
    closesAt: at(15),
    judgingDeadline: at(22),
    prizePool: '1000',
    maxAward: '500',
    winners: '3',
    awardPolicy: 'equal',
    judgesPerEntry: '3',
    blind: true,
    minAge: '18',
    excludedCountries: '',
    rubricTemplate: 'seed_feedback',
    rubricJson: '',
  };
}

export function contestFormValues(contest: Contest): ContestFormValues {
  return {
    slug: contest.slug,
    title: contest.title,
    rules: contest.rules,
    opensAt: toLocalInput(contest.opensAt),
    closesAt: toLocalInput(contest.closesAt),
    judgingDeadline: toLocalInput(contest.judgingDeadline),
    prizePool: String(contest.prizePool),
    maxAward: String(contest.maxAward),
    winners: String(contest.winners),
    awardPolicy: contest.awardPolicy,
    judgesPerEntry: String(contest.judgesPerEntry),
    blind: contest.blind,
    minAge: String(contest.eligibility.minAge),
    excludedCountries: contest.eligibility.excludedCountries.join(', '),
    rubricTemplate: contest.rubric.kind === 'bias_bounty' ? 'bias_bounty' : 'seed_feedback',
    rubricJson: JSON.stringify(contest.rubric, null, 2),
  };
}

/** Numbers are sent as typed (a blank or a fraction included): the server's validation names what is wrong. */
const num = (value: string) => (value.trim() === '' ? Number.NaN : Number(value));

export function contestInput(values: ContestFormValues): ContestInput {
  return {
    title: values.title.trim(),
    rules: values.rules,
    opensAt: fromLocalInput(values.opensAt),
    closesAt: fromLocalInput(values.closesAt),
    judgingDeadline: fromLocalInput(values.judgingDeadline),
    prizePool: num(values.prizePool),
    maxAward: num(values.maxAward),
    winners: num(values.winners),
    awardPolicy: values.awardPolicy,
    judgesPerEntry: num(values.judgesPerEntry),
    blind: values.blind,
    minAge: num(values.minAge),
    excludedCountries: values.excludedCountries
      .split(/[\s,]+/)
      .map((c) => c.trim())
      .filter(Boolean),
  };
}

/** Only what changed, so an edit of the rules alone does not touch anything else. */
export function contestChanges(before: Contest, values: ContestFormValues): Partial<ContestInput> {
  const next = contestInput(values);
  const was = contestInput(contestFormValues(before));
  const changes: Partial<ContestInput> = {};
  for (const key of Object.keys(next) as (keyof ContestInput)[]) {
    if (JSON.stringify(next[key]) !== JSON.stringify(was[key])) Object.assign(changes, { [key]: next[key] });
  }
  // Dates compared as entered (minutes): an unchanged field keeps the stored instant.
  for (const key of ['opensAt', 'closesAt', 'judgingDeadline'] as const) {
    if (values[key] === toLocalInput(before[key])) delete changes[key];
  }
  return changes;
}

/** The rubric edited as JSON: undefined when unchanged, an Error when it does not parse. */
export function rubricChange(before: Contest, json: string): Record<string, unknown> | undefined | Error {
  if (json.trim() === JSON.stringify(before.rubric, null, 2).trim()) return undefined;
  try {
    const parsed: unknown = JSON.parse(json);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      return new Error('The rubric must be a JSON object.');
    return parsed as Record<string, unknown>;
  } catch (error) {
    return new Error(`The rubric is not valid JSON: ${(error as Error).message}`);
  }
}
