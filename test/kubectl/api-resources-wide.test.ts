// kubectl api-resources -o wide: the VERBS and CATEGORIES columns, each list joined with commas as
// kubectl 1.30 prints them, and the --verbs / --categories filters. The layout is checked against
// the real kubectl 1.30 reading the simulator's discovery (served here from the same tables).

import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { Session } from "../../src/sim";
import { DISCOVERY, apiVersionOf } from "../../src/sim/k8s/api/kinds";
import { discoveryCategories, discoveryVerbs } from "../../src/sim/k8s/kubectl/api-resources";
import { hasKubectl, KUBECTL } from "./stub-apiserver";

const K8S = { hosts: [{ name: "cp", ip: "10.0.0.1" }], kubernetes: { controlPlane: ["cp"], workers: [] } };

function sim(command: string) {
  const [step] = new Session({ seed: "ar", cluster: K8S } as never).run(command, { allowSim: true });
  return { stdout: step!.stdout, stderr: step!.stderr, exit: step!.exitCode };
}

/** Legacy discovery of the simulator's resources, with their verbs and categories. */
async function realApiResources(args: string[]): Promise<{ stdout: string; stderr: string; exit: number }> {
  const gvs = [...new Set(DISCOVERY.map(apiVersionOf))];
  const groups = [...new Set(DISCOVERY.filter((k) => k.group).map((k) => k.group))];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://stub").pathname;
    const send = (body: unknown) => {
      res.setHeader("Content-Type", "application/json");
      res.end(JSON.stringify(body));
    };
    if (path === "/api") return send({ kind: "APIVersions", versions: ["v1"], serverAddressByClientCIDRs: [] });
    if (path === "/apis") {
      return send({
        kind: "APIGroupList", apiVersion: "v1",
        groups: groups.map((g) => {
          const gv = gvs.find((v) => v.startsWith(`${g}/`))!;
          const version = { groupVersion: gv, version: gv.slice(g.length + 1) };
          return { name: g, versions: [version], preferredVersion: version };
        }),
      });
    }
    const gv = path === "/api/v1" ? "v1" : path.replace(/^\/apis\//, "");
    send({
      kind: "APIResourceList", apiVersion: "v1", groupVersion: gv,
      resources: DISCOVERY.filter((k) => apiVersionOf(k) === gv).map((k) => ({
        name: k.resource, singularName: k.singular, namespaced: k.namespaced, kind: k.kind, verbs: discoveryVerbs(k),
        ...(k.shortNames.length ? { shortNames: k.shortNames } : {}),
        ...(discoveryCategories(k).length ? { categories: discoveryCategories(k) } : {}),
      })),
    });
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const dir = mkdtempSync(join(tmpdir(), "cg-ar-"));
  const config = join(dir, "config");
  writeFileSync(config, `apiVersion: v1\nkind: Config\nclusters: [{name: s, cluster: {server: "http://127.0.0.1:${(server.address() as AddressInfo).port}"}}]\ncontexts: [{name: s, context: {cluster: s}}]\ncurrent-context: s\nusers: []\n`);
  try {
    return await new Promise((ok) =>
      execFile(KUBECTL, args, { env: { ...process.env, KUBECONFIG: config, HOME: dir }, timeout: 30_000 }, (err, stdout, stderr) =>
        ok({ stdout, stderr, exit: err ? Number((err as { code?: number }).code ?? 1) : 0 }),
      ),
    );
  } finally {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("kubectl api-resources -o wide", () => {
  test("VERBS and CATEGORIES, comma-joined; an empty list an empty (padded) cell", () => {
    const r = sim("kubectl api-resources -o wide --api-group=apps");
    expect(r.stdout.split("\n").slice(0, 3)).toEqual([
      "NAME                  SHORTNAMES   APIVERSION   NAMESPACED   KIND                 VERBS                                                        CATEGORIES",
      "controllerrevisions                apps/v1      true         ControllerRevision   create,delete,deletecollection,get,list,patch,update,watch   ",
      "daemonsets            ds           apps/v1      true         DaemonSet            create,delete,deletecollection,get,list,patch,update,watch   all",
    ]);
    const core = sim("kubectl api-resources -o wide --api-group= --no-headers").stdout;
    expect(core).toMatch(/^bindings +v1 +true +Binding +create +\n/);
    expect(core).toMatch(/\nnamespaces +ns +v1 +false +Namespace +create,delete,get,list,patch,update,watch +\n/);
    expect(core).toMatch(/\nservices +svc +v1 +true +Service +create,delete,deletecollection,get,list,patch,update,watch +all\n/);
  });

  test("--verbs and --categories keep the resources that have them all", () => {
    expect(sim("kubectl api-resources --verbs=create --verbs=watch --categories=all -o name --api-group=batch").stdout).toBe("cronjobs.batch\njobs.batch\n");
    expect(sim("kubectl api-resources --verbs=create,get -o name --api-group=authorization.k8s.io").stdout).toBe("");
    expect(sim("kubectl api-resources --categories=api-extensions -o name").stdout).toBe(
      "mutatingwebhookconfigurations.admissionregistration.k8s.io\nvalidatingadmissionpolicies.admissionregistration.k8s.io\n" +
        "validatingadmissionpolicybindings.admissionregistration.k8s.io\nvalidatingwebhookconfigurations.admissionregistration.k8s.io\n" +
        "customresourcedefinitions.apiextensions.k8s.io\napiservices.apiregistration.k8s.io\n",
    );
  });

  test.skipIf(!hasKubectl)("prints what kubectl 1.30 prints from the same discovery", async () => {
    for (const args of [
      ["api-resources", "-o", "wide"],
      ["api-resources", "-o", "wide", "--sort-by=kind", "--namespaced=false"],
      ["api-resources", "-o", "wide", "--no-headers", "--verbs=create", "--categories=all"],
      ["api-resources", "--verbs=get,deletecollection", "--api-group="],
      ["api-resources", "-o", "wide", "--categories=nosuch"],
    ]) {
      const real = await realApiResources(args);
      expect({ args, ...sim(`kubectl ${args.join(" ")}`) }).toEqual({ args, ...real });
    }
  }, 60_000);
});
