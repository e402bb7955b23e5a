// Path routes under the base (/admin/): the gateway answers index.html for any of them, so a reload
// or a shared link lands on the same page.
import { useEffect, useState } from 'preact/hooks';

export const BASE = import.meta.env.BASE_URL; // '/admin/'
export const PAGES = ['batches', 'indexes', 'audit', 'health'] as const;
export type Page = (typeof PAGES)[number];

export function currentPage(): Page {
  const rest = window.location.pathname.startsWith(BASE) ? window.location.pathname.slice(BASE.length) : '';
  const first = rest.split('/')[0] as Page;
  return PAGES.includes(first) ? first : 'batches';
}

export function navigate(page: Page): void {
  const target = BASE + page;
  if (window.location.pathname !== target) {
    window.history.pushState({}, '', target);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }
}

export function usePage(): Page {
  const [page, setPage] = useState<Page>(currentPage());
  useEffect(() => {
    const update = () => setPage(currentPage());
    window.addEventListener('popstate', update);
    return () => window.removeEventListener('popstate', update);
  }, []);
  return page;
}
