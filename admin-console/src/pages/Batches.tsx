import { Fragment } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { Notice } from '../components/Notice';
import { StatusBadge } from '../components/StatusBadge';
import { count, duration, percent, rate, shortId, when } from '../format';
import { live, type LiveMode } from '../live';
import { api, ApiError } from '../session';
import type { Batch, BatchProgress } from '../types';

const ACTIVE = new Set(['QUEUED', 'RUNNING']);

/** What one row shows: the list's row, overlaid with the latest live progress while it runs. */
interface View {
  done: number;
  total: number;
  failed: number;
  pct: number | null;
  docsPerSecond?: number;
  etaSeconds?: number;
}

function viewOf(batch: Batch, progress: BatchProgress | undefined, now: number): View {
  const finished = batch.status === 'COMPLETED';
  let done = batch.processed + batch.skipped;
  let failed = batch.failed;
  let total = batch.total;
  let docsPerSecond: number | undefined;
  let etaSeconds: number | undefined;
  if (progress && ACTIVE.has(batch.status) && progress.processed + progress.failed >= done + failed) {
    done = progress.processed;
    failed = progress.failed;
    total = progress.total;
    docsPerSecond = progress.docs_per_second;
    etaSeconds = progress.eta_seconds;
  } else if (batch.started_at) {
    // No live figure (polling, or finished): the same rate the service reports, from the row itself.
    const end = batch.completed_at ? Date.parse(batch.completed_at) : now;
    const seconds = Math.max(0.001, (end - Date.parse(batch.started_at)) / 1000);
    docsPerSecond = batch.processed / seconds;
    const remaining = Math.max(0, total - done - failed);
    etaSeconds = finished ? 0 : docsPerSecond > 0 ? remaining / docsPerSecond : undefined;
  }
  const pct = finished ? 100 : total > 0 ? percent(done + failed, total) : null;
  return { done, total, failed, pct, docsPerSecond, etaSeconds };
}

export function BatchesPage({ mode }: { mode: LiveMode }) {
  const [batches, setBatches] = useState<Batch[] | null>(null);
  const [progress, setProgress] = useState<Record<string, BatchProgress>>({});
  // Live events seen per batch (data-live-events on the row): shows the tests, and anyone curious,
  // that the row follows the live feed rather than polling.
  const [liveCount, setLiveCount] = useState<Record<string, number>>({});
  const [error, setError] = useState<string | undefined>();
  const [table, setTable] = useState('knowledge_base');
  const [version, setVersion] = useState('');
  const [starting, setStarting] = useState(false);
  const [started, setStarted] = useState<string | undefined>();
  const [details, setDetails] = useState<Record<string, Batch | 'loading' | string>>({});
  const [announcement, setAnnouncement] = useState('');
  const [now, setNow] = useState(Date.now());
  const announced = useRef<Record<string, string>>({});
  const known = useRef<Set<string>>(new Set());

  const load = useCallback(async () => {
    try {
      const list = await api<Batch[]>('/api/admin/batches?limit=50');
      known.current = new Set(list.map((b) => b.batch_id));
      setBatches(list);
      setNow(Date.now());
      setError(undefined);
    } catch (e) {
      setError(`Could not load batches: ${(e as Error).message}`);
    }
  }, []);

  // On first show, and whenever the live feed (re)connects: events are not replayed, so the state
  // between the last event seen and the new connection comes from the REST API.
  useEffect(() => {
    if (mode !== 'connecting') {
      void load();
    }
  }, [load, mode]);

  // Live events: progress overlays a row; a lifecycle event (queued, started, completed, failed)
  // reloads the list, debounced so a burst costs one request.
  useEffect(() => {
    let timer: number | undefined;
    const reload = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void load(), 250);
    };
    const off = live.subscribe((event) => {
      const id = event.data.batch_id;
      if (typeof id === 'string') {
        setLiveCount((prev) => ({ ...prev, [id]: (prev[id] ?? 0) + 1 }));
      }
      if (event.type === 'apfa.batch.progress') {
        const p = event.data as unknown as BatchProgress;
        setProgress((prev) => ({ ...prev, [p.batch_id]: p }));
        if (!known.current.has(p.batch_id)) {
          reload();
        }
      } else if (event.type.startsWith('apfa.task.batch.')) {
        reload();
      }
    });
    return () => {
      off();
      window.clearTimeout(timer);
    };
  }, [load]);

  // Polling: every 2 s while a batch runs when there is no live feed; with a live feed, a slow
  // safety net in case an event was missed across a reconnect.
  const anyActive = (batches ?? []).some((b) => ACTIVE.has(b.status));
  useEffect(() => {
    const liveFeed = mode === 'websocket' || mode === 'sse';
    const every = anyActive ? (liveFeed ? 10_000 : 2_000) : liveFeed ? 60_000 : 10_000;
    const timer = window.setInterval(() => void load(), every);
    return () => window.clearInterval(timer);
  }, [mode, anyActive, load]);

  // Announce milestones (status changes, each quarter) politely, not every tick.
  useEffect(() => {
    for (const batch of batches ?? []) {
      const v = viewOf(batch, progress[batch.batch_id], now);
      const milestone = `${batch.status}:${v.pct === null ? '-' : Math.floor(v.pct / 25)}`;
      const previous = announced.current[batch.batch_id];
      if (previous !== undefined && previous !== milestone) {
        setAnnouncement(`Batch ${shortId(batch.batch_id)} ${batch.status.toLowerCase()}, ${v.pct ?? 0} % done.`);
      }
      announced.current[batch.batch_id] = milestone;
    }
  }, [batches, progress, now]);

  const start = async (e: Event) => {
    e.preventDefault();
    setStarting(true);
    setError(undefined);
    setStarted(undefined);
    try {
      const body: Record<string, unknown> = { source_table: table.trim() };
      if (version.trim() !== '') {
        body.version = Number(version);
      }
      const batch = await api<Batch>('/api/admin/batches', { method: 'POST', body: JSON.stringify(body) });
      setStarted(batch.batch_id);
      await load();
    } catch (err) {
      setError(`The batch was not started: ${(err as Error).message}`);
    } finally {
      setStarting(false);
    }
  };

  const toggleDetails = async (id: string) => {
    if (details[id]) {
      const { [id]: _, ...rest } = details;
      setDetails(rest);
      return;
    }
    setDetails((d) => ({ ...d, [id]: 'loading' }));
    try {
      const batch = await api<Batch>(`/api/admin/batches/${encodeURIComponent(id)}`);
      setDetails((d) => ({ ...d, [id]: batch }));
    } catch (err) {
      setDetails((d) => ({ ...d, [id]: err instanceof ApiError ? err.message : 'Could not load the failures.' }));
    }
  };

  return (
    <section aria-labelledby="batches-title">
      <h1 id="batches-title" tabIndex={-1}>Embedding batches</h1>
      <p class="lede">
        Embed a pinned version of a Delta table into the <code>embeddings</code> table.{' '}
        {mode === 'websocket' || mode === 'sse' ? 'Progress is live.' : mode === 'polling'
          ? 'No live feed: progress is refreshed every 2 seconds while a batch runs.' : ''}
      </p>

      <form class="form form-inline panel" onSubmit={start} aria-label="Start a batch">
        <div class="field">
          <label for="source-table">Source table</label>
          <input id="source-table" required maxLength={128} value={table} onInput={(e) => setTable(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="source-version">Table version <span class="hint">(empty: latest)</span></label>
          <input id="source-version" type="number" min={0} inputMode="numeric" value={version}
            onInput={(e) => setVersion(e.currentTarget.value)} />
        </div>
        <button type="submit" class="button button-primary" disabled={starting}>{starting ? 'Starting…' : 'Start batch'}</button>
      </form>

      {error && <Notice kind="error">{error}</Notice>}
      {started && <Notice kind="success">Batch {shortId(started)} started.</Notice>}
      <div class="sr-only" aria-live="polite" aria-atomic="true">{announcement}</div>

      {batches === null ? (
        <p role="status">Loading batches…</p>
      ) : batches.length === 0 ? (
        <p class="empty">No batches yet. Start one above.</p>
      ) : (
        <table class="table batches">
          <caption>The 50 most recent batches, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Batch</th>
              <th scope="col">Status</th>
              <th scope="col" class="col-progress">Progress</th>
              <th scope="col">Rate</th>
              <th scope="col">ETA</th>
              <th scope="col">Failed</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {batches.map((batch) => {
              const v = viewOf(batch, progress[batch.batch_id], now);
              const detail = details[batch.batch_id];
              const hasFailures = batch.failed > 0 || batch.status === 'FAILED' || v.failed > 0;
              return (
                <Fragment key={batch.batch_id}>
                  <tr data-batch-id={batch.batch_id} data-status={batch.status} data-live-events={liveCount[batch.batch_id] ?? 0}>
                    <th scope="row">
                      <span class="mono" title={batch.batch_id}>{shortId(batch.batch_id)}</span>
                      <span class="sub">{batch.source_table} v{batch.source_version}</span>
                    </th>
                    <td><StatusBadge status={batch.status} /></td>
                    <td class="col-progress">
                      {v.pct === null ? (
                        <progress aria-label={`Batch ${shortId(batch.batch_id)} progress`} />
                      ) : (
                        <progress max={100} value={v.pct} aria-label={`Batch ${shortId(batch.batch_id)} progress`}
                          aria-valuetext={`${v.pct} %`} />
                      )}
                      <span class="sub">
                        {v.pct === null ? 'planning…' : `${v.pct} % · ${count(v.done + v.failed)} of ${count(v.total)}`}
                        {batch.skipped > 0 && ` · ${count(batch.skipped)} unchanged`}
                      </span>
                    </td>
                    <td>{rate(v.docsPerSecond)}</td>
                    <td>{ACTIVE.has(batch.status) ? duration(v.etaSeconds) : '—'}</td>
                    <td>
                      {hasFailures ? (
                        <button type="button" class="link-button" aria-expanded={detail !== undefined}
                          onClick={() => void toggleDetails(batch.batch_id)}>
                          {count(v.failed)} {detail ? '· hide' : '· show reasons'}
                        </button>
                      ) : (
                        count(v.failed)
                      )}
                    </td>
                    <td><span class="nowrap">{when(batch.created_at)}</span></td>
                  </tr>
                  {detail !== undefined && (
                    <tr class="details-row">
                      <td colSpan={7}>
                        <FailureDetails detail={detail} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

function FailureDetails({ detail }: { detail: Batch | 'loading' | string }) {
  if (detail === 'loading') {
    return <p role="status">Loading failures…</p>;
  }
  if (typeof detail === 'string') {
    return <Notice kind="error">{detail}</Notice>;
  }
  return (
    <div class="failures">
      {detail.error && <p><strong>Batch failed:</strong> {detail.error}</p>}
      {detail.errors && detail.errors.length > 0 ? (
        <table class="table table-compact">
          <caption>Documents that could not be embedded (at most 100)</caption>
          <thead><tr><th scope="col">Document</th><th scope="col">Reason</th></tr></thead>
          <tbody>
            {detail.errors.map((e) => <tr key={e.doc_id}><td class="mono">{e.doc_id}</td><td>{e.message}</td></tr>)}
          </tbody>
        </table>
      ) : (
        !detail.error && <p>No document-level failures were recorded.</p>
      )}
    </div>
  );
}
