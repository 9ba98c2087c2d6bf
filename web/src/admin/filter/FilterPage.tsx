import { errorMessage } from '../../lib/api';
import { useAsync } from '../../lib/useAsync';
import { Alert, Button, Loading } from '../../ui';
import { filterApi } from './api';
import { RulesCard } from './RulesCard';
import { ThresholdsCard } from './ThresholdsCard';
import { TryTextCard } from './TryTextCard';
import { AdminNav } from '../AdminNav';
import './filter.css';

/** Admins: the content filter's warn and block thresholds per category, and its term rules. */
export default function FilterPage() {
  const policy = useAsync((signal) => filterApi.thresholds(signal), 'filter-thresholds');

  return (
    <div className="page">
      <AdminNav />
      <div className="page__header">
        <div>
          <h1>Content filter</h1>
          <p className="page__subtitle">
            {policy.data ? `${policy.data.provider} classifier ${policy.data.model}. ` : ''}A text is warned
            at or above a category&apos;s warn score, and blocked at or above its block score.
          </p>
        </div>
      </div>
      {policy.status === 'loading' && !policy.data && <Loading label="Loading the thresholds" />}
      {policy.status === 'error' && (
        <Alert
          tone="danger"
          title="Could not load the thresholds"
          actions={
            <Button size="sm" onClick={policy.reload}>
              Retry
            </Button>
          }
        >
          {errorMessage(policy.error)}
        </Alert>
      )}
      {policy.data && (
        <>
          <ThresholdsCard policy={policy.data} onSaved={(next) => policy.setData(() => next)} />
          <TryTextCard thresholds={policy.data.thresholds} />
        </>
      )}
      <RulesCard />
    </div>
  );
}
