import { useState } from 'react';
import { errorMessage } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { Alert, Button, Card, Field, Input, Loading, Select, useToast } from '../../ui';
import { CATEGORIES, filterApi, type Category, type FilterRule } from './api';

/** Terms that always score their category as certain, whatever the classifier says. */
export function RulesCard() {
  const toast = useToast();
  const rules = useAsync((signal) => filterApi.rules(signal), 'filter-rules');
  const [category, setCategory] = useState<Category>('harassment');
  const [term, setTerm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const add = async () => {
    if (!term.trim()) return setError('Type the term to match.');
    setBusy('add');
    setError(null);
    try {
      const rule = await filterApi.addRule(category, term.trim());
      rules.setData((r) => ({ data: [...r.data.filter((x) => x.id !== rule.id), rule] }));
      setTerm('');
      toast(`Added a ${category} rule for “${rule.term}”`);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const remove = async (rule: FilterRule) => {
    setBusy(rule.id);
    try {
      await filterApi.removeRule(rule.id);
      rules.setData((r) => ({ data: r.data.filter((x) => x.id !== rule.id) }));
      toast(`Removed the rule for “${rule.term}”`);
    } catch (e) {
      toast(`Could not remove the rule: ${errorMessage(e)}`, 'danger');
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card title="Rules" description="A text containing a rule's term scores 1 in the rule's category.">
      <div className="stack">
        {rules.status === 'loading' && !rules.data && <Loading label="Loading the rules" />}
        {rules.status === 'error' && (
          <Alert tone="danger" title="Could not load the rules">
            {errorMessage(rules.error)}
          </Alert>
        )}
        {rules.data?.data.length === 0 && <p className="muted">No rules yet.</p>}
        {rules.data && rules.data.data.length > 0 && (
          <ul className="filter-rules">
            {rules.data.data.map((rule) => (
              <li key={rule.id} className="filter-rules__item">
                <div>
                  <strong>“{rule.term}”</strong> <span className="mono muted">{rule.category}</span>
                  <div className="muted filter-rules__date">{formatDateTime(rule.createdAt)}</div>
                </div>
                <Button
                  size="sm"
                  variant="ghost"
                  aria-label={`Remove the rule for ${rule.term}`}
                  loading={busy === rule.id}
                  onClick={() => void remove(rule)}
                >
                  Remove
                </Button>
              </li>
            ))}
          </ul>
        )}
        <form
          className="filter-rules__add"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <Field label="Category">
            <Select
              options={CATEGORIES.map((c) => ({ value: c, label: c }))}
              value={category}
              onChange={(e) => setCategory(e.target.value as Category)}
            />
          </Field>
          <Field label="Term" error={error}>
            <Input
              value={term}
              onChange={(e) => setTerm(e.target.value)}
              maxLength={200}
              autoComplete="off"
            />
          </Field>
          <Button type="submit" loading={busy === 'add'}>
            Add rule
          </Button>
        </form>
      </div>
    </Card>
  );
}
