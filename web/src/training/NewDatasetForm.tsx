import { useState, type FormEvent } from 'react';
import { errorMessage } from '../lib/api';
import { Alert, Button, Field, Input, useToast } from '../ui';
import { trainingApi, type Dataset } from './api';

/** Freezes a new snapshot: every completed ranking and every demonstration as of now. */
export function NewDatasetForm({ onCreated }: { onCreated: (dataset: Dataset) => void }) {
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const toast = useToast();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setNameError('Give the snapshot a name.');
      return;
    }
    setNameError(undefined);
    setBusy(true);
    setError(null);
    try {
      const dataset = await trainingApi.createDataset(name.trim());
      setName('');
      onCreated(dataset);
      toast(`Snapshot ${dataset.name} created`, 'success');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="new-dataset" onSubmit={submit} noValidate>
      <Field label="Snapshot name" error={nameError}>
        <Input value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
      </Field>
      <Button type="submit" variant="primary" loading={busy}>
        Create snapshot
      </Button>
      {error !== null && (
        <Alert tone="danger" title="The snapshot was not created">
          {errorMessage(error)}
        </Alert>
      )}
    </form>
  );
}
