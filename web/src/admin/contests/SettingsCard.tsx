import { useState } from 'react';
import { errorMessage } from '../../lib/api';
import { Alert, Button, Card, useToast } from '../../ui';
import { contestsApi, type Contest } from './api';
import { ContestFields } from './ContestFields';
import { contestChanges, contestFormValues, rubricChange } from './form';

/** The contest's settings: editable while it is a draft or open, read-only after. */
export function SettingsCard({ contest, onSaved }: { contest: Contest; onSaved: (c: Contest) => void }) {
  const toast = useToast();
  const [values, setValues] = useState(() => contestFormValues(contest));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const editable = contest.status === 'draft' || contest.status === 'open';

  const save = async () => {
    setError(null);
    const changes = contestChanges(contest, values);
    const rubric = rubricChange(contest, values.rubricJson);
    if (rubric instanceof Error) return setError(rubric.message);
    if (rubric) changes.rubric = rubric;
    if (Object.keys(changes).length === 0) return toast('Nothing to save: no setting changed', 'info');
    setSaving(true);
    try {
      const saved = await contestsApi.update(contest.slug, changes);
      setValues(contestFormValues(saved));
      toast(
        saved.rulesVersion !== contest.rulesVersion
          ? `Saved; the rules are now version ${saved.rulesVersion}`
          : 'Contest settings saved',
      );
      onSaved(saved);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card
      title="Settings"
      description={
        editable
          ? `Rules version ${contest.rulesVersion}. ${contest.rubricFormula}`
          : `A ${contest.status} contest can no longer be edited. ${contest.rubricFormula}`
      }
    >
      <form
        className="stack"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {error && (
          <Alert tone="danger" title="The settings were not saved">
            {error}
          </Alert>
        )}
        <fieldset disabled={!editable} className="contest-form__wrap">
          <legend className="visually-hidden">Contest settings</legend>
          <ContestFields mode="edit" values={values} onChange={setValues} />
        </fieldset>
        {editable && (
          <div className="row contest-form__actions">
            <Button variant="ghost" onClick={() => setValues(contestFormValues(contest))}>
              Discard changes
            </Button>
            <Button type="submit" variant="primary" loading={saving}>
              Save settings
            </Button>
          </div>
        )}
      </form>
    </Card>
  );
}
