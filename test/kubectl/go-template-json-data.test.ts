// kubectl's -o go-template runs on json.Marshal'd then apimachinery-json-decoded data: a JSON null
// is a nil interface{} (printed `<no value>`, as html/js/urlquery see it too) and an integral
// number is an int64 (`%!s(int64=1)`, `len of type int64`). Docker's typed data keeps `<nil>`/`int`.
// Compared with kubectl 1.30 offline (--dry-run=client needs no server).

import { spawnSync } from "node:child_process";
import { describe, expect, test } from "vitest";
import { Session } from "../../src/sim";
import { renderGoTemplate, compileGoTemplate } from "../../src/sim/cli/format";
import { hasKubectl, KUBECTL } from "./stub-apiserver";

const TEMPLATES = [
  "{{.metadata.creationTimestamp}}",
  "{{with .metadata}}{{.creationTimestamp}}{{end}}",
  "{{range .spec.template.spec.containers}}{{.name}}:{{.args}};{{end}}",
  "{{html .metadata.creationTimestamp}}|{{urlquery .metadata.creationTimestamp}}",
  '{{printf "%s" .spec.replicas}}',
  '{{printf "%d %v %s" .spec.replicas .metadata.creationTimestamp .status}}',
  '{{printf "%T|%5T|%T" .spec.replicas .metadata .metadata.creationTimestamp}}',
  "{{print .metadata.creationTimestamp}}",
  "{{len .spec.replicas}}",
  "{{index .spec.replicas 0}}",
  "{{slice .spec.replicas 1}}",
  "{{eq .spec.replicas 1}}",
  // A template's own literals (and len) are Go ints whatever the data.
  '{{printf "%s|%T|%T|%s" 3 2 (len .spec.template.spec.containers) .spec.replicas}}',
  '{{printf "%d" .spec.replicas 7 .metadata.name}}',
  '{{printf "%T %T" 2.5 .spec.replicas}}',
];

const argsOf = (t: string) => ["create", "deployment", "x", "--image=nginx", "--dry-run=client", "-o", `go-template=${t}`];

function sim(args: string[]) {
  const [step] = new Session({ seed: "tpl" }).run("kubectl " + args.map((a) => `'${a}'`).join(" "), { allowSim: true });
  return { stdout: step!.stdout, stderr: step!.stderr, exit: step!.exitCode };
}

describe("kubectl -o go-template over decoded JSON", () => {
  test("null is no value, numbers are int64", () => {
    expect(sim(argsOf(TEMPLATES[0]!)).stdout).toBe("<no value>");
    expect(sim(argsOf(TEMPLATES[4]!)).stdout).toBe("%!s(int64=1)");
    expect(sim(argsOf("{{len .spec.replicas}}")).stderr).toContain("len of type int64\n");
  });

  test("docker's typed data keeps <nil> and int", () => {
    const c = compileGoTemplate('{{.P}}|{{printf "%s" .N}}|{{printf "%T" .N}}', { name: "t" });
    if (!c.ok) throw new Error(c.error);
    const r = renderGoTemplate(c.tpl, { P: null, N: 2 }, { objects: "struct" });
    expect(r).toEqual({ ok: true, text: "<nil>|%!s(int=2)|int" });
  });

  test.skipIf(!hasKubectl)("prints what kubectl 1.30 prints", () => {
    for (const t of TEMPLATES) {
      const args = argsOf(t);
      const r = spawnSync(KUBECTL, args, { encoding: "utf8", env: { ...process.env, KUBECONFIG: "/nonexistent" } });
      expect({ t, ...sim(args) }).toEqual({ t, stdout: r.stdout, stderr: r.stderr, exit: r.status });
    }
  }, 60_000);
});
