import { useId } from 'react';
import { Field, Select, Textarea } from '../ui';
import { KIND_LABELS, MODERATION_CATEGORIES, type ReportKind } from './api';

export interface ReportDraft {
  kind: ReportKind;
  categories: string[];
  description: string;
}

interface Props {
  value: ReportDraft;
  onChange: (next: ReportDraft) => void;
  kinds: ReportKind[];
  errors: Partial<Record<'categories' | 'description', string>>;
  /** Once the report is filed its fields can no longer change (a retry must send the same report). */
  disabled: boolean;
}

const CATEGORY_HINTS: Partial<Record<ReportKind, string>> = {
  filter_false_negative: 'Choose what the filter should have flagged.',
  filter_false_positive: 'What the filter flagged; leave as it is unless it named the wrong thing.',
  harmful_output: 'Optional: the kinds of harm in the reply.',
  bias: 'Optional.',
};

/** Kind, categories and description of a report. */
export function ReportFields({ value, onChange, kinds, errors, disabled }: Props) {
  const hintId = useId();
  const toggle = (category: string) =>
    onChange({
      ...value,
      categories: value.categories.includes(category)
        ? value.categories.filter((c) => c !== category)
        : [...value.categories, category],
    });

  return (
    <>
      <Field label="What is wrong?">
        <Select
          value={value.kind}
          disabled={disabled}
          onChange={(e) => onChange({ ...value, kind: e.target.value as ReportKind })}
          options={kinds.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
        />
      </Field>
      <fieldset className="categories" disabled={disabled} aria-describedby={hintId}>
        <legend className="field__label">
          Categories{value.kind === 'filter_false_negative' && <span aria-hidden="true"> *</span>}
        </legend>
        <p id={hintId} className="field__hint">
          {CATEGORY_HINTS[value.kind]}
        </p>
        <div className="categories__grid">
          {MODERATION_CATEGORIES.map((category) => (
            <label key={category} className="check">
              <input
                type="checkbox"
                checked={value.categories.includes(category)}
                onChange={() => toggle(category)}
              />
              {category}
            </label>
          ))}
        </div>
        {errors.categories && (
          <p className="field__error" role="alert">
            {errors.categories}
          </p>
        )}
      </fieldset>
      <Field label="Description" error={errors.description} hint="What happened, and why it matters.">
        <Textarea
          required
          rows={4}
          maxLength={5000}
          disabled={disabled}
          value={value.description}
          onChange={(e) => onChange({ ...value, description: e.target.value })}
        />
      </Field>
    </>
  );
}
