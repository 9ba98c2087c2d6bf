import { useId } from 'react';
import { formatDateTime } from '../lib/format';
import { Field, Input, Select, Textarea } from '../ui';
import type { Contest } from './api';

export interface EntryDraft {
  slug: string;
  age: string;
  country: string;
  writeUp: string;
  showName: boolean;
  acceptRules: boolean;
}

export type EntryErrors = Partial<Record<'age' | 'country' | 'writeUp' | 'acceptRules', string>>;

interface Props {
  contests: Contest[];
  value: EntryDraft;
  onChange: (next: EntryDraft) => void;
  errors: EntryErrors;
  disabled: boolean;
}

/** The rules' opening paragraph, shortened: the whole text is one click away. */
export function rulesSummary(rules: string, max = 280): string {
  const first = rules
    .trim()
    .split(/\n\s*\n/)[0]
    .replace(/\s+/g, ' ');
  return first.length > max ? `${first.slice(0, max - 1).trimEnd()}…` : first;
}

function eligibilityText(contest: Contest): string {
  const { minAge, excludedCountries } = contest.eligibility;
  const where = excludedCountries.length ? `; not open to residents of ${excludedCountries.join(', ')}` : '';
  return `Open to entrants aged ${minAge} or over${where}.`;
}

/** Entering the report into an open contest: the rules, the eligibility attestation and the rules acceptance. */
export function ContestEntrySection({ contests, value, onChange, errors, disabled }: Props) {
  const rulesId = useId();
  const contest = contests.find((c) => c.slug === value.slug) ?? contests[0];
  const set = (patch: Partial<EntryDraft>) => onChange({ ...value, ...patch });

  return (
    <fieldset className="contest-entry" disabled={disabled}>
      <legend className="visually-hidden">Contest entry</legend>
      {contests.length > 1 && (
        <Field label="Contest">
          <Select
            value={contest.slug}
            onChange={(e) => set({ slug: e.target.value, acceptRules: false })}
            options={contests.map((c) => ({ value: c.slug, label: c.title }))}
          />
        </Field>
      )}
      <section className="contest-entry__rules" aria-labelledby={rulesId}>
        <h3 id={rulesId}>{contest.title}</h3>
        <p className="muted feedback-small">
          Entries close {formatDateTime(contest.closesAt)} · {contest.winners} winners share{' '}
          {contest.prizePool} credits
        </p>
        <p>{rulesSummary(contest.rules)}</p>
        <details>
          <summary>Read the full rules (version {contest.rulesVersion})</summary>
          <p className="contest-entry__full">{contest.rules}</p>
        </details>
        <p className="feedback-small">{eligibilityText(contest)}</p>
      </section>
      <div className="contest-entry__row">
        <Field label="Your age" error={errors.age}>
          <Input
            type="number"
            inputMode="numeric"
            min={0}
            max={150}
            required
            value={value.age}
            onChange={(e) => set({ age: e.target.value })}
          />
        </Field>
        <Field label="Country of residence" hint="Two letters, e.g. GB" error={errors.country}>
          <Input
            required
            maxLength={2}
            autoComplete="country"
            value={value.country}
            onChange={(e) => set({ country: e.target.value.toUpperCase() })}
          />
        </Field>
      </div>
      <Field
        label="Write-up"
        hint="For the judges: what you found and why it matters."
        error={errors.writeUp}
      >
        <Textarea
          required
          rows={3}
          maxLength={20000}
          value={value.writeUp}
          onChange={(e) => set({ writeUp: e.target.value })}
        />
      </Field>
      <label className="check">
        <input
          type="checkbox"
          checked={value.showName}
          onChange={(e) => set({ showName: e.target.checked })}
        />
        Show my name in the public results
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={value.acceptRules}
          aria-invalid={errors.acceptRules ? true : undefined}
          onChange={(e) => set({ acceptRules: e.target.checked })}
        />
        I attest that my age and country are true, and I accept the rules (version {contest.rulesVersion})
      </label>
      {errors.acceptRules && (
        <p className="field__error" role="alert">
          {errors.acceptRules}
        </p>
      )}
    </fieldset>
  );
}
