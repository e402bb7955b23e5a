import { useCallback, useEffect, useState } from 'preact/hooks';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Notice } from '../components/Notice';
import { StatusBadge } from '../components/StatusBadge';
import { count, shortId, when } from '../format';
import { live } from '../live';
import { api } from '../session';
import type { Activation, BuildTask, IndexListing } from '../types';
import { LatencyPanel } from './Latency';

interface Pending {
  version: number;
  rollback: boolean;
}

export function IndexesPage() {
  const [listing, setListing] = useState<IndexListing | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [result, setResult] = useState<string | undefined>();
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);
  const [build, setBuild] = useState<BuildTask | null>(null);

  const load = useCallback(async () => {
    try {
      setListing(await api<IndexListing>('/api/admin/indexes'));
      setError(undefined);
    } catch (e) {
      setError(`Could not load index versions: ${(e as Error).message}`);
    }
  }, []);

  useEffect(() => {
    void load();
    return live.subscribe((event) => {
      if (event.type.startsWith('apfa.task.index.')) {
        void load();
      }
    });
  }, [load]);

  // A build runs for seconds to minutes: follow it until it ends, then show the new version.
  useEffect(() => {
    if (!build || build.status === 'COMPLETED' || build.status === 'FAILED') {
      return;
    }
    const timer = window.setTimeout(async () => {
      try {
        const next = await api<BuildTask>(`/api/admin/indexes/builds/${encodeURIComponent(build.build_id)}`);
        setBuild(next);
        if (next.status === 'COMPLETED') {
          await load();
        }
      } catch (e) {
        setError(`Could not follow build ${shortId(build.build_id)}: ${(e as Error).message}`);
      }
    }, 1500);
    return () => window.clearTimeout(timer);
  }, [build, load]);

  const startBuild = async () => {
    setError(undefined);
    setResult(undefined);
    try {
      setBuild(await api<BuildTask>('/api/admin/indexes/builds', { method: 'POST', body: '{}' }));
    } catch (e) {
      setError(`The build was not started: ${(e as Error).message}`);
    }
  };

  const confirm = async () => {
    if (!pending) {
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const a = await api<Activation>(`/api/admin/indexes/${pending.version}/activate`, { method: 'POST' });
      const was = a.previous_version !== undefined ? ` (was version ${a.previous_version})` : '';
      setResult(a.rollback ? `Rolled back to version ${a.version}${was}.` : `Version ${a.version} is now active${was}.`);
      await load();
    } catch (e) {
      setError(`Version ${pending.version} was not activated: ${(e as Error).message}`);
    } finally {
      setBusy(false);
      setPending(null);
    }
  };

  const active = listing?.active_version;
  const building = build !== null && (build.status === 'QUEUED' || build.status === 'RUNNING');

  return (
    <section aria-labelledby="indexes-title">
      <h1 id="indexes-title" tabIndex={-1}>Index versions{listing ? ` · ${listing.index_name}` : ''}</h1>
      <p class="lede">
        FAISS index versions with their manifests. Activating loads a version on every index-service instance;
        rolling back is activating an older one.
      </p>

      <div class="toolbar">
        <button type="button" class="button" onClick={startBuild} disabled={building}>
          {building ? 'Building…' : 'Build a new version'}
        </button>
        {build && (
          <span class="build-status" role="status">
            Build <span class="mono">{shortId(build.build_id)}</span>: <StatusBadge status={build.status} />
            {build.version !== undefined && ` → version ${build.version}`}
            {build.recall_at_10 !== undefined && ` · recall@10 ${build.recall_at_10.toFixed(3)}`}
            {build.reason && ` · ${build.reason}`}
          </span>
        )}
      </div>

      {error && <Notice kind="error">{error}</Notice>}
      {result && <Notice kind="success">{result}</Notice>}

      {listing === null ? (
        <p role="status">Loading versions…</p>
      ) : listing.versions.length === 0 ? (
        <p class="empty">No index version yet. Run an embedding batch; a version is built when it completes.</p>
      ) : (
        <table class="table indexes">
          <caption>
            {listing.versions.length} version{listing.versions.length === 1 ? '' : 's'}
            {active !== undefined ? `, version ${active} active` : ', none active'}
          </caption>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Type</th>
              <th scope="col" class="num">Vectors</th>
              <th scope="col" class="num">Recall@10</th>
              <th scope="col">Source</th>
              <th scope="col">Model</th>
              <th scope="col">Created</th>
              <th scope="col"><span class="sr-only">Action</span></th>
            </tr>
          </thead>
          <tbody>
            {[...listing.versions].reverse().map(({ version, active: isActive, manifest: m }) => (
              <tr key={version} data-version={version} data-active={String(isActive)} class={isActive ? 'active-row' : undefined}>
                <th scope="row">
                  v{version} {isActive && <span class="badge badge-active">Active</span>}
                </th>
                <td>
                  {m?.index_type ?? '—'}
                  {m?.parameters?.nlist !== undefined && <span class="sub">nlist {m.parameters.nlist}, nprobe {m.parameters.nprobe}</span>}
                </td>
                <td class="num">{count(m?.ntotal)}</td>
                <td class="num">{m ? m.recall_at_10.toFixed(3) : '—'}</td>
                <td>{m ? `${m.source_table} v${m.source_version}` : '—'}</td>
                <td><span class="model">{m?.model ?? '—'}</span></td>
                <td><span class="nowrap">{when(m?.created_at)}</span></td>
                <td>
                  {!isActive && (
                    <button type="button" class="button button-small"
                      onClick={() => setPending({ version, rollback: active !== undefined && version < active })}>
                      {active !== undefined && version < active ? `Roll back to v${version}` : `Activate v${version}`}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <ConfirmDialog
        open={pending !== null}
        busy={busy}
        title={pending?.rollback ? `Roll back to version ${pending.version}?` : `Activate version ${pending?.version ?? ''}?`}
        confirmLabel={pending?.rollback ? 'Roll back' : 'Activate'}
        onConfirm={() => void confirm()}
        onCancel={() => setPending(null)}
      >
        <p>
          Every index-service instance will load version {pending?.version} and advice will retrieve from it at once.
          {active !== undefined && ` Version ${active} is active now; you can switch back the same way.`}
        </p>
      </ConfirmDialog>

      <LatencyPanel />
    </section>
  );
}
