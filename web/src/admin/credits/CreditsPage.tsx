import { paths } from '../../app/paths';
import { errorMessage } from '../../lib/api';
import { navigate, useLocation } from '../../lib/router';
import { useAsync } from '../../lib/useAsync';
import { Alert, Button, Card, Loading } from '../../ui';
import { creditsApi } from './api';
import { creditsPagePath } from './links';
import { LedgerTable } from './LedgerTable';
import { PersonPicker } from './PersonPicker';
import { PostingForm } from './PostingForm';
import { PricesCard } from './PricesCard';
import { AdminNav } from '../AdminNav';
import './credits.css';

/** Admins: anyone's balance and ledger, grants and adjustments with a reason, and model prices. */
export default function CreditsPage() {
  const userId = useLocation().search.get('user');

  return (
    <div className="page">
      <AdminNav />
      <div className="page__header">
        <div>
          <h1>Credits</h1>
          <p className="page__subtitle">
            Balances, grants and adjustments (1 credit = $1 of API usage), and what each model costs.
          </p>
        </div>
      </div>
      <Card title="Person">
        <PersonPicker
          selected={userId}
          onSelect={(user) =>
            navigate(user ? creditsPagePath(user.id) : paths.manageCredits, { replace: true })
          }
        />
      </Card>
      {userId && <PersonCredits key={userId} userId={userId} />}
      <PricesCard />
    </div>
  );
}

function PersonCredits({ userId }: { userId: string }) {
  const credits = useAsync((signal) => creditsApi.user(userId, signal), `credits:${userId}`);
  const data = credits.data;

  return (
    <div className="credits__grid">
      <Card title="Grant or adjust">
        {data && (
          <p className="credits__balance" aria-live="polite">
            Balance <strong>{data.balance}</strong> credits
          </p>
        )}
        <PostingForm userId={userId} onPosted={credits.reload} />
      </Card>
      <Card flush title="Ledger" description="Every change to the balance, newest first.">
        {credits.status === 'loading' && !data && <Loading label="Loading the ledger" />}
        {credits.status === 'error' && (
          <div className="card__body">
            <Alert
              tone="danger"
              title="Could not load the credits"
              actions={
                <Button size="sm" onClick={credits.reload}>
                  Retry
                </Button>
              }
            >
              {errorMessage(credits.error)}
            </Alert>
          </div>
        )}
        {data && <LedgerTable entries={data.ledger.data} />}
      </Card>
    </div>
  );
}
