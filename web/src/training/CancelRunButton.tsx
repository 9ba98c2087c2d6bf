import { useState } from 'react';
import { errorMessage } from '../lib/api';
import { Alert, Button, Dialog, useToast } from '../ui';
import { trainingApi, type Run } from './api';

/** Cancel, after a confirmation: a queued run stops at once, a running one at its next step. */
export function CancelRunButton({ run, onCancelled }: { run: Run; onCancelled: (run: Run) => void }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const toast = useToast();

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      const updated = await trainingApi.cancel(run.id);
      onCancelled(updated);
      setOpen(false);
      toast(
        updated.status === 'cancelled' ? 'Cancelled before it started' : 'The run stops at its next step',
        'info',
      );
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button variant="danger" size="sm" onClick={() => setOpen(true)}>
        Cancel run
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title="Cancel this run?"
        description="Steps logged so far are kept; the run registers no model."
        onSubmit={confirm}
        footer={
          <>
            <Button onClick={() => setOpen(false)}>Keep running</Button>
            <Button type="submit" variant="danger" loading={busy}>
              Cancel run
            </Button>
          </>
        }
      >
        {error !== null && (
          <Alert tone="danger" title="The run was not cancelled">
            {errorMessage(error)}
          </Alert>
        )}
      </Dialog>
    </>
  );
}
