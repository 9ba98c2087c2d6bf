import { useState, type FormEvent } from 'react';
import { errorMessage } from '../lib/api';
import { Alert, Button, Card, Field, Select, Textarea, useToast } from '../ui';
import { judgingApi, type AssignmentDetail } from './api';
import { describeRubric, liveTotal, toDraft, toScoreValues, type DraftValues, type Rubric } from './rubric';

const multiplier = (value: number) => (Number.isInteger(value) ? `${value}.0` : String(value));

function optionsFor(rubric: Rubric, key: string) {
  if (rubric.kind === 'weighted') {
    const c = rubric.criteria.find((x) => x.key === key)!;
    const values = Array.from({ length: c.max - c.min + 1 }, (_, i) => String(c.min + i));
    return values.map((v) => ({ value: v, label: v }));
  }
  const index = rubric.factors.findIndex((f) => f.key === key);
  return rubric.factors[index].levels.map((l) => ({
    value: l.key,
    label: index === 0 ? `${l.label} (${l.value} points)` : `${l.label} (× ${multiplier(l.value)})`,
  }));
}

function fields(rubric: Rubric) {
  return rubric.kind === 'weighted'
    ? rubric.criteria.map((c) => ({
        key: c.key,
        label: c.label,
        hint: `${c.description ? `${c.description}. ` : ''}${c.min}–${c.max}, weight ${c.weight}`,
      }))
    : rubric.factors.map((f, i) => ({
        key: f.key,
        label: f.label,
        hint: i === 0 ? 'Base points' : 'Multiplier',
      }));
}

/**
 * The rubric: the judge picks a value per criterion; the total and its formula update as they do, computed
 * by the same module as the server's, so what is shown is what is stored.
 */
export function ScoreForm({
  detail,
  onSaved,
}: {
  detail: AssignmentDetail;
  onSaved: (detail: AssignmentDetail) => void;
}) {
  const { rubric } = detail.contest;
  const toast = useToast();
  const [draft, setDraft] = useState<DraftValues>(() => toDraft(rubric, detail.myScore?.values));
  const [comment, setComment] = useState(detail.myScore?.comment ?? '');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const live = liveTotal(rubric, draft);
  const judging = detail.contest.status === 'judging';
  const open = judging && detail.status !== 'recused';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!live.complete) {
      setError(live.problems.join('; ') || 'Pick a value for every criterion first.');
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const saved = await judgingApi.score(
        detail.id,
        toScoreValues(rubric, draft),
        comment.trim() || undefined,
      );
      onSaved(saved);
      const s = saved.myScore!;
      toast(
        s.revision > 1
          ? `Score revised (revision ${s.revision}): ${s.total.toFixed(2)}`
          : `Score submitted: ${s.total.toFixed(2)}`,
        'success',
      );
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title="Your score" description={describeRubric(rubric)}>
      {!judging && (
        <Alert tone="info">
          Scores can be given and revised only while the contest is judging; it is {detail.contest.status}.
        </Alert>
      )}
      {detail.status === 'recused' && <Alert tone="info">You recused yourself from this entry.</Alert>}
      <form className="score-form" onSubmit={(e) => void submit(e)} noValidate>
        <fieldset className="score-form__fields" disabled={!open || saving}>
          <legend className="visually-hidden">Rubric</legend>
          {fields(rubric).map((f) => (
            <Field key={f.key} label={f.label} hint={f.hint}>
              <Select
                value={draft[f.key] ?? ''}
                onChange={(e) => setDraft((d) => ({ ...d, [f.key]: e.target.value }))}
                options={[{ value: '', label: 'Choose…' }, ...optionsFor(rubric, f.key)]}
              />
            </Field>
          ))}
        </fieldset>
        <div className="score-total" aria-live="polite" aria-atomic="true">
          <p className="score-total__label">
            Total{' '}
            <output className="score-total__value" data-testid="live-total">
              {live.complete ? live.score.total.toFixed(2) : '—'}
            </output>
          </p>
          <p className="score-total__formula mono" data-testid="live-formula">
            {live.complete
              ? live.score.formula
              : live.problems.length
                ? live.problems.join('; ')
                : `Choose ${live.missing.length === 1 ? 'one more value' : `${live.missing.length} more values`} to see the total`}
          </p>
        </div>
        <Field
          label="Comment (optional)"
          hint="Shown to the other judges of this entry once they have scored it."
        >
          <Textarea
            rows={3}
            maxLength={5000}
            value={comment}
            disabled={!open}
            onChange={(e) => setComment(e.target.value)}
          />
        </Field>
        {error && <Alert tone="danger">{error}</Alert>}
        {open && (
          <div className="row">
            <Button type="submit" variant="primary" loading={saving}>
              {detail.myScore ? 'Save revision' : 'Submit score'}
            </Button>
            {detail.myScore && (
              <span className="muted">
                Stored: {detail.myScore.total.toFixed(2)} (revision {detail.myScore.revision})
              </span>
            )}
          </div>
        )}
      </form>
    </Card>
  );
}
