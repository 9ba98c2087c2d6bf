import { useState } from 'react';
import { errorMessage } from '../../lib/api';
import { Alert, Button, Card, Input, useToast } from '../../ui';
import { CATEGORIES, filterApi, type Category, type FilterPolicy } from './api';

const isScore = (value: string) => value.trim() !== '' && Number(value) >= 0 && Number(value) <= 1;

type Field = 'warn' | 'block';
type Draft = Record<Category, Record<Field, string>>;

/** Scores are shown to 4 decimals; a field left as shown keeps its exact stored value. */
const shown = (score: number) => String(Math.round(score * 10_000) / 10_000);

const toDraft = (policy: FilterPolicy): Draft =>
  Object.fromEntries(
    CATEGORIES.map((c) => [
      c,
      { warn: shown(policy.thresholds[c].warn), block: shown(policy.thresholds[c].block) },
    ]),
  ) as Draft;

/** One row per category; only the rows changed are sent, and the server checks each (0–1, block ≥ warn). */
export function ThresholdsCard({
  policy,
  onSaved,
}: {
  policy: FilterPolicy;
  onSaved: (p: FilterPolicy) => void;
}) {
  const toast = useToast();
  const [draft, setDraft] = useState(() => toDraft(policy));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const fieldChanged = (c: Category, field: Field) => draft[c][field] !== shown(policy.thresholds[c][field]);
  const changed = CATEGORIES.filter((c) => fieldChanged(c, 'warn') || fieldChanged(c, 'block'));
  const value = (c: Category, field: Field) =>
    fieldChanged(c, field) ? Number(draft[c][field]) : policy.thresholds[c][field];

  const edit = (category: Category, field: Field, value: string) =>
    setDraft((d) => ({ ...d, [category]: { ...d[category], [field]: value } }));

  const save = async () => {
    setError(null);
    if (changed.length === 0) return toast('Nothing to save: no threshold changed', 'info');
    const invalid = changed.flatMap((category) =>
      (['warn', 'block'] as const)
        .filter((field) => !isScore(draft[category][field]))
        .map((field) => `${category}: ${field} must be a number from 0 to 1`),
    );
    if (invalid.length) return setError(invalid.join('. '));
    setSaving(true);
    try {
      const next = await filterApi.setThresholds(
        changed.map((category) => ({
          category,
          warn: value(category, 'warn'),
          block: value(category, 'block'),
        })),
      );
      setDraft(toDraft(next));
      onSaved(next);
      toast(`Saved the thresholds of ${changed.length} categor${changed.length === 1 ? 'y' : 'ies'}`);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card
      title="Thresholds"
      description="Scores run from 0 to 1. Every change is recorded in the audit log."
      flush
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {error && (
          <div className="card__body">
            <Alert tone="danger" title="The thresholds were not saved">
              {error}
            </Alert>
          </div>
        )}
        <div className="table-wrap">
          <table className="table thresholds">
            <caption className="visually-hidden">Warn and block thresholds per category</caption>
            <thead>
              <tr>
                <th scope="col">Category</th>
                <th scope="col">Warn at</th>
                <th scope="col">Block at</th>
              </tr>
            </thead>
            <tbody>
              {CATEGORIES.map((category) => (
                <tr
                  key={category}
                  className={changed.includes(category) ? 'thresholds__row--changed' : undefined}
                >
                  <th scope="row" className="mono thresholds__category">
                    {category}
                  </th>
                  {(['warn', 'block'] as const).map((field) => (
                    <td key={field}>
                      <Input
                        type="number"
                        inputMode="decimal"
                        min={0}
                        max={1}
                        step={0.01}
                        className="thresholds__input"
                        aria-label={`${category} ${field}`}
                        value={draft[category][field]}
                        onChange={(e) => edit(category, field, e.target.value)}
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="card__body row thresholds__actions">
          <span className="muted">{changed.length ? `${changed.length} changed` : 'No changes'}</span>
          <Button variant="ghost" disabled={!changed.length} onClick={() => setDraft(toDraft(policy))}>
            Discard changes
          </Button>
          <Button type="submit" variant="primary" loading={saving}>
            Save thresholds
          </Button>
        </div>
      </form>
    </Card>
  );
}
