import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Alert, Button } from '../ui';

interface Props {
  children: ReactNode;
  /** A new value (another page) clears the error. */
  resetKey?: string;
}

interface State {
  error: Error | null;
  resetKey?: string;
}

/** A page that throws while rendering shows what happened and a way out, never a blank window. */
export class ErrorBoundary extends Component<Props, State> {
  state: State = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.resetKey ? { error: null, resetKey: props.resetKey } : null;
  }

  componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Page failed to render', error, info.componentStack);
  }

  render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    // A chunk that no longer exists (the app was updated) is fixed by a reload.
    const stale = /dynamically imported module|Failed to fetch|Importing a module script failed/i.test(
      error.message,
    );
    return (
      <div className="page">
        <Alert
          tone="danger"
          title={stale ? 'This page could not be loaded' : 'Something went wrong on this page'}
          actions={
            <>
              <Button size="sm" onClick={() => this.setState({ error: null })}>
                Try again
              </Button>
              <Button size="sm" variant="ghost" onClick={() => window.location.reload()}>
                Reload
              </Button>
            </>
          }
        >
          {stale ? 'The app may have been updated. Reload to get the latest version.' : error.message}
        </Alert>
      </div>
    );
  }
}
