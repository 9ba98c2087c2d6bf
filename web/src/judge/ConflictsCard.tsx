import { useState, type FormEvent } from 'react';
import { errorMessage } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { useAsync } from '../lib/useAsync';
import { Button, Card, Field, Input, Loading, Textarea, useToast } from '../ui';
import { judgingApi } from './api';
import { LoadError } from '../ui';

/**
 * Conflicts of interest: the judge names a person by email; they are never assigned that person's entries,
 * and such entries not yet scored leave their queue. Nothing here says whether the person entered.
 */
export function ConflictsCard({ slug, onDeclared }: { slug: string; onDeclared: () => void }) {
  const conflicts = useAsync(
    (signal) => judgingApi.conflicts(slug, signal).then((r) => r.data),
    `conflicts:${slug}`,
  );
  const toast = useToast();
  const [email, setEmail] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!email.trim()) {
      setError('Enter the email address of the person you have a conflict with.');
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await judgingApi.declareConflict(slug, email.trim(), reason.trim() || undefined);
      setEmail('');
      setReason('');
      conflicts.reload();
      onDeclared();
      toast('Conflict declared: you will not judge entries by that person', 'success');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card
      title="Conflicts of interest"
      description="Know someone who may have entered? Declare it: you will never be assigned their entries, and any you have not scored leave your queue."
    >
      {conflicts.status === 'loading' && !conflicts.data && <Loading label="Loading your conflicts" />}
      {conflicts.status === 'error' && (
        <LoadError what="your conflicts" error={conflicts.error} retry={conflicts.reload} />
      )}
      {conflicts.data && conflicts.data.length > 0 && (
        <ul className="conflicts" aria-label="Declared conflicts">
          {conflicts.data.map((c) => (
            <li key={c.id}>
              <span className="mono">{c.email}</span>
              {c.reason && <span className="muted"> — {c.reason}</span>}
              <span className="conflicts__when muted">{formatDateTime(c.createdAt)}</span>
            </li>
          ))}
        </ul>
      )}
      <form className="conflicts__form" onSubmit={(e) => void submit(e)} noValidate>
        <Field label="Email of the person" error={error ?? undefined}>
          <Input type="email" value={email} maxLength={320} onChange={(e) => setEmail(e.target.value)} />
        </Field>
        <Field label="Reason (optional)" hint="Recorded with the declaration for the contest's admins.">
          <Textarea rows={2} value={reason} maxLength={2000} onChange={(e) => setReason(e.target.value)} />
        </Field>
        <div>
          <Button type="submit" loading={saving}>
            Declare conflict
          </Button>
        </div>
      </form>
    </Card>
  );
}
