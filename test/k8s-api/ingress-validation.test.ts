// Ingress validation as networking/validation ValidateIngressSpec has it (v1.30): backends
// (exactly one of service/resource; a port name or number), hosts (no IPs, wildcards only as
// "*."), path types and their paths, TLS hosts and secret names, the class name.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

const ingress = (name: string, spec: string[]) =>
  ["apiVersion: networking.k8s.io/v1", "kind: Ingress", `metadata: {name: ${name}}`, "spec:", ...spec.map((l) => `  ${l}`)].join("\n") + "\n";
/** One rule (with a host when given) with one path. */
const rule = (host: string | undefined, path: string, pathType: string, backend: string) => [
  "rules:", ...(host ? [`- host: '${host}'`, "  http:"] : ["- http:"]), "    paths:", `    - path: ${path}`, `      pathType: ${pathType}`, `      backend: ${backend}`,
];

function apply(spec: string[]): string {
  const s = new Session({ seed: "ingress-validation", files: { "i.yaml": ingress("web", spec) } });
  return s.run("kubectl apply -f i.yaml", { allowSim: true })[0]!.stderr;
}

const SUBDOMAIN = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

describe("Ingress validation", () => {
  it("a service backend needs a port name or number, not both", () => {
    expect(apply(rule(undefined, "/", "Prefix", "{service: {name: web}}"))).toBe(
      'The Ingress "web" is invalid: spec.rules[0].http.paths[0].backend: Required value: port name or number is required\n');
    expect(apply(rule(undefined, "/", "Prefix", "{service: {name: web, port: {name: http, number: 80}}}"))).toBe(
      'The Ingress "web" is invalid: spec.rules[0].http.paths[0].backend: Invalid value: "": cannot set both port name & port number\n');
    expect(apply(rule(undefined, "/", "Prefix", "{}"))).toBe(
      'The Ingress "web" is invalid: spec.rules[0].http.paths[0].backend: Invalid value: "": resource or service backend is required\n');
  });

  it("hosts are DNS names: not IPs, wildcards only as a leading '*.'", () => {
    expect(apply(rule("10.0.0.1", "/", "Prefix", "{service: {name: web, port: {number: 80}}}"))).toBe(
      'The Ingress "web" is invalid: spec.rules[0].host: Invalid value: "10.0.0.1": must be a DNS name, not an IP address\n');
    expect(apply(rule("*.example.com", "/", "Prefix", "{service: {name: web, port: {number: 80}}}"))).toBe("");
    expect(apply(rule("foo.*.com", "/", "Prefix", "{service: {name: web, port: {number: 80}}}"))).toMatch(
      /^The Ingress "web" is invalid: spec\.rules\[0\]\.host: Invalid value: "foo\.\*\.com": a wildcard DNS-1123 subdomain must start with '\*\.', /);
  });

  it("Exact and Prefix paths are absolute and clean; the service name is a DNS-1035 label", () => {
    expect(apply(rule(undefined, "/a//b", "Exact", "{service: {name: web, port: {number: 80}}}"))).toBe(
      `The Ingress "web" is invalid: spec.rules[0].http.paths[0].path: Invalid value: "/a//b": must not contain '//'\n`);
    expect(apply(rule(undefined, "/", "Prefix", "{service: {name: Web, port: {number: 80}}}"))).toMatch(
      /^The Ingress "web" is invalid: spec\.rules\[0\]\.http\.paths\[0\]\.backend\.service\.name: Invalid value: "Web": a DNS-1035 label /);
  });

  it("neither rules nor a default backend; a bad class name", () => {
    expect(apply(["ingressClassName: nginx"])).toBe(
      'The Ingress "web" is invalid: spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified\n');
    expect(apply(["ingressClassName: Bad_Class", "defaultBackend: {service: {name: web, port: {number: 80}}}"])).toBe(
      `The Ingress "web" is invalid: spec.ingressClassName: Invalid value: "Bad_Class": ${SUBDOMAIN}\n`);
  });
});
