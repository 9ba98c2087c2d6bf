import { useState } from 'react';
import { errorMessage } from '../../lib/api';
import { Alert, Badge, Button, Card, Field, Textarea, type Tone } from '../../ui';
import { CATEGORIES, decide, filterApi, type Category, type Threshold } from './api';

const TONE: Record<'allow' | 'warn' | 'block', Tone> = { allow: 'success', warn: 'warning', block: 'danger' };

/** Checks a text against the filter as it stands now (POST /v1/moderations), to see what a change does. */
export function TryTextCard({ thresholds }: { thresholds: Record<Category, Threshold> }) {
  const [text, setText] = useState('');
  const [scores, setScores] = useState<Record<Category, number> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const check = async () => {
    if (!text.trim()) return setError('Type a text to check.');
    setBusy(true);
    setError(null);
    try {
      setScores((await filterApi.check(text)).results[0].category_scores);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const decision = scores && decide(scores, thresholds);
  const top = scores ? [...CATEGORIES].sort((a, b) => scores[b] - scores[a]).slice(0, 3) : [];

  return (
    <Card title="Try a text" description="What the filter decides with the saved thresholds and rules.">
      <form
        className="stack"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void check();
        }}
      >
        <Field label="Text to check" error={error}>
          <Textarea value={text} onChange={(e) => setText(e.target.value)} rows={3} />
        </Field>
        <div className="row">
          <Button type="submit" loading={busy}>
            Check text
          </Button>
        </div>
        {decision && scores && (
          <Alert
            tone={decision.action === 'allow' ? 'success' : decision.action === 'warn' ? 'warning' : 'danger'}
          >
            <span>
              Decision: <Badge tone={TONE[decision.action]}>{decision.action}</Badge>
              {decision.categories.length > 0 && ` (${decision.categories.join(', ')})`}. Highest scores:{' '}
              {top.map((c) => `${c} ${scores[c].toFixed(3)}`).join(', ')}.
            </span>
          </Alert>
        )}
      </form>
    </Card>
  );
}
