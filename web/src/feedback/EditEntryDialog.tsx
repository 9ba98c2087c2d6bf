import { useState } from 'react';
import { errorMessage } from '../lib/api';
import { Alert, Button, Dialog, Field, Textarea } from '../ui';
import { contestApi, type Entry } from './api';

interface Props {
  entry: Entry;
  onClose: () => void;
  onSaved: (next: Entry) => void;
}

/** Changing an entry's write-up and name display while its contest is open. */
export function EditEntryDialog({ entry, onClose, onSaved }: Props) {
  const [writeUp, setWriteUp] = useState(entry.writeUp);
  const [showName, setShowName] = useState(entry.showName);
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const save = async () => {
    if (!writeUp.trim()) {
      setFieldError('Write a few words for the judges.');
      return;
    }
    setFieldError(null);
    setSaving(true);
    setError(null);
    try {
      onSaved(await contestApi.updateEntry(entry.id, { writeUp: writeUp.trim(), showName }));
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog
      open
      size="md"
      onClose={onClose}
      title="Edit entry"
      description={`Your entry in ${entry.contest.title}. You can change it until the entry window closes.`}
      onSubmit={() => void save()}
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" loading={saving}>
            Save
          </Button>
        </>
      }
    >
      <div className="report-form">
        <Field label="Write-up" error={fieldError}>
          <Textarea
            required
            rows={5}
            maxLength={20000}
            value={writeUp}
            onChange={(e) => setWriteUp(e.target.value)}
          />
        </Field>
        <label className="check">
          <input type="checkbox" checked={showName} onChange={(e) => setShowName(e.target.checked)} />
          Show my name in the public results
        </label>
        {error && <Alert tone="danger">{error}</Alert>}
      </div>
    </Dialog>
  );
}
