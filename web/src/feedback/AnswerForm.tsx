import { useState, type FormEvent } from 'react';
import { errorMessage } from '../lib/api';
import { Alert, Button, Field, Textarea } from '../ui';
import { feedbackApi, type Report } from './api';

/** The reporter's answer to a reviewer's "needs info" request; the report goes back to the queue. */
export function AnswerForm({ report, onAnswered }: { report: Report; onAnswered: (next: Report) => void }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) {
      setError('Write your answer first.');
      return;
    }
    setSaving(true);
    setError(null);
    try {
      onAnswered(await feedbackApi.answer(report.id, text.trim()));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="answer-form" onSubmit={(e) => void submit(e)} noValidate>
      <Field label="Your answer" hint="The reviewer sees it, and your report goes back to the review queue.">
        <Textarea rows={3} maxLength={5000} value={text} onChange={(e) => setText(e.target.value)} />
      </Field>
      {error && <Alert tone="danger">{error}</Alert>}
      <div>
        <Button type="submit" variant="primary" size="sm" loading={saving}>
          Send answer
        </Button>
      </div>
    </form>
  );
}
