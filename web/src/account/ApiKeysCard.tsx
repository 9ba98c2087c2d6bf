import { useState, type FormEvent } from 'react';
import { errorMessage } from '../lib/api';
import { formatDateTime, formatRelative } from '../lib/format';
import { useAsync } from '../lib/useAsync';
import { Alert, Badge, Button, Card, Dialog, Field, Input, Loading, useToast } from '../ui';
import { CopyIcon, KeyIcon, PlusIcon } from '../ui/icons';
import { apiKeysApi, type ApiKey } from './api';

/** API keys: create (the secret is shown once), list, revoke. */
export function ApiKeysCard() {
  const keys = useAsync((signal) => apiKeysApi.list(signal).then((r) => r.data), 'api-keys');
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<(ApiKey & { secret: string }) | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);

  const active = keys.data?.filter((k) => !k.revokedAt) ?? [];
  const revoked = keys.data?.filter((k) => k.revokedAt) ?? [];

  return (
    <Card
      title="API keys"
      description={
        <>
          For scripts and OpenAI-compatible clients: send <code>Authorization: Bearer &lt;key&gt;</code> to{' '}
          <code>/v1</code>.
        </>
      }
      actions={
        <Button variant="primary" size="sm" icon={<PlusIcon size={16} />} onClick={() => setCreating(true)}>
          New key
        </Button>
      }
      flush
    >
      {created && <NewKeySecret apiKey={created} onDone={() => setCreated(null)} />}
      {keys.status === 'loading' && !keys.data && <Loading label="Loading API keys" />}
      {keys.status === 'error' && (
        <div className="card-inset">
          <Alert
            tone="danger"
            title="Could not load your API keys"
            actions={
              <Button size="sm" onClick={keys.reload}>
                Retry
              </Button>
            }
          >
            {errorMessage(keys.error)}
          </Alert>
        </div>
      )}
      {keys.data && keys.data.length === 0 && (
        <div className="empty">
          <KeyIcon size={22} />
          <p>No API keys yet.</p>
        </div>
      )}
      {keys.data && keys.data.length > 0 && (
        <ul className="key-list" aria-label="API keys">
          {[...active, ...revoked].map((key) => (
            <li key={key.id} className={`key ${key.revokedAt ? 'key--revoked' : ''}`}>
              <div className="key__main">
                <p className="key__name">
                  {key.name} {key.revokedAt && <Badge tone="danger">Revoked</Badge>}
                </p>
                <p className="key__meta">
                  <code>{key.prefix}…</code>
                  <span>Created {formatDateTime(key.createdAt)}</span>
                  <span>{key.lastUsedAt ? `Last used ${formatRelative(key.lastUsedAt)}` : 'Never used'}</span>
                </p>
              </div>
              {!key.revokedAt && (
                <Button
                  size="sm"
                  variant="ghost"
                  className="key__revoke"
                  onClick={() => setRevoking(key)}
                  aria-label={`Revoke ${key.name}`}
                >
                  Revoke
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}

      <CreateKeyDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(key) => {
          setCreating(false);
          setCreated(key);
          keys.setData((list) => [{ ...key }, ...list]);
        }}
      />
      <RevokeKeyDialog
        apiKey={revoking}
        onClose={() => setRevoking(null)}
        onRevoked={(key) => {
          setRevoking(null);
          keys.setData((list) => list.map((k) => (k.id === key.id ? key : k)));
        }}
      />
    </Card>
  );
}

/** The secret, once: copy it now or lose it. */
function NewKeySecret({ apiKey, onDone }: { apiKey: ApiKey & { secret: string }; onDone: () => void }) {
  const toast = useToast();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(apiKey.secret);
      toast('API key copied to the clipboard');
    } catch {
      toast('Could not copy: select the key and copy it by hand', 'danger');
    }
  };
  return (
    <div className="card-inset">
      <Alert
        tone="success"
        title={`Your new key “${apiKey.name}”`}
        actions={
          <Button size="sm" variant="ghost" onClick={onDone}>
            Done
          </Button>
        }
      >
        <p>Copy it now: it will not be shown again.</p>
        <div className="secret">
          <label className="visually-hidden" htmlFor="new-api-key">
            New API key
          </label>
          <input
            id="new-api-key"
            className="input mono secret__value"
            readOnly
            value={apiKey.secret}
            onFocus={(e) => e.target.select()}
          />
          <Button size="md" icon={<CopyIcon size={16} />} onClick={() => void copy()}>
            Copy
          </Button>
        </div>
      </Alert>
    </div>
  );
}

function CreateKeyDialog({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (key: ApiKey & { secret: string }) => void;
}) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const close = () => {
    setName('');
    setError(null);
    onClose();
  };
  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!name.trim()) {
      setError('Give the key a name, e.g. the machine or script that will use it.');
      return;
    }
    setSaving(true);
    try {
      const key = await apiKeysApi.create(name.trim());
      setName('');
      setError(null);
      onCreated(key);
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
      title="New API key"
      description="The key can do what you can do through the API. Keep it secret; revoke it when it is no longer needed."
      onSubmit={() => void submit()}
      footer={
        <>
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" variant="primary" loading={saving}>
            Create key
          </Button>
        </>
      }
    >
      <Field
        label="Name"
        error={error ?? undefined}
        hint={error ? undefined : 'e.g. “laptop” or “eval script”'}
      >
        <Input autoFocus value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
      </Field>
    </Dialog>
  );
}

function RevokeKeyDialog({
  apiKey,
  onClose,
  onRevoked,
}: {
  apiKey: ApiKey | null;
  onClose: () => void;
  onRevoked: (key: ApiKey) => void;
}) {
  const toast = useToast();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const revoke = async () => {
    if (!apiKey) return;
    setSaving(true);
    setError(null);
    try {
      const key = await apiKeysApi.revoke(apiKey.id);
      onRevoked(key);
      toast(`Revoked “${key.name}”`);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Dialog
      open={!!apiKey}
      onClose={() => {
        setError(null);
        onClose();
      }}
      title="Revoke this key?"
      description={
        apiKey
          ? `Programs using “${apiKey.name}” (${apiKey.prefix}…) will stop working at once. This cannot be undone.`
          : undefined
      }
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="danger" loading={saving} onClick={() => void revoke()}>
            Revoke key
          </Button>
        </>
      }
    >
      {error && <Alert tone="danger">{error}</Alert>}
    </Dialog>
  );
}
