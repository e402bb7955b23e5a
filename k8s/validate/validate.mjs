// Validates one built overlay (the output of `kubectl kustomize`), offline:
//  1. every Kubernetes object against the Kubernetes OpenAPI schemas (npm kubernetes-models: types,
//     enums, required fields — it does not reject unknown fields);
//  2. every operator custom resource against operator-schemas.json (Strimzi, ECK, CloudNativePG);
//     an apiVersion/kind known to neither fails;
//  3. APFA's own rules: probes, resources, secrets only by reference, HPA + PDB per service, default-deny
//     NetworkPolicy, one KafkaTopic per contract topic with its partitions and replication 3.
// Usage: node validate.mjs <built.yaml> <Topic.java>
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import Ajv from 'ajv';

const [file, topicJava] = process.argv.slice(2);
const docs = parseAllDocuments(readFileSync(file, 'utf8')).map((d) => d.toJSON()).filter(Boolean);
const errors = [];
const fail = (obj, msg) => errors.push(`${obj.kind}/${obj.metadata?.name}: ${msg}`);

// 1 + 2: schemas
const schemas = JSON.parse(readFileSync(new URL('./operator-schemas.json', import.meta.url), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false });
const operatorValidators = {};
for (const [key, schema] of Object.entries(schemas)) {
  if (key.includes('/')) operatorValidators[key] = ajv.compile({ ...schema, definitions: schemas.definitions });
}
const counts = { kubernetes: 0, operator: 0 };
for (const obj of docs) {
  if (!obj.apiVersion || !obj.kind || !obj.metadata?.name) { fail(obj, 'apiVersion, kind and metadata.name are required'); continue; }
  const operatorKey = `${obj.apiVersion}/${obj.kind}`;
  if (operatorValidators[operatorKey]) {
    counts.operator++;
    if (!operatorValidators[operatorKey](obj)) {
      for (const e of operatorValidators[operatorKey].errors) fail(obj, `${e.instancePath || '/'} ${e.message}${e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : ''}`);
    }
    continue;
  }
  const modulePath = obj.apiVersion === 'v1' ? 'kubernetes-models/v1' : `kubernetes-models/${obj.apiVersion}`;
  let Model;
  try { Model = (await import(modulePath))[obj.kind]; } catch { Model = undefined; }
  if (!Model) { fail(obj, `no schema for ${obj.apiVersion} ${obj.kind}`); continue; }
  counts.kubernetes++;
  try { new Model(obj).validate(); } catch (e) { fail(obj, e.message); }
}

// 3: APFA rules
const byKind = (kind) => docs.filter((d) => d.kind === kind);
const secretLike = /(PASSWORD|SECRET|TOKEN|PRIVATE|ACCESS_KEY|SECRET_KEY|ENCRYPTION_KEY)/i;
const services = byKind('Deployment').filter((d) => d.spec.template.metadata?.labels?.['apfa.dev/part'] === 'service');
if (services.length !== 7) errors.push(`expected the seven service Deployments, found ${services.length}`);
for (const w of [...byKind('Deployment'), ...byKind('StatefulSet')]) {
  for (const c of [...(w.spec.template.spec.initContainers || []), ...w.spec.template.spec.containers]) {
    if (!c.resources?.requests?.cpu || !c.resources?.limits?.memory) fail(w, `container ${c.name}: cpu request and memory limit are required`);
    for (const e of c.env || []) {
      if (secretLike.test(e.name) && e.value !== undefined && e.value !== '') fail(w, `env ${e.name} must come from a secretKeyRef, not a value`);
    }
  }
}
for (const d of services) {
  const c = d.spec.template.spec.containers[0];
  if (c.livenessProbe?.httpGet?.path !== '/actuator/health/liveness') fail(d, 'liveness probe must be /actuator/health/liveness');
  if (c.readinessProbe?.httpGet?.path !== '/actuator/health/readiness') fail(d, 'readiness probe must be /actuator/health/readiness');
  if (!d.spec.template.spec.securityContext?.runAsNonRoot) fail(d, 'must run as non-root');
  if (!byKind('HorizontalPodAutoscaler').some((h) => h.spec.scaleTargetRef.name === d.metadata.name)) fail(d, 'has no HorizontalPodAutoscaler');
  const labels = d.spec.template.metadata.labels;
  if (!byKind('PodDisruptionBudget').some((p) => Object.entries(p.spec.selector.matchLabels || {}).every(([k, v]) => labels[k] === v))) fail(d, 'has no PodDisruptionBudget');
  const ns = d.metadata.namespace;
  if (!ns) fail(d, 'has no namespace (overlays set one)');
}
for (const cm of byKind('ConfigMap')) {
  for (const k of Object.keys(cm.data || {})) if (secretLike.test(k)) fail(cm, `key ${k} looks like a secret: use a Secret`);
}
if (byKind('Secret').length) errors.push('Secrets must not be in the manifests: they are created out of band (docs/operations.md)');
const denyAll = byKind('NetworkPolicy').find((p) => Object.keys(p.spec.podSelector || {}).length === 0 && p.spec.policyTypes?.includes('Ingress') && !p.spec.ingress);
if (!denyAll) errors.push('no default-deny NetworkPolicy (empty podSelector, Ingress, no rules)');

// The contract's topics (libs/contracts Topic) plus embedding-service's internal queue (docs/architecture.md).
const expected = new Map([['embedding-jobs', 12]]);
for (const m of readFileSync(topicJava, 'utf8').matchAll(/^\s+[A-Z_]+\("([a-z.-]+)",\s*(\d+),/gm)) expected.set(m[1], Number(m[2]));
if (expected.size < 5) errors.push(`could not read the topics from ${topicJava}`);
const topics = new Map(byKind('KafkaTopic').map((t) => [t.spec.topicName || t.metadata.name, t]));
for (const [name, partitions] of expected) {
  for (const t of [name, `${name}.DLT`]) {
    const kt = topics.get(t);
    if (!kt) { errors.push(`no KafkaTopic for ${t}`); continue; }
    if (kt.spec.partitions !== partitions) fail(kt, `partitions ${kt.spec.partitions}, the contract says ${partitions}`);
    if (kt.spec.replicas !== 3) fail(kt, 'replication must be 3');
  }
}
if (topics.size !== expected.size * 2) errors.push(`expected ${expected.size * 2} KafkaTopics, found ${topics.size}`);

if (errors.length) {
  for (const e of errors) console.error(`  INVALID ${e}`);
  console.error(`${file}: ${errors.length} problem(s) in ${docs.length} objects`);
  process.exit(1);
}
console.log(`${file}: ${docs.length} objects valid (${counts.kubernetes} against Kubernetes schemas, ${counts.operator} against operator schemas, APFA rules ok)`);
