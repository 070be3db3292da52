// Real-world corpus (issue 4 "Real corpus"): every Kubernetes manifest in ../shared/corpus either
// applies on a fresh cluster, or is refused with the reason a real v1.30 API server / kubectl
// gives. Expectations come from each folder's expected.json; the kubernetes-website-examples and
// kubeconform tables below say which files are refused and why.

import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { Session } from "../../src/sim";

const repoRoot = path.resolve(__dirname, "../..");
const corpus = path.resolve(repoRoot, "../shared/corpus");
const have = existsSync(corpus);
/** Each case boots a cluster; the shared 2-core machine can be slow. */
const TIMEOUT = 60_000;

/** What stderr must contain for each kind of refusal. */
const MARKERS: Record<string, RegExp> = {
  "removed-api": /no matches for kind "[^"]+" in version "[^"]+"\nensure CRDs are installed first/,
  crd: /no matches for kind "[^"]+" in version "[^"]+"\nensure CRDs are installed first/,
  "unknown-field": /strict decoding error: unknown field "/,
  "yaml-error": /error converting YAML to JSON|error parsing/,
  schema: /cannot be handled as a|is invalid/,
  validation: /is invalid|Invalid value|Required value|Unsupported value|Forbidden/,
  "missing-kind": /(kind|apiVersion) not set/,
  "not-a-k8s-object": /(kind|apiVersion) not set|no matches for kind/,
  "no-objects": /^error: no objects passed to apply\n$/,
  "generate-name": /cannot use generate name with apply/,
};

/**
 * Where the folders' expected.json (written without a real cluster) differs from what kubectl
 * really does, ours wins, with the reason.
 */
const CORRECTIONS: Record<string, string[]> = {
  // Every line is a comment: kubectl apply finds no object and fails.
  "_archived/newrelic/newrelic-config.yaml": ["no-objects"],
};

interface Case {
  file: string;
  valid: boolean;
  codes: string[];
  namespaces: string[];
}

function applyFile(dir: string, rel: string, namespaces: string[]) {
  const text = readFileSync(path.join(dir, rel), "utf8");
  const s = new Session({ seed: `corpus:${rel}`, files: { "m.yaml": text } });
  const pre = namespaces.map((n) => `kubectl create namespace ${n}`).join("\n");
  if (pre) s.run(pre, { allowSim: true });
  const [step] = s.run("kubectl apply -f m.yaml", { allowSim: true });
  return step!;
}

function needsNamespaces(needs: string[] | undefined): string[] {
  return (needs ?? []).flatMap((n) => /namespace (\S+) must exist/.exec(n)?.[1] ?? []);
}

function expectedCases(folder: string): Case[] {
  const e = JSON.parse(readFileSync(path.join(corpus, folder, "expected.json"), "utf8"));
  return Object.entries(e.files as Record<string, any>)
    .filter(([, v]) => v.type === "kubernetes")
    .map(([file, v]) => ({
      file,
      valid: CORRECTIONS[file] ? false : v.verdict === "valid",
      codes: CORRECTIONS[file] ?? (v.problems ?? []).map((p: any) => (typeof p === "string" ? p : p.code)),
      namespaces: needsNamespaces(v.needs),
    }));
}

function check(dir: string, c: Case) {
  const step = applyFile(dir, c.file, c.namespaces);
  if (c.valid) {
    expect(step.stderr, c.file).not.toMatch(/error|Error from server/);
    expect(step.exitCode, `${c.file}: ${step.stderr}`).toBe(0);
  } else {
    expect(step.exitCode, `${c.file} should be refused`).toBe(1);
    const markers = c.codes.map((code) => MARKERS[code]).filter(Boolean) as RegExp[];
    expect(markers.some((m) => m.test(step.stderr)), `${c.file} [${c.codes.join(",")}]: ${step.stderr}`).toBe(true);
  }
}

for (const folder of ["kubernetes-examples", "microservices-demo", "example-voting-app"]) {
  describe.skipIf(!have || !existsSync(path.join(corpus, folder, "expected.json")))(`corpus ${folder}`, () => {
    const cases = have && existsSync(path.join(corpus, folder, "expected.json")) ? expectedCases(folder) : [];
    test.each(cases.map((c) => [c.file, c] as const))("%s", (_f, c) => check(path.join(corpus, folder), c), TIMEOUT);
  });
}

/** kubernetes-website-examples has no expected.json: every file applies except these. */
const WEBSITE_REFUSED: Record<string, string[]> = {
  // The stored version of this docs example lacks apiVersion: kubectl's client-side check.
  "pods/inject/pod-single-secret-env-variable.yaml": ["missing-kind"],
};

/** Namespaces a website example expects to exist already (the docs create them first). */
const WEBSITE_NEEDS: Record<string, string[]> = {
  "pods/qos/qos-pod.yaml": ["qos-example"],
  "pods/resource/cpu-request-limit.yaml": ["cpu-example"],
  "pods/resource/memory-request-limit.yaml": ["mem-example"],
};

function walk(dir: string, base = dir): string[] {
  return readdirSync(dir).sort().flatMap((n) => {
    const p = path.join(dir, n);
    if (statSync(p).isDirectory()) return walk(p, base);
    return /\.(ya?ml|json)$/.test(n) && n !== "expected.json" ? [path.relative(base, p)] : [];
  });
}

describe.skipIf(!have)("corpus kubernetes-website-examples", () => {
  const dir = path.join(corpus, "kubernetes-website-examples");
  const files = have && existsSync(dir) ? walk(dir) : [];
  test.each(files)("%s", (file) =>
    check(dir, { file, valid: !WEBSITE_REFUSED[file], codes: WEBSITE_REFUSED[file] ?? [], namespaces: WEBSITE_NEEDS[file] ?? [] }), TIMEOUT);
});

/**
 * kubeconform's fixtures state what a schema validator expects; a real API server differs in
 * places, so the expectation per file is ours, with the reason.
 */
const KUBECONFORM_REFUSED: Record<string, string[]> = {
  // Schema errors (string replicas / ports): the server's decoder refuses them.
  "invalid.yaml": ["schema"],
  "multi_invalid.yaml": ["schema"],
  "list_invalid.yaml": ["schema"],
  // kubectl's client-side check: kind / apiVersion not set.
  "missing_kind.yaml": ["missing-kind"],
  "missing_kind_value.yaml": ["missing-kind"],
  "missing_apiversion.yaml": ["missing-kind"],
  "multi_invalid_resources.yaml": ["missing-kind"],
  // DaemonSet selector k8s-app=nginx-ds with an unlabelled template: the server's validation
  // refuses it (and strict decoding the extra / duplicate field).
  "extra_property.yaml": ["unknown-field", "validation"],
  "duplicate_property.yaml": ["unknown-field", "validation", "yaml-error"],
  // apps/v1beta1 is not served any more; SkipThisKind is no kind at all.
  "same-kind-different-api.yaml": ["removed-api"],
  "duplicates-skipped-kinds.yaml": ["crd"],
  // `kubectl apply` refuses generateName (only `create` honours it).
  "generate_name.yaml": ["generate-name"],
  // Custom resources without their CRD installed.
  "test_crd.yaml": ["crd"],
  "httpproxy.yaml": ["crd"],
  "grafana-alert-rule-group-sample.yaml": ["crd"],
  "crd_schema.yaml": ["crd"],
};

/** Namespaces the kubeconform fixtures put objects in (a fresh cluster has only the defaults). */
const KUBECONFORM_NEEDS: Record<string, string[]> = {
  "duplicates-with-namespace-default.yaml": ["the-default-namespace"],
  "duplicates-with-namespace.yaml": ["x"],
  "full_domain_group.yaml": ["dev2"],
  "same-object-different-namespace-default.yaml": ["a", "the-default-namespace"],
  "same-object-different-namespace.yaml": ["a", "b"],
};

describe.skipIf(!have)("corpus kubeconform-fixtures", () => {
  const dir = path.join(corpus, "kubeconform-fixtures");
  const files = have && existsSync(dir) ? walk(dir).filter((f) => !f.startsWith("registry/") && !f.endsWith("_v1beta1.json")) : [];
  test.each(files)("%s", (file) => {
    const codes = KUBECONFORM_REFUSED[file];
    const step = applyFile(dir, file, KUBECONFORM_NEEDS[file] ?? []);
    if (!codes) {
      // Duplicates in one file: the second apply of the same object is "unchanged"/"configured", not an error.
      if (/^(blank|comment|list_empty_valid)\.yaml$/.test(file)) {
        expect(step.stderr).toContain("no objects passed to apply");
        return;
      }
      expect(step.exitCode, `${file}: ${step.stderr}`).toBe(0);
    } else {
      expect(step.exitCode, file).toBe(1);
      expect(codes.some((c) => MARKERS[c]!.test(step.stderr)), `${file} [${codes}]: ${step.stderr}`).toBe(true);
    }
  }, TIMEOUT);
});
