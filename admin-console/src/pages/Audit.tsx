import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { BarChart } from '../components/BarChart';
import { Notice } from '../components/Notice';
import { when } from '../format';
import { apiFetch, api, rank, ROLE_RANK } from '../session';
import type { AuditDoc, AuditPage as Page, VerifyReport } from '../types';

const PAGE_SIZE = 25;
const ACTIONS = [
  'user.registered', 'login.succeeded', 'login.failed', 'account.locked', 'token.refreshed', 'token.reuse_detected',
  'logout', 'logout_all', 'user.role_changed', 'user.disabled', 'user.enabled', 'admin.password_reset',
  'signing_key.rotated', 'advice.generated', 'batch.started',
  'index.build_requested', 'index.activated', 'index.rolled_back', 'anomaly.detected', 'audit.verified', 'audit.exported',
];
const SERVICES = ['auth-service', 'advice-service', 'embedding-service', 'index-service', 'audit-service', 'search-service', 'gateway'];
const INTERVALS = ['hour', 'day', 'week', 'month'] as const;

interface Filters {
  q: string;
  user: string;
  action: string;
  outcome: string;
  service: string;
  from: string;
  to: string;
  interval: (typeof INTERVALS)[number];
}

const EMPTY: Filters = { q: '', user: '', action: '', outcome: '', service: '', from: '', to: '', interval: 'hour' };

function params(filters: Filters, extra: Record<string, string> = {}): URLSearchParams {
  const p = new URLSearchParams();
  for (const key of ['q', 'user', 'action', 'outcome', 'service'] as const) {
    if (filters[key].trim() !== '') {
      p.set(key, filters[key].trim());
    }
  }
  // datetime-local is the reader's local time; the API takes instants.
  if (filters.from) p.set('from', new Date(filters.from).toISOString());
  if (filters.to) p.set('to', new Date(filters.to).toISOString());
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  return p;
}

function bucketLabel(key: string, interval: Filters['interval']): string {
  const d = new Date(key);
  if (Number.isNaN(d.getTime())) return key;
  if (interval === 'hour') return d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  if (interval === 'month') return d.toLocaleDateString(undefined, { month: 'short', year: 'numeric' });
  return d.toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
}

function outcomeOf(doc: AuditDoc): string {
  return doc.apfa?.outcome ?? doc.event?.outcome ?? '—';
}

export function AuditPage({ role }: { role: string }) {
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [cursor, setCursor] = useState<string[]>([]); // search_after tokens of the pages before this one
  // The page shown, with how deep it is: the caption and pager describe what is on screen, not what
  // is being fetched.
  const [page, setPage] = useState<(Page & { depth: number }) | null>(null);
  const latest = useRef(0);
  const [error, setError] = useState<string | undefined>();
  const [loading, setLoading] = useState(false);
  const [exporting, setExporting] = useState<string | null>(null);
  const [verify, setVerify] = useState<VerifyReport | 'running' | null>(null);
  const [verifyError, setVerifyError] = useState<string | undefined>();
  const superAdmin = rank(role) >= ROLE_RANK.super_admin;

  const search = useCallback(async (f: Filters, tokens: string[]) => {
    // Answers can arrive out of order; only the latest request's answer is shown.
    const request = ++latest.current;
    setLoading(true);
    try {
      const extra: Record<string, string> = { size: String(PAGE_SIZE), interval: f.interval };
      if (tokens.length > 0) extra.search_after = tokens[tokens.length - 1];
      const result = await api<Page>(`/api/search/audit?${params(f, extra)}`);
      if (request === latest.current) {
        setPage({ ...result, depth: tokens.length });
        setError(undefined);
      }
    } catch (e) {
      if (request === latest.current) setError(`The search failed: ${(e as Error).message}`);
    } finally {
      if (request === latest.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    void search(filters, cursor);
  }, [filters, cursor, search]);

  const submit = (e: Event) => {
    e.preventDefault();
    setCursor([]);
    setFilters({ ...draft });
  };

  const set = (key: keyof Filters) => (e: Event) =>
    setDraft((d) => ({ ...d, [key]: (e.currentTarget as HTMLInputElement | HTMLSelectElement).value }));

  const exportAs = async (format: 'ndjson' | 'csv') => {
    setExporting(format);
    try {
      const response = await apiFetch(`/api/search/audit?${params(filters, { format })}`);
      const blob = await response.blob();
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `audit-export-${new Date().toISOString().replace(/[:.]/g, '-')}.${format}`;
      document.body.appendChild(link);
      link.click();
      link.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setError(`The export failed: ${(e as Error).message}`);
    } finally {
      setExporting(null);
    }
  };

  const runVerify = async () => {
    setVerify('running');
    setVerifyError(undefined);
    try {
      setVerify(await api<VerifyReport>('/api/audit/verify'));
    } catch (e) {
      setVerify(null);
      setVerifyError(`Verification failed to run: ${(e as Error).message}`);
    }
  };

  const histogram = page?.aggregations?.over_time ?? [];
  const pageNumber = (page?.depth ?? 0) + 1;

  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title" tabIndex={-1}>Audit trail</h1>
      <p class="lede">Who did what to which resource, from the audit-logs indices. Text search covers message, user,
        action, resource, request and trace ids; a trailing <code>*</code> matches a prefix.</p>

      <form class="form panel audit-filters" onSubmit={submit} role="search" aria-label="Audit trail">
        <div class="field field-wide">
          <label for="audit-q">Search</label>
          <input id="audit-q" type="search" value={draft.q} onInput={set('q')} placeholder="e.g. index.activated or admin" />
        </div>
        <div class="field">
          <label for="audit-user">User (name or id)</label>
          <input id="audit-user" value={draft.user} onInput={set('user')} />
        </div>
        <div class="field">
          <label for="audit-action">Action</label>
          <select id="audit-action" value={draft.action} onChange={set('action')}>
            <option value="">Any</option>
            {ACTIONS.map((a) => <option key={a} value={a}>{a}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="audit-outcome">Outcome</label>
          <select id="audit-outcome" value={draft.outcome} onChange={set('outcome')}>
            <option value="">Any</option>
            <option value="success">success</option>
            <option value="failure">failure</option>
            <option value="denied">denied</option>
          </select>
        </div>
        <div class="field">
          <label for="audit-service">Service</label>
          <select id="audit-service" value={draft.service} onChange={set('service')}>
            <option value="">Any</option>
            {SERVICES.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="audit-from">From</label>
          <input id="audit-from" type="datetime-local" value={draft.from} onInput={set('from')} />
        </div>
        <div class="field">
          <label for="audit-to">To</label>
          <input id="audit-to" type="datetime-local" value={draft.to} onInput={set('to')} />
        </div>
        <div class="field">
          <label for="audit-interval">Histogram by</label>
          <select id="audit-interval" value={draft.interval} onChange={set('interval')}>
            {INTERVALS.map((i) => <option key={i} value={i}>{i}</option>)}
          </select>
        </div>
        <div class="field-actions">
          <button type="submit" class="button button-primary" disabled={loading}>Search</button>
          <button type="button" class="button" onClick={() => { setDraft(EMPTY); setCursor([]); setFilters(EMPTY); }}>Clear</button>
        </div>
      </form>

      {error && <Notice kind="error">{error}</Notice>}

      <div class="audit-summary">
        <p role="status" aria-live="polite">
          {loading ? 'Searching…' : page ? `${page.total.toLocaleString()} event${page.total === 1 ? '' : 's'} found.` : ''}
        </p>
        <div class="toolbar">
          <button type="button" class="button button-small" onClick={() => void exportAs('ndjson')} disabled={exporting !== null || !page?.total}>
            {exporting === 'ndjson' ? 'Exporting…' : 'Export NDJSON'}
          </button>
          <button type="button" class="button button-small" onClick={() => void exportAs('csv')} disabled={exporting !== null || !page?.total}>
            {exporting === 'csv' ? 'Exporting…' : 'Export CSV'}
          </button>
          {superAdmin ? (
            <button type="button" class="button button-small" onClick={() => void runVerify()} disabled={verify === 'running'}>
              {verify === 'running' ? 'Verifying…' : 'Verify hash chain'}
            </button>
          ) : (
            <span class="hint">Hash-chain verification needs super_admin.</span>
          )}
        </div>
      </div>

      {verifyError && <Notice kind="error">{verifyError}</Notice>}
      {verify && verify !== 'running' && (
        <Notice kind={verify.status === 'intact' ? 'success' : 'error'}>
          <span data-verify-status={verify.status}>
            Hash chain <strong>{verify.status}</strong>: {verify.checked_links.toLocaleString()} links checked in{' '}
            {verify.chains.length} chain{verify.chains.length === 1 ? '' : 's'}
            {verify.first_broken ? `; first broken link: ${JSON.stringify(verify.first_broken)}` : ''}.
          </span>
        </Notice>
      )}

      {histogram.length > 0 && (
        <div class="panel">
          <BarChart
            caption={`Events per ${filters.interval}`}
            unit="events"
            bars={histogram.map((b) => ({ label: bucketLabel(b.key, filters.interval), value: b.count, title: `${when(b.key)}: ${b.count} events` }))}
          />
        </div>
      )}

      {page && page.hits.length === 0 && !loading && <p class="empty">No events match.</p>}
      {page && page.hits.length > 0 && (
        <>
          <table class="table audit">
            <caption>Events, newest first · page {pageNumber}</caption>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">User</th>
                <th scope="col">Action</th>
                <th scope="col">Outcome</th>
                <th scope="col">Resource</th>
                <th scope="col">Service</th>
                <th scope="col">Request</th>
              </tr>
            </thead>
            <tbody>
              {page.hits.map((doc, i) => (
                <tr key={doc.event?.id ?? i} data-action={doc.event?.action} data-resource={doc.resource?.id}>
                  <td><span class="nowrap">{when(doc['@timestamp'])}</span></td>
                  <td>{doc.user?.name ?? doc.user?.id ?? '—'}</td>
                  <td><span class="mono">{doc.event?.action ?? '—'}</span></td>
                  <td><span class={`outcome outcome-${outcomeOf(doc)}`}>{outcomeOf(doc)}</span></td>
                  <td class="resource" title={doc.message}>{doc.resource ? `${doc.resource.type ?? ''}/${doc.resource.id ?? ''}` : '—'}</td>
                  <td>{doc.service?.name ?? '—'}</td>
                  <td><span class="mono small" title={doc.http?.request?.id}>{doc.http?.request?.id?.slice(0, 8) ?? '—'}</span></td>
                </tr>
              ))}
            </tbody>
          </table>
          <nav class="pager" aria-label="Audit pages">
            <button type="button" class="button button-small" disabled={page.depth === 0 || loading}
              onClick={() => setCursor((c) => c.slice(0, page.depth - 1))}>Previous page</button>
            <span>Page {pageNumber}</span>
            <button type="button" class="button button-small" disabled={!page.next_search_after || loading}
              onClick={() => setCursor((c) => [...c.slice(0, page.depth), page.next_search_after!])}>Next page</button>
          </nav>
        </>
      )}
    </section>
  );
}
