import { useState, type FormEvent } from 'react';
import { errorMessage } from '../lib/api';
import { Alert, Button, Field, Input, Textarea } from '../ui';
import { reviewApi, type Decision, type TriageReport } from './api';

const CHOICES: { value: Decision; label: string; help: string }[] = [
  { value: 'accepted', label: 'Accept', help: 'A real problem: it feeds retraining or the filter.' },
  { value: 'rejected', label: 'Reject', help: 'Not a problem, or not actionable.' },
  { value: 'duplicate', label: 'Duplicate', help: 'An earlier report already covers this.' },
  { value: 'needs_info', label: 'Needs info', help: 'Ask the reporter a question.' },
];

export interface DecisionDraft {
  decision: Decision;
  duplicateOf: string;
}

interface Props {
  report: TriageReport;
  /** Set from outside when the reviewer picks a similar report as the original. */
  draft: DecisionDraft;
  onDraft: (draft: DecisionDraft) => void;
  onDecided: (report: TriageReport) => void;
}

/** Accept, reject, mark as a duplicate of an earlier report, or ask the reporter for more. */
export function DecisionForm({ report, draft, onDraft, onDecided }: Props) {
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<{ field?: 'duplicateOf' | 'note'; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const { decision, duplicateOf } = draft;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (decision === 'duplicate' && !duplicateOf.trim()) {
      return setProblem({ field: 'duplicateOf', message: 'Name the earlier report this one repeats.' });
    }
    if (decision === 'needs_info' && !note.trim()) {
      return setProblem({ field: 'note', message: 'Write the question the reporter should answer.' });
    }
    setProblem(null);
    setBusy(true);
    try {
      const updated = await reviewApi.decide(report.id, {
        decision,
        ...(decision === 'duplicate' ? { duplicateOf: duplicateOf.trim() } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      onDecided(updated);
    } catch (error) {
      setProblem({ message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="decision" onSubmit={(e) => void submit(e)} noValidate>
      <fieldset className="decision__choices">
        <legend className="visually-hidden">Decision</legend>
        {CHOICES.map((c) => (
          <label
            key={c.value}
            className={`decision__choice ${decision === c.value ? 'decision__choice--on' : ''}`}
          >
            <input
              type="radio"
              name="decision"
              value={c.value}
              checked={decision === c.value}
              onChange={() => onDraft({ ...draft, decision: c.value })}
            />
            <span>
              <span className="decision__label">{c.label}</span>
              <span className="decision__help">{c.help}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {decision === 'duplicate' && (
        <Field
          label="Earlier report ID"
          hint="Pick one of the similar reports, or paste the ID of another earlier report."
          error={problem?.field === 'duplicateOf' ? problem.message : undefined}
        >
          <Input
            value={duplicateOf}
            onChange={(e) => onDraft({ ...draft, duplicateOf: e.target.value })}
            className="mono"
            required
          />
        </Field>
      )}
      <Field
        label={decision === 'needs_info' ? 'Question for the reporter' : 'Note to the reporter (optional)'}
        error={problem?.field === 'note' ? problem.message : undefined}
      >
        <Textarea
          rows={3}
          value={note}
          maxLength={5000}
          onChange={(e) => setNote(e.target.value)}
          required={decision === 'needs_info'}
        />
      </Field>
      {problem && !problem.field && (
        <Alert tone="danger" title="The decision was not saved">
          {problem.message}
        </Alert>
      )}
      <div className="decision__actions">
        <Button type="submit" variant="primary" loading={busy}>
          Save decision
        </Button>
      </div>
    </form>
  );
}
