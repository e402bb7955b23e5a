// The signed-in session and every call to the gateway's API.
//
// Tokens: the access token lives in memory only (a script-reachable store would outlive the tab);
// the refresh token lives in sessionStorage, so a reload of the same tab signs in again without a
// password, while closing the tab ends the session. Nothing goes to localStorage or a cookie.
// The access token is refreshed shortly before it expires, so requests do not fail with 401 first;
// a 401 anyway (e.g. revoked token) triggers one refresh and one retry.

export const ROLE_RANK: Record<string, number> = { user: 0, financial_advisor: 1, admin: 2, super_admin: 3 };

export interface Me {
  id: string;
  username: string;
  role: string;
  roles: string[];
  disabled?: boolean;
  created_at?: string;
}

interface Tokens {
  access_token: string;
  token_type: string;
  expires_in: number;
  refresh_token: string;
}

/** An RFC 9457 problem from the API, or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly requestId?: string,
  ) {
    super(message);
  }
}

const REFRESH_KEY = 'apfa.console.refresh_token';
const EARLY_REFRESH_MS = 60_000;

let accessToken: string | null = null;
let expiresAt = 0;
let refreshing: Promise<boolean> | null = null;
let refreshTimer: number | undefined;
const listeners = new Set<() => void>();

/** Called when the session ends without the user asking (refresh refused). */
export function onSessionLost(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function hasStoredSession(): boolean {
  return sessionStorage.getItem(REFRESH_KEY) !== null;
}

export function rank(role: string | undefined): number {
  return role !== undefined && role in ROLE_RANK ? ROLE_RANK[role] : -1;
}

export function highestRole(me: Me): string {
  const all = [me.role, ...(me.roles ?? [])].filter(Boolean);
  return all.reduce((best, r) => (rank(r) > rank(best) ? r : best), all[0] ?? 'user');
}

function store(tokens: Tokens): void {
  accessToken = tokens.access_token;
  expiresAt = Date.now() + tokens.expires_in * 1000;
  sessionStorage.setItem(REFRESH_KEY, tokens.refresh_token);
  window.clearTimeout(refreshTimer);
  const delay = Math.max(5_000, tokens.expires_in * 1000 - EARLY_REFRESH_MS);
  refreshTimer = window.setTimeout(() => void refresh(), delay);
}

function clear(): void {
  accessToken = null;
  expiresAt = 0;
  sessionStorage.removeItem(REFRESH_KEY);
  window.clearTimeout(refreshTimer);
}

async function problemOf(response: Response): Promise<ApiError> {
  let message = `${response.status} ${response.statusText}`.trim();
  let requestId = response.headers.get('x-request-id') ?? undefined;
  try {
    const body = await response.json();
    message = body.detail || body.title || message;
    requestId = body.request_id ?? requestId;
  } catch {
    // Not JSON (e.g. a proxy's error page): the status line is all there is.
  }
  return new ApiError(response.status, message, requestId);
}

async function send(path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, `The gateway cannot be reached (${(e as Error).message}).`);
  }
}

export async function login(username: string, password: string): Promise<void> {
  const response = await send('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) {
    throw await problemOf(response);
  }
  store(await response.json());
}

/** Rotates the refresh token; single-flight, since the old token is void after one use. */
export function refresh(): Promise<boolean> {
  if (refreshing) {
    return refreshing;
  }
  const refreshToken = sessionStorage.getItem(REFRESH_KEY);
  if (!refreshToken) {
    return Promise.resolve(false);
  }
  refreshing = (async () => {
    try {
      const response = await send('/api/auth/refresh', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refresh_token: refreshToken }),
      });
      if (!response.ok) {
        clear();
        listeners.forEach((l) => l());
        return false;
      }
      store(await response.json());
      return true;
    } catch {
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

export async function logout(): Promise<void> {
  const refreshToken = sessionStorage.getItem(REFRESH_KEY);
  clear();
  if (refreshToken) {
    // Best effort: the session is gone locally either way.
    await send('/api/auth/logout', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refresh_token: refreshToken }),
    }).catch(() => undefined);
  }
}

/** A fresh access token (refreshed first when about to expire), or null when signed out. */
export async function token(): Promise<string | null> {
  if (accessToken === null || Date.now() > expiresAt - 30_000) {
    await refresh();
  }
  return accessToken;
}

export async function apiFetch(path: string, init: RequestInit = {}): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    const bearer = await token();
    if (bearer === null) {
      throw new ApiError(401, 'You are signed out.');
    }
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${bearer}`);
    if (init.body && !headers.has('content-type')) {
      headers.set('content-type', 'application/json');
    }
    const response = await send(path, { ...init, headers });
    if (response.status === 401 && attempt === 0 && (await refresh())) {
      continue;
    }
    if (!response.ok) {
      throw await problemOf(response);
    }
    return response;
  }
}

export async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await apiFetch(path, init);
  if (response.status === 204) {
    return undefined as T;
  }
  return (await response.json()) as T;
}
