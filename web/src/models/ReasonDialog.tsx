import { useState, type ReactNode } from 'react';
import { errorMessage } from '../lib/api';
import { Alert, Button, Dialog, Field, Textarea } from '../ui';

export interface ReasonDialogProps {
  open: boolean;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  /** Extra fields above the reason (e.g. which kind of model). */
  children?: ReactNode;
  onConfirm: (reason: string) => Promise<void>;
  onClose: () => void;
}

/** A confirmation that asks why (the reason goes to the audit log) and shows a refusal in place. */
export function ReasonDialog({
  open,
  title,
  description,
  confirmLabel,
  children,
  onConfirm,
  onClose,
}: ReasonDialogProps) {
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  // Each opening starts empty (state adjusted while rendering, as React recommends over an effect).
  const [wasOpen, setWasOpen] = useState(open);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) {
      setReason('');
      setReasonError(undefined);
      setError(null);
    }
  }

  const submit = async () => {
    if (!reason.trim()) {
      setReasonError('Say why: it is kept in the audit log.');
      return;
    }
    setReasonError(undefined);
    setBusy(true);
    setError(null);
    try {
      await onConfirm(reason.trim());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={title}
      description={description}
      onSubmit={submit}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" loading={busy}>
            {confirmLabel}
          </Button>
        </>
      }
    >
      {children}
      <Field label="Reason" error={reasonError}>
        <Textarea rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      {error !== null && (
        <Alert tone="danger" title="Nothing was changed">
          {errorMessage(error)}
        </Alert>
      )}
    </Dialog>
  );
}
