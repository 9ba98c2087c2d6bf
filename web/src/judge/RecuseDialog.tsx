import { useState } from 'react';
import { errorMessage } from '../lib/api';
import { Button, Dialog, Field, Textarea } from '../ui';
import { judgingApi } from './api';

/** Stepping back from an entry (e.g. the judge recognises who wrote it); another judge takes it over. */
export function RecuseDialog({
  assignmentId,
  open,
  onClose,
  onRecused,
}: {
  assignmentId: string;
  open: boolean;
  onClose: () => void;
  onRecused: (replaced: boolean) => void;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const close = () => {
    setError(null);
    onClose();
  };
  const submit = async () => {
    if (reason.trim().length < 3) {
      setError('Say briefly why, e.g. “I recognise the author”.');
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const { replaced } = await judgingApi.recuse(assignmentId, reason.trim());
      onRecused(replaced);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Dialog
      open={open}
      onClose={close}
      title="Recuse yourself from this entry?"
      description="The entry leaves your queue and another judge of the panel takes it over. This cannot be undone."
      onSubmit={() => void submit()}
      footer={
        <>
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" variant="danger" loading={saving}>
            Recuse
          </Button>
        </>
      }
    >
      <Field label="Reason" error={error ?? undefined}>
        <Textarea
          autoFocus
          rows={3}
          maxLength={2000}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Field>
    </Dialog>
  );
}
