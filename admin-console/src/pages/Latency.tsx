/**
 * Search latency of index-service, when a metric for it is reachable through the gateway. None is
 * today (the services' Prometheus endpoints are not public, and no search API exposes metrics-*),
 * so the panel says so rather than draw something made up.
 */
export function LatencyPanel() {
  return (
    <div class="panel panel-muted">
      <h2>Search latency</h2>
      <p>No search-latency metric is reachable through the gateway, so no chart is drawn.</p>
    </div>
  );
}
