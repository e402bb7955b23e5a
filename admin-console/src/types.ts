// Wire shapes of the services' admin APIs (snake_case, as ARCHITECTURE.md fixes for every public body).

export type TaskStatus = 'QUEUED' | 'RUNNING' | 'COMPLETED' | 'FAILED';

/** embedding-service BatchController.BatchView */
export interface Batch {
  batch_id: string;
  status: TaskStatus;
  source_table: string;
  source_version: number;
  model: string;
  total: number;
  processed: number;
  skipped: number;
  failed: number;
  work_items?: number;
  embeddings_table?: string;
  embeddings_version?: number;
  error?: string;
  created_by?: string;
  created_at: string;
  started_at?: string;
  completed_at?: string;
  errors?: { doc_id: string; message: string }[];
}

/** The batch-progress event (schema batch-progress.v1). */
export interface BatchProgress {
  batch_id: string;
  processed: number;
  failed: number;
  total: number;
  docs_per_second: number;
  eta_seconds?: number;
}

/** index-service Manifest */
export interface Manifest {
  index_name: string;
  version: number;
  build_id?: string;
  source_table: string;
  source_version: number;
  model: string;
  metric?: string;
  index_type: string;
  dimension?: number;
  parameters?: { nlist?: number; nprobe?: number };
  ntotal: number;
  recall_at_10: number;
  recall_queries?: number;
  created_at: string;
}

export interface IndexListing {
  index_name: string;
  active_version?: number;
  versions: { version: number; active: boolean; manifest: Manifest | null }[];
}

export interface BuildTask {
  build_id: string;
  index_name: string;
  status: TaskStatus;
  version?: number;
  recall_at_10?: number;
  failure_code?: string;
  reason?: string;
  created_at: string;
  updated_at: string;
}

export interface Activation {
  index_name: string;
  version: number;
  previous_version?: number;
  rollback: boolean;
}

/** search-service Searcher.Page over audit-logs (documents in ECS field names). */
export interface AuditPage {
  total: number;
  hits: AuditDoc[];
  next_search_after: string | null;
  aggregations: Record<string, { key: string; count: number }[]>;
}

export interface AuditDoc {
  '@timestamp': string;
  message?: string;
  event?: { id?: string; action?: string; outcome?: string; reason?: string };
  user?: { id?: string; name?: string; roles?: string[] };
  resource?: { type?: string; id?: string };
  service?: { name?: string };
  source?: { ip?: string };
  http?: { request?: { id?: string } };
  apfa?: { outcome?: string; chain?: number; chain_seq?: number };
}

/** audit-service ChainVerifier.Report */
export interface VerifyReport {
  status: string;
  checked_links: number;
  first_broken: unknown;
  chains: { chain: number; checked_links: number; first_broken: unknown }[];
}
