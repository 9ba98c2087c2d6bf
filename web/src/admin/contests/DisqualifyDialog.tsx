import { useState } from 'react';
import { errorMessage } from '../../lib/api';
import { Button, Dialog, Field, Textarea } from '../../ui';
import { contestsApi, type AdminEntry } from './api';
import { entryLabel } from './people';

interface Props {
  slug: string;
  entry: AdminEntry | null;
  onClose: () => void;
  onDone: (entry: AdminEntry) => void;
}

/** Disqualifying needs a reason: the entrant is shown it. */
export function DisqualifyDialog({ slug, entry, onClose, onDone }: Props) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    if (!entry) return;
    if (reason.trim().length < 3) return setError('Give a reason of at least 3 characters.');
    setSaving(true);
    setError(null);
    try {
      onDone(await contestsApi.screen(slug, entry.id, 'disqualified', reason.trim()));
      setReason('');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog
      open={entry !== null}
      onClose={onClose}
      title={entry ? `Disqualify ${entryLabel(entry.id)}?` : ''}
      description="The entrant sees the reason. The entry is not judged and cannot win."
      onSubmit={() => void submit()}
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" variant="danger" loading={saving}>
            Disqualify
          </Button>
        </>
      }
    >
      <Field label="Reason" error={error}>
        <Textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={3} required />
      </Field>
    </Dialog>
  );
}
