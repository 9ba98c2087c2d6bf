import { useState } from 'react';
import { errorMessage } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { Alert, Button, Card, Field, Input, Loading, useToast } from '../../ui';
import { creditsApi } from './api';

/** Credits per 1000 tokens of /v1 usage, per model; a model without a price is free. */
export function PricesCard() {
  const toast = useToast();
  const prices = useAsync((signal) => creditsApi.prices(signal), 'credit-prices');
  const [model, setModel] = useState('');
  const [price, setPrice] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    setError(null);
    setBusy(true);
    try {
      const saved = await creditsApi.setPrice(model.trim(), price.trim() === '' ? Number.NaN : Number(price));
      prices.setData((p) => ({
        data: [...p.data.filter((x) => x.model !== saved.model), saved].sort((a, b) =>
          a.model.localeCompare(b.model),
        ),
      }));
      setModel('');
      setPrice('');
      toast(`${saved.model} now costs ${saved.pricePer1kTokens} credits per 1000 tokens`);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      title="Prices"
      description="Credits per 1000 tokens (prompt and completion) of API usage, per model id as GET /v1/models lists it."
    >
      <div className="stack">
        {prices.status === 'loading' && !prices.data && <Loading label="Loading prices" />}
        {prices.status === 'error' && (
          <Alert tone="danger" title="Could not load the prices">
            {errorMessage(prices.error)}
          </Alert>
        )}
        {prices.data?.data.length === 0 && <p className="muted">No prices set: every model is free.</p>}
        {prices.data && prices.data.data.length > 0 && (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">Model prices</caption>
              <thead>
                <tr>
                  <th scope="col">Model</th>
                  <th scope="col">Per 1000 tokens</th>
                  <th scope="col">Set</th>
                </tr>
              </thead>
              <tbody>
                {prices.data.data.map((p) => (
                  <tr key={p.model}>
                    <td className="mono">{p.model}</td>
                    <td className="ledger__num">{p.pricePer1kTokens}</td>
                    <td className="ledger__date">{formatDateTime(p.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {error && (
          <Alert tone="danger" title="The price was not saved">
            {error}
          </Alert>
        )}
        <form
          className="prices__form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <Field label="Model">
            <Input value={model} onChange={(e) => setModel(e.target.value)} autoComplete="off" />
          </Field>
          <Field label="Credits per 1000 tokens">
            <Input
              type="number"
              inputMode="decimal"
              min={0}
              step="any"
              value={price}
              onChange={(e) => setPrice(e.target.value)}
            />
          </Field>
          <Button type="submit" loading={busy}>
            Set price
          </Button>
        </form>
      </div>
    </Card>
  );
}
