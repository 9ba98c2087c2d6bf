import { Field, Input, Select, Textarea } from '../../ui';
import type { ContestFormValues } from './form';

interface Props {
  values: ContestFormValues;
  onChange: (values: ContestFormValues) => void;
  /** Creating: the slug and a rubric template; editing: the rubric as JSON. */
  mode: 'create' | 'edit';
}

const POLICIES = [
  { value: 'equal', label: 'Equal shares for the winners' },
  { value: 'rank_order', label: 'Rank order (best paid first)' },
];

const TEMPLATES = [
  { value: 'seed_feedback', label: 'Weighted rubric (harm, novelty, ideas)' },
  { value: 'bias_bounty', label: 'Bias bounty (harm type × multipliers)' },
];

/** Every setting of a contest; the server validates them all and its message is shown above the form. */
export function ContestFields({ values, onChange, mode }: Props) {
  const set =
    <K extends keyof ContestFormValues>(key: K) =>
    (value: ContestFormValues[K]) =>
      onChange({ ...values, [key]: value });
  const text = (key: keyof ContestFormValues) => ({
    value: values[key] as string,
    onChange: (e: { target: { value: string } }) => set(key)(e.target.value as never),
  });

  return (
    <div className="contest-form">
      <div className="contest-form__grid">
        {mode === 'create' && (
          <Field label="Slug" hint="Lower-case letters, digits and hyphens; used in the contest's address.">
            <Input {...text('slug')} required autoComplete="off" spellCheck={false} />
          </Field>
        )}
        <Field label="Title">
          <Input {...text('title')} required />
        </Field>
      </div>
      <Field
        label="Rules"
        hint="Markdown. Changing the rules of an open contest raises the version entrants accept."
      >
        <Textarea {...text('rules')} rows={6} required />
      </Field>

      <fieldset className="contest-form__group">
        <legend>Window (your local time)</legend>
        <div className="contest-form__grid contest-form__grid--3">
          <Field label="Opens at">
            <Input type="datetime-local" {...text('opensAt')} required />
          </Field>
          <Field label="Closes at">
            <Input type="datetime-local" {...text('closesAt')} required />
          </Field>
          <Field label="Judging deadline">
            <Input type="datetime-local" {...text('judgingDeadline')} required />
          </Field>
        </div>
      </fieldset>

      <fieldset className="contest-form__group">
        <legend>Awards (whole credits)</legend>
        <div className="contest-form__grid contest-form__grid--3">
          <Field label="Prize pool">
            <Input type="number" inputMode="numeric" min={0} {...text('prizePool')} required />
          </Field>
          <Field label="Maximum award">
            <Input type="number" inputMode="numeric" min={0} {...text('maxAward')} />
          </Field>
          <Field label="Winners">
            <Input type="number" inputMode="numeric" min={0} {...text('winners')} required />
          </Field>
        </div>
        <Field label="Award policy">
          <Select
            options={POLICIES}
            value={values.awardPolicy}
            onChange={(e) => set('awardPolicy')(e.target.value as ContestFormValues['awardPolicy'])}
          />
        </Field>
      </fieldset>

      <fieldset className="contest-form__group">
        <legend>Eligibility and judging</legend>
        <div className="contest-form__grid contest-form__grid--3">
          <Field label="Minimum age">
            <Input type="number" inputMode="numeric" min={13} {...text('minAge')} />
          </Field>
          <Field label="Excluded countries" hint="Two-letter codes, e.g. XX, YY">
            <Input {...text('excludedCountries')} autoComplete="off" />
          </Field>
          <Field label="Judges per entry">
            <Input type="number" inputMode="numeric" min={2} {...text('judgesPerEntry')} />
          </Field>
        </div>
        <label className="contest-form__check">
          <input type="checkbox" checked={values.blind} onChange={(e) => set('blind')(e.target.checked)} />
          Blind judging (judges never see who entered)
        </label>
      </fieldset>

      {mode === 'create' ? (
        <Field label="Rubric">
          <Select
            options={TEMPLATES}
            value={values.rubricTemplate}
            onChange={(e) => set('rubricTemplate')(e.target.value as ContestFormValues['rubricTemplate'])}
          />
        </Field>
      ) : (
        <Field
          label="Rubric (JSON)"
          hint="A weighted rubric (criteria with min, max, weight) or a bias bounty (factors with levels)."
        >
          <Textarea {...text('rubricJson')} rows={10} className="mono" spellCheck={false} />
        </Field>
      )}
    </div>
  );
}
