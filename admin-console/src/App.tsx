import { useEffect, useRef, useState } from 'preact/hooks';
import { live, type LiveMode } from './live';
import { BatchesPage } from './pages/Batches';
import { AuditPage } from './pages/Audit';
import { HealthPage } from './pages/Health';
import { IndexesPage } from './pages/Indexes';
import { SignIn } from './pages/SignIn';
import { BASE, navigate, usePage, type Page } from './router';
import { api, hasStoredSession, highestRole, logout, onSessionLost, rank, refresh, ROLE_RANK, type Me } from './session';

type State = { kind: 'loading' } | { kind: 'signed-out'; message?: string } | { kind: 'signed-in'; me: Me; role: string };

const TITLES: Record<Page, string> = { batches: 'Batches', indexes: 'Indexes', audit: 'Audit trail', health: 'Health' };

const LIVE_TEXT: Record<LiveMode, string> = {
  connecting: 'Live: connecting…',
  websocket: 'Live: WebSocket',
  sse: 'Live: server-sent events',
  polling: 'Live: polling',
  off: 'Live: off',
};

/** Signs the caller in and keeps out anyone below admin (the APIs would refuse them anyway). */
async function admit(): Promise<State> {
  const me = await api<Me>('/api/auth/me');
  const role = highestRole(me);
  if (rank(role) < ROLE_RANK.admin) {
    await logout();
    return {
      kind: 'signed-out',
      message: `Signed in as ${me.username} with role “${role}”, but the admin console is only for admin and super_admin accounts. You have been signed out.`,
    };
  }
  return { kind: 'signed-in', me, role };
}

export function App() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [mode, setMode] = useState<LiveMode>(live.mode);
  const page = usePage();
  const main = useRef<HTMLElement>(null);

  useEffect(() => {
    const offMode = live.onMode(setMode);
    const offLost = onSessionLost(() => {
      live.stop();
      setState({ kind: 'signed-out', message: 'Your session has ended. Please sign in again.' });
    });
    (async () => {
      if (hasStoredSession() && (await refresh())) {
        setState(await admit().catch(() => ({ kind: 'signed-out' }) as State));
      } else {
        setState({ kind: 'signed-out' });
      }
    })();
    return () => {
      offMode();
      offLost();
    };
  }, []);

  useEffect(() => {
    if (state.kind === 'signed-in') {
      live.start();
    }
  }, [state.kind]);

  useEffect(() => {
    document.title = state.kind === 'signed-in' ? `${TITLES[page]} · APFA admin` : 'Sign in · APFA admin';
  }, [page, state.kind]);

  const firstRender = useRef(true);
  useEffect(() => {
    // Move focus to the new page's heading after in-app navigation, so keyboard and screen-reader
    // users start at the top of what changed.
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    main.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [page]);

  if (state.kind === 'loading') {
    return <p class="loading" role="status">Loading…</p>;
  }
  if (state.kind === 'signed-out') {
    return (
      <SignIn
        message={state.message}
        onSignedIn={async () => {
          const next = await admit();
          setState(next);
          return next.kind === 'signed-out' ? next.message : undefined;
        }}
      />
    );
  }

  const signOut = async () => {
    live.stop();
    await logout();
    setState({ kind: 'signed-out', message: 'You have signed out.' });
  };

  return (
    <>
      <a class="skip-link" href="#main">Skip to content</a>
      <header class="topbar">
        <a class="brand" href={BASE} onClick={(e) => { e.preventDefault(); navigate('batches'); }}>APFA admin</a>
        <nav aria-label="Pages">
          <ul>
            {(Object.keys(TITLES) as Page[]).map((p) => (
              <li key={p}>
                <a
                  href={BASE + p}
                  aria-current={p === page ? 'page' : undefined}
                  onClick={(e) => {
                    e.preventDefault();
                    navigate(p);
                  }}
                >
                  {TITLES[p]}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="session">
          <span class={`live live-${mode}`} title="How this page receives task events and batch progress">{LIVE_TEXT[mode]}</span>
          <span class="who">
            {state.me.username} <span class="role">({state.role})</span>
          </span>
          <button type="button" class="button button-small" onClick={signOut}>Sign out</button>
        </div>
      </header>
      <main id="main" ref={main}>
        {page === 'batches' && <BatchesPage mode={mode} />}
        {page === 'indexes' && <IndexesPage />}
        {page === 'audit' && <AuditPage role={state.role} />}
        {page === 'health' && <HealthPage />}
      </main>
    </>
  );
}
