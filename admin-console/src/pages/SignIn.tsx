import { useState } from 'preact/hooks';
import { Notice } from '../components/Notice';
import { ApiError, login } from '../session';

interface Props {
  message?: string;
  /** Resolves to a refusal message when the account may not use the console. */
  onSignedIn: () => Promise<string | undefined>;
}

export function SignIn({ message, onSignedIn }: Props) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await login(username.trim(), password);
      setPassword('');
      const refusal = await onSignedIn();
      if (refusal) {
        setError(refusal);
      }
    } catch (err) {
      const status = err instanceof ApiError ? err.status : 0;
      setError(status === 401 ? 'Wrong user name or password, or the account is locked.' : (err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" class="signin">
      <h1>APFA admin console</h1>
      <p class="lede">Sign in with an admin or super_admin account.</p>
      {message && !error && <Notice kind="info">{message}</Notice>}
      {error && <Notice kind="error">{error}</Notice>}
      <form onSubmit={submit} class="form signin-form">
        <label for="username">User name</label>
        <input id="username" name="username" autocomplete="username" required value={username}
          onInput={(e) => setUsername(e.currentTarget.value)} />
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required value={password}
          onInput={(e) => setPassword(e.currentTarget.value)} />
        <button type="submit" class="button button-primary" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
      </form>
    </main>
  );
}
