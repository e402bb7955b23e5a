// Formatting shared by the pages: dates in the reader's locale, durations, rates.

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const number = new Intl.NumberFormat(undefined);

export function when(iso: string | undefined | null): string {
  if (!iso) {
    return '—';
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

export function count(n: number | undefined | null): string {
  return n === undefined || n === null ? '—' : number.format(n);
}

export function rate(docsPerSecond: number | undefined): string {
  return docsPerSecond === undefined ? '—' : `${docsPerSecond.toFixed(docsPerSecond < 10 ? 1 : 0)} docs/s`;
}

export function duration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) {
    return '—';
  }
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) {
    return `${s} s`;
  }
  if (s < 3600) {
    return `${Math.floor(s / 60)} min ${s % 60} s`;
  }
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

export function shortId(id: string): string {
  return id.length > 8 ? id.slice(0, 8) : id;
}

export function percent(done: number, total: number): number {
  if (total <= 0) {
    return 0;
  }
  return Math.min(100, Math.floor((done / total) * 100));
}
