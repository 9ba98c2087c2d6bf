import { useState } from 'react';
import { errorMessage } from '../../lib/api';
import { Alert, Button, Dialog } from '../../ui';
import { contestsApi, type Contest } from './api';
import { ContestFields } from './ContestFields';
import { contestInput, emptyContestForm } from './form';

interface Props {
  open: boolean;
  onClose: () => void;
  onCreated: (contest: Contest) => void;
}

/** A new contest, created as a draft; nothing is public until it is opened. */
export function CreateContestDialog({ open, onClose, onCreated }: Props) {
  const [values, setValues] = useState(emptyContestForm);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    setSaving(true);
    setError(null);
    try {
      const { rubricTemplate } = values;
      const created = await contestsApi.create({
        slug: values.slug.trim(),
        ...contestInput(values),
        rubricTemplate,
      });
      setValues(emptyContestForm());
      onCreated(created);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog
      open={open}
      onClose={onClose}
      size="md"
      title="New contest"
      description="Created as a draft: edit it freely, then open it for entries."
      onSubmit={() => void submit()}
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" loading={saving}>
            Create draft
          </Button>
        </>
      }
    >
      {error && (
        <Alert tone="danger" title="The contest was not created">
          {error}
        </Alert>
      )}
      <ContestFields mode="create" values={values} onChange={setValues} />
    </Dialog>
  );
}
