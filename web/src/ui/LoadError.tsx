import { errorMessage } from '../lib/api';
import { Alert } from './Alert';
import { Button } from './Button';

/** A failed load: what failed, why, and a way to try again. */
export function LoadError({ what, error, retry }: { what: string; error: unknown; retry: () => void }) {
  return (
    <Alert
      tone="danger"
      title={`Could not load ${what}`}
      actions={
        <Button size="sm" onClick={retry}>
          Retry
        </Button>
      }
    >
      {errorMessage(error)}
    </Alert>
  );
}
