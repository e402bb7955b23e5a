// The live feed of task-events and batch-progress: WebSocket first, then Server-Sent Events, then
// plain polling by the pages (mode 'polling').
//
// Tokens, as the gateway takes them (gateway/README.md): a browser WebSocket cannot set an
// Authorization header, so the handshake offers the subprotocols ['apfa.bearer', <access token>]
// (a header the gateway does not log, unlike a query string). The SSE fallback is read with fetch()
// and a streamed body rather than EventSource, precisely so that it can send the Authorization
// header. Both streams end when the access token expires (WebSocket close 4401): the feed then
// reconnects with a fresh token.

import { token } from './session';

export type LiveMode = 'connecting' | 'websocket' | 'sse' | 'polling' | 'off';

/** One event as the gateway pushes it: CloudEvents type, subject and data (heartbeats have no data). */
export interface LiveEvent {
  type: string;
  subject?: string;
  data: Record<string, unknown>;
}

type Listener = (event: LiveEvent) => void;

const WS_PATH = '/ws/events';
const SSE_PATH = '/api/events/stream';
const SUBPROTOCOL = 'apfa.bearer';
const MAX_RETRIES = 3;

export function normalize(raw: unknown): LiveEvent | null {
  if (raw === null || typeof raw !== 'object') {
    return null;
  }
  const message = raw as Record<string, unknown>;
  if (typeof message.type !== 'string' || !message.data || typeof message.data !== 'object') {
    return null; // heartbeats and anything unknown
  }
  return {
    type: message.type,
    subject: typeof message.subject === 'string' ? message.subject : undefined,
    data: message.data as Record<string, unknown>,
  };
}

class LiveFeed {
  private listeners = new Set<Listener>();
  private modeListeners = new Set<(mode: LiveMode) => void>();
  private socket: WebSocket | null = null;
  private stream: AbortController | null = null;
  private failures = 0;
  private wsEverOpened = false;
  private stopped = true;
  private retryTimer: number | undefined;
  mode: LiveMode = 'off';

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onMode(listener: (mode: LiveMode) => void): () => void {
    this.modeListeners.add(listener);
    return () => this.modeListeners.delete(listener);
  }

  start(): void {
    if (!this.stopped) {
      return;
    }
    this.stopped = false;
    this.failures = 0;
    this.wsEverOpened = false;
    this.setMode('connecting');
    void this.openWebSocket();
  }

  stop(): void {
    this.stopped = true;
    window.clearTimeout(this.retryTimer);
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000, 'signed out');
    this.stream?.abort();
    this.stream = null;
    this.setMode('off');
  }

  private setMode(mode: LiveMode): void {
    if (mode === 'polling') {
      // Try to go live again now and then (e.g. after a gateway restart); pages poll meanwhile.
      window.clearTimeout(this.retryTimer);
      this.retryTimer = window.setTimeout(() => {
        this.failures = 0;
        this.wsEverOpened = false;
        void this.openWebSocket();
      }, 60_000);
    }
    if (this.mode !== mode) {
      this.mode = mode;
      this.modeListeners.forEach((l) => l(mode));
    }
  }

  private emit(text: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return; // not JSON: nothing for the console
    }
    const event = normalize(parsed);
    if (event) {
      this.listeners.forEach((l) => l(event));
    }
  }

  private retry(open: () => void): void {
    this.failures++;
    this.setMode('connecting');
    this.retryTimer = window.setTimeout(open, Math.min(15_000, 500 * 2 ** this.failures));
  }

  private async openWebSocket(): Promise<void> {
    const bearer = await token();
    if (this.stopped || bearer === null) {
      return;
    }
    const url = new URL(WS_PATH, window.location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    let opened = false;
    const socket = new WebSocket(url, [SUBPROTOCOL, bearer]);
    this.socket = socket;
    socket.onopen = () => {
      opened = true;
      this.wsEverOpened = true;
      this.failures = 0;
      this.setMode('websocket');
    };
    socket.onmessage = (message) => this.emit(String(message.data));
    socket.onclose = (close) => {
      if (this.socket !== socket || this.stopped) {
        return;
      }
      this.socket = null;
      if (!opened && (!this.wsEverOpened || this.failures >= MAX_RETRIES)) {
        // Never got through: no WebSocket on this gateway (or a proxy blocks upgrades).
        this.failures = 0;
        void this.openEventStream();
        return;
      }
      // 4401 (token expired), 1013 (too slow), 1001 (gateway restarting): reconnect, fresh token.
      if (close.code === 4401 || close.code === 1013) {
        this.failures = 0;
      }
      this.retry(() => void this.openWebSocket());
    };
  }

  private async openEventStream(): Promise<void> {
    const bearer = await token();
    if (this.stopped || bearer === null) {
      return;
    }
    const controller = new AbortController();
    this.stream = controller;
    let response: Response;
    try {
      response = await fetch(SSE_PATH, {
        headers: { authorization: `Bearer ${bearer}`, accept: 'text/event-stream' },
        signal: controller.signal,
        cache: 'no-store',
      });
    } catch {
      response = new Response(null, { status: 599 });
    }
    if (this.stopped || this.stream !== controller) {
      return;
    }
    const isStream = response.ok && response.body && (response.headers.get('content-type') ?? '').startsWith('text/event-stream');
    if (!isStream) {
      controller.abort();
      this.stream = null;
      this.setMode('polling');
      return;
    }
    this.failures = 0;
    this.setMode('sse');
    try {
      await this.readEvents(response.body!);
    } catch {
      // aborted or the connection dropped: decided below
    }
    if (this.stopped || this.stream !== controller) {
      return;
    }
    this.stream = null;
    if (this.failures >= MAX_RETRIES) {
      this.setMode('polling');
      return;
    }
    // The stream ends when the token expires or the gateway drops a slow client: reconnect.
    this.retry(() => void this.openEventStream());
  }

  /** A minimal text/event-stream reader: each event's data lines joined, comments ignored. */
  private async readEvents(body: ReadableStream<Uint8Array>): Promise<void> {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        return;
      }
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
        const data = block
          .split(/\r?\n/)
          .filter((line) => line.startsWith('data:'))
          .map((line) => line.slice(5).replace(/^ /, ''))
          .join('\n');
        if (data) {
          this.emit(data);
        }
      }
    }
  }
}

export const live = new LiveFeed();
