import { useState } from 'react';
import { errorMessage } from '../../lib/api';
import { Alert, Button, Field, Input, Select, Textarea, useToast } from '../../ui';
import { creditsApi, type LedgerEntry } from './api';

type Kind = 'grant' | 'adjustment';

/** A random key for one posting (works without a secure context, unlike crypto.randomUUID). */
function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * A grant (credits given) or an adjustment (added or taken away), always with a reason the person sees.
 * The Idempotency-Key stays the same until a posting succeeds, so a retry after a lost answer posts once.
 */
export function PostingForm({ userId, onPosted }: { userId: string; onPosted: (e: LedgerEntry) => void }) {
  const toast = useToast();
  const [kind, setKind] = useState<Kind>('grant');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [key, setKey] = useState(newKey);
  const [error, setError] = useState<string | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setError(null);
    setRefused(null);
    const value = amount.trim() === '' ? Number.NaN : Number(amount);
    if (!Number.isFinite(value)) return setError('Type an amount of credits, e.g. 25 or 2.5.');
    setBusy(true);
    try {
      const post = kind === 'grant' ? creditsApi.grant : creditsApi.adjust;
      const entry = await post(userId, value, reason.trim(), key);
      toast(
        `${kind === 'grant' ? 'Granted' : 'Adjusted by'} ${entry.amount} credits; the balance is ${entry.balanceAfter}`,
      );
      setAmount('');
      setReason('');
      setKey(newKey());
      onPosted(entry);
    } catch (e) {
      setRefused(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="posting-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {refused && (
        <Alert tone="danger" title="Nothing was posted">
          {refused}
        </Alert>
      )}
      <Field label="Kind">
        <Select
          options={[
            { value: 'grant', label: 'Grant (add credits)' },
            { value: 'adjustment', label: 'Adjustment (add or remove)' },
          ]}
          value={kind}
          onChange={(e) => setKind(e.target.value as Kind)}
        />
      </Field>
      <Field
        label="Amount"
        hint={
          kind === 'grant' ? 'Credits to add (1 credit = $1 of API usage).' : 'Negative to remove credits.'
        }
        error={error}
      >
        <Input
          type="number"
          inputMode="decimal"
          step="any"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
        />
      </Field>
      <Field label="Reason" hint="Shown to the person and kept in the audit log.">
        <Textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} maxLength={500} />
      </Field>
      <div className="row">
        <Button type="submit" variant="primary" loading={busy}>
          {kind === 'grant' ? 'Grant credits' : 'Post adjustment'}
        </Button>
      </div>
    </form>
  );
}
