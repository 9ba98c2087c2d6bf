import { errorMessage } from '../lib/api';
import { Alert, Button } from '../ui';

export function LoadError({ error, retry, what }: { error: unknown; retry: () => void; what: string }) {
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
