// cloneGraph: the deep copy grading forks prepared worlds with (src/sim/clone.ts).
import { describe, expect, it } from "vitest";
import { cloneGraph, markShared, SideTable } from "../../src/sim/clone";
import { Session } from "../../src/sim";

class Counter {
  n = 0;
  bump(): number {
    return ++this.n;
  }
}

describe("cloneGraph", () => {
  it("copies objects, arrays, Maps and Sets, keeping prototypes, sharing and cycles", () => {
    const c = new Counter();
    const root: Record<string, unknown> = { c, again: c, list: [1, "a", { x: 1 }], m: new Map([["k", c]]), s: new Set([c]) };
    root["self"] = root;
    const copy = cloneGraph(root);
    expect(copy).not.toBe(root);
    expect(copy["self"]).toBe(copy);
    const cc = copy["c"] as Counter;
    expect(cc).toBeInstanceOf(Counter);
    expect(cc).not.toBe(c);
    expect(copy["again"]).toBe(cc);
    expect((copy["m"] as Map<string, Counter>).get("k")).toBe(cc);
    expect([...(copy["s"] as Set<Counter>)][0]).toBe(cc);
    cc.bump();
    expect(c.n).toBe(0);
    expect(copy["list"]).toEqual([1, "a", { x: 1 }]);
  });

  it("references shared constants and functions instead of copying them", () => {
    const table = markShared({ nginx: { port: 80 } });
    const fn = () => 1;
    const copy = cloneGraph({ table, fn });
    expect(copy.table).toBe(table);
    expect(copy.fn).toBe(fn);
  });

  it("shares the parts of a shared constant too, when reached another way", () => {
    const image = markShared({ programs: [{ name: "nginx", ports: [80] }] });
    const running = { image, plan: image.programs[0]!, own: { ports: [80] } };
    const copy = cloneGraph(running);
    expect(copy.plan).toBe(image.programs[0]);
    const list = markShared([{ name: "a" }]);
    expect(cloneGraph({ list }).list).toBe(list);
    expect(copy.own).not.toBe(running.own);
  });

  it("carries SideTable entries with their key, out of sight of JSON", () => {
    const t = new SideTable<object, { seen: number }>();
    const key = { name: "a" };
    t.set(key, { seen: 1 });
    expect(JSON.stringify(key)).toBe('{"name":"a"}');
    const copy = cloneGraph({ key }).key;
    expect(t.get(copy)).toEqual({ seen: 1 });
    t.get(copy)!.seen = 2;
    expect(t.get(key)!.seen).toBe(1);
    expect(t.delete(copy)).toBe(true);
    expect(t.has(copy)).toBe(false);
    expect(t.has(key)).toBe(true);
  });

  it("refuses state it cannot see into", () => {
    expect(() => cloneGraph({ w: new WeakMap() })).toThrow(/SideTable/);
    expect(() => cloneGraph({ r: /x/g })).toThrow(/RegExp/);
  });
});

describe("Session.fork", () => {
  it("goes on independently, exactly as the original would", () => {
    const cluster = { hosts: [{ name: "m1", ip: "10.0.0.1" }, { name: "w1", ip: "10.0.0.2" }], swarm: { managers: ["m1"], workers: ["w1"] } };
    const a = new Session({ cluster, seed: "fork" });
    a.run("docker service create --name web --replicas 2 nginx", { allowSim: false });
    const b = a.fork();
    const script = "docker service scale web=4\ndocker service ps web\nsleep 30\ndocker node ls";
    const fromB = b.run(script, { allowSim: false });
    const fromA = a.run(script, { allowSim: false });
    expect(fromB).toEqual(fromA);
    expect(b.world.snapshot()).toEqual(a.world.snapshot());
  });
});
