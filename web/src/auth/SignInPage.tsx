import { useState, type FormEvent } from 'react';
import { paths } from '../app/paths';
import { ThemeToggle } from '../app/ThemeToggle';
import { errorMessage } from '../lib/api';
import { navigate, useLocation } from '../lib/router';
import { Alert, Button, Field, Input, Tabs } from '../ui';
import { authApi } from './api';
import { useSession } from './session';
import './auth.css';

type Mode = 'sign-in' | 'register';

export default function SignInPage({ mode }: { mode: Mode }) {
  const { search } = useLocation();
  const { state } = useSession();
  const expired = state.status === 'signed-out' && state.reason === 'expired';
  const switchTo = (next: string) => {
    const query = search.toString();
    navigate(`${next === 'register' ? paths.register : paths.signIn}${query ? `?${query}` : ''}`, {
      replace: true,
    });
  };

  return (
    <div className="auth">
      <div className="auth__theme">
        <ThemeToggle />
      </div>
      <main className="auth__panel">
        <div className="auth__brand">
          <img src="/favicon.svg" alt="" width={40} height={40} />
          <h1>{mode === 'register' ? 'Create your account' : 'Welcome back'}</h1>
          <p className="muted">Chat with the model, tell us what it gets wrong, and help it learn.</p>
        </div>
        <div className="auth__card card">
          <div className="card__body">
            {expired && (
              <Alert tone="info" className="auth__notice">
                Your session has ended. Sign in again to continue.
              </Alert>
            )}
            <Tabs
              label="Sign in or create an account"
              value={mode}
              onChange={switchTo}
              tabs={[
                { id: 'sign-in', label: 'Sign in', content: <AuthForm mode="sign-in" /> },
                { id: 'register', label: 'Create account', content: <AuthForm mode="register" /> },
              ]}
            />
          </div>
        </div>
      </main>
    </div>
  );
}

function AuthForm({ mode }: { mode: Mode }) {
  const { signedIn } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [name, setName] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [touched, setTouched] = useState(false);

  const register = mode === 'register';
  const emailError =
    touched && !/^\S+@\S+\.\S+$/.test(email.trim())
      ? 'Enter an email address like ada@example.com.'
      : undefined;
  const passwordError =
    touched && (register ? password.length < 10 : !password)
      ? register
        ? 'Use at least 10 characters.'
        : 'Enter your password.'
      : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!/^\S+@\S+\.\S+$/.test(email.trim()) || (register ? password.length < 10 : !password)) return;
    setSubmitting(true);
    setError(null);
    try {
      const user = register
        ? await authApi.register({
            email: email.trim(),
            password,
            ...(name.trim() ? { displayName: name.trim() } : {}),
          })
        : await authApi.login(email.trim(), password);
      signedIn(user); // the route guard then sends the person on
    } catch (e) {
      setError(errorMessage(e));
      setSubmitting(false);
    }
  };

  return (
    <form className="stack" onSubmit={submit} noValidate aria-label={register ? 'Create account' : 'Sign in'}>
      {error && (
        <Alert tone="danger" title={register ? 'Could not create the account' : 'Could not sign in'}>
          {error}
        </Alert>
      )}
      {register && (
        <Field label="Display name" hint="Optional. Shown instead of your email.">
          <Input
            autoComplete="nickname"
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={100}
          />
        </Field>
      )}
      <Field label="Email" error={emailError}>
        <Input
          type="email"
          autoComplete={register ? 'email' : 'username'}
          inputMode="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
      </Field>
      <Field
        label="Password"
        error={passwordError}
        hint={register && !passwordError ? 'At least 10 characters.' : undefined}
      >
        <Input
          type="password"
          autoComplete={register ? 'new-password' : 'current-password'}
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </Field>
      <Button type="submit" variant="primary" loading={submitting} className="auth__submit">
        {register ? 'Create account' : 'Sign in'}
      </Button>
    </form>
  );
}
