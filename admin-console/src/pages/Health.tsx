import { useCallback, useEffect, useState } from 'preact/hooks';
import { Notice } from '../components/Notice';
import { count, when } from '../format';
import { api } from '../session';
import type { AuditPage, Batch, IndexListing } from '../types';

/** gateway ServiceHealth.Report */
interface HealthReport {
  status: string;
  checked_at: string;
  services: { name: string; status: string; http_status?: number; response_time_ms: number; error?: string }[];
}

/** Key figures from the same APIs the other pages use; each is optional (a failing API shows "—"). */
interface Figures {
  index?: IndexListing;
  batches?: Batch[];
  audit?: AuditPage;
}

const REFRESH_MS = 10_000;

async function figures(): Promise<Figures> {
  const since = new Date(Date.now() - 24 * 3600 * 1000).toISOString();
  const [index, batches, audit] = await Promise.allSettled([
    api<IndexListing>('/api/admin/indexes'),
    api<Batch[]>('/api/admin/batches?limit=20'),
    api<AuditPage>(`/api/search/audit?size=1&interval=hour&from=${encodeURIComponent(since)}`),
  ]);
  const value = <T,>(r: PromiseSettledResult<T>) => (r.status === 'fulfilled' ? r.value : undefined);
  return { index: value(index), batches: value(batches), audit: value(audit) };
}

export function HealthPage() {
  const [report, setReport] = useState<HealthReport | null>(null);
  const [facts, setFacts] = useState<Figures>({});
  const [error, setError] = useState<string | undefined>();

  const load = useCallback(async () => {
    const [health, more] = await Promise.allSettled([api<HealthReport>('/api/admin/health'), figures()]);
    if (health.status === 'fulfilled') {
      setReport(health.value);
      setError(undefined);
    } else {
      setError(`Could not read health: ${(health.reason as Error).message}`);
    }
    if (more.status === 'fulfilled') {
      setFacts(more.value);
    }
  }, []);

  useEffect(() => {
    void load();
    const timer = window.setInterval(() => void load(), REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [load]);

  const active = facts.index?.versions.find((v) => v.active)?.manifest;
  const running = facts.batches?.filter((b) => b.status === 'RUNNING' || b.status === 'QUEUED').length;
  const last = facts.batches?.[0];
  const failures = facts.audit?.aggregations?.by_outcome?.filter((b) => b.key !== 'success').reduce((n, b) => n + b.count, 0);

  return (
    <section aria-labelledby="health-title">
      <h1 id="health-title" tabIndex={-1}>Health</h1>
      <p class="lede">Each service's readiness as the gateway's probe sees it, and the figures that matter most, refreshed every 10 seconds.</p>
      <div class="toolbar">
        <button type="button" class="button button-small" onClick={() => void load()}>Refresh now</button>
        {report && (
          <>
            <span class={`health-overall status-${report.status.toLowerCase()}`} data-overall={report.status}>Overall: {report.status}</span>
            <span class="hint">checked {when(report.checked_at)}</span>
          </>
        )}
      </div>
      {error && <Notice kind="error">{error}</Notice>}

      <dl class="figures" aria-label="Key figures">
        <div class="figure">
          <dt>Active index</dt>
          <dd>{active ? `v${active.version}` : facts.index ? 'none' : '—'}</dd>
          <dd class="sub">{active ? `${count(active.ntotal)} vectors · recall@10 ${active.recall_at_10.toFixed(3)}` : ''}</dd>
        </div>
        <div class="figure">
          <dt>Batches running</dt>
          <dd>{running ?? '—'}</dd>
          <dd class="sub">{last ? `last: ${last.status.toLowerCase()}, ${when(last.created_at)}` : ''}</dd>
        </div>
        <div class="figure">
          <dt>Audit events, 24 h</dt>
          <dd>{facts.audit ? count(facts.audit.total) : '—'}</dd>
          <dd class="sub">{failures !== undefined ? `${count(failures)} failed or denied` : ''}</dd>
        </div>
      </dl>

      {report === null && !error && <p role="status">Checking…</p>}
      {report && (
        <ul class="health-grid" aria-label="Services">
          {report.services.map((s) => (
            <li key={s.name} class={`health-card status-${s.status.toLowerCase()}`} data-service={s.name} data-status={s.status}>
              <h2>{s.name}</h2>
              <p class="health-status"><span class="dot" aria-hidden="true" />{s.status}</p>
              <dl>
                <div><dt>Probe answered in</dt><dd>{s.name === 'gateway' ? '(itself)' : `${s.response_time_ms} ms`}</dd></div>
                {s.http_status !== undefined && <div><dt>HTTP status</dt><dd>{s.http_status}</dd></div>}
                {s.error && <div><dt>Reason</dt><dd>{s.error}</dd></div>}
              </dl>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
