// Copying a whole world: grading boots the scenario's cluster and runs its setup once, keeps that
// world, and gives every submission its own deep copy (src/grading/snapshots.ts). The copy must be
// indistinguishable from a world built from scratch — same objects, same counters, same random
// streams — so a grade from a copy is byte-for-byte the grade from a fresh boot (a test checks it
// for every scenario, solution and wrong answer).
//
// cloneGraph copies any graph of plain objects, arrays, Maps, Sets and class instances (the
// prototype is kept), preserving sharing and cycles. Two things it cannot see, and how state
// declares them:
//   - module-level constants reached from the world (the image catalogue, CLI specs): markShared()
//     them; they are referenced, not copied. Functions are always shared, so a world must not
//     keep state in closures (subsystems are class instances for this reason). The one exception,
//     a container's shell running a script (a suspended generator and closures bound to its
//     process), makes the copy fail with UncloneableError, as does any built-in with hidden state.
//   - append-only logs of records never changed once written (the world's events): markShallow()
//     them; a copy gets a new array of the same records.
//   - state kept beside an object rather than in it (a controller's memory about a cluster): use a
//     SideTable instead of a WeakMap; its entries travel with the copy. Pure caches may stay in
//     WeakMaps: a copy starts with them empty and recomputes.
//   - data that never changes once made (a container's command line and mounted files, a pod's
//     spec, an event's subject): freezeData() it; a frozen object can change in no copy, so every
//     copy holds the same one. A copy of a world then costs what changes, not what is there.
//     Whole stored objects of kinds only ever replaced (Events, Services, ConfigMaps…) are frozen
//     by the store (k8s/store.ts STORED_FROZEN; store.editable() for the rare in-place edit), and
//     world objects that would stop a parent from freezing (a container's network hooks, its
//     filesystem) are kept beside the frozen data rather than inside it.
//   - a pure cache about frozen data (a template's fingerprint, a pod spec's resource requests)
//     is best keyed by that data in a module WeakMap: every copy holds the same frozen object, so
//     the cache serves every grade forked from a prepared world.
//   - many parts a copy may never use (the system pods' kubelet records): a DeferredCopyMap
//     copies each value when the copy first asks for it, for copies of kept stages only.
//   - a world that is never copied (the graded one) skips freezing for copies altogether
//     (withoutCopies); a module cache's entries are frozen with freezeConstant in every world.

import { DeferredCopyMap } from "./clone-deferred";

export { DeferredCopyMap };

const shared = new WeakSet<object>();

/**
 * Marks a constant and every plain object and array it reaches as shared by every copy of a world
 * (marking the parts too matters: another object may reference a part directly, e.g. a running
 * container's program plan taken from its image's facts).
 */
export function markShared<T extends object>(value: T): T {
  const mark = (v: unknown, depth: number): void => {
    if (typeof v !== "object" || v === null || shared.has(v) || depth > 64) return;
    shared.add(v);
    const proto = Object.getPrototypeOf(v) as object | null;
    if (proto === Array.prototype) for (const x of v as unknown[]) mark(x, depth + 1);
    else if (proto === Object.prototype) for (const k in v) mark((v as Record<string, unknown>)[k], depth + 1);
  };
  mark(value, 0);
  return value;
}

/** Whether a value is shared by every copy of a world (marked shared, or frozen): it never changes. */
export function isShared(value: object): boolean {
  return Object.isFrozen(value) || shared.has(value);
}

/**
 * markShared for a constant that lives inside world state (a part of stored objects): frozen as
 * well, so that code changing it in place fails at once instead of changing every world that
 * shares it.
 */
export function sharedConstant<T extends object>(value: T): T {
  return markShared(freezeConstant(value));
}

/**
 * Freezes a value and everything it reaches: code that then changes it in place fails at once.
 * For data the caller has just built (a computed status, copied options) so that copies of the
 * world share it — nothing in it is checked for being shared or carrying SideTable entries,
 * unlike freezeData. Like freezeData, it does nothing in a world that is never copied
 * (withoutCopies); a cache shared by every world freezes its entries with freezeConstant.
 */
export function deepFreeze<T>(value: T): T {
  return forCopies ? freezeConstant(value) : value;
}

/** Freezes a value and everything it reaches, always: a module cache's entries, shared constants. */
export function freezeConstant<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) freezeConstant(value[i]);
    } else {
      for (const k in value) freezeConstant((value as Record<string, unknown>)[k]);
    }
    Object.freeze(value);
  }
  return value;
}

/**
 * Whether data is being frozen so that copies of the world share it. A grade's world is a copy
 * that is never copied again: freezing what it makes would be pure cost (a tenth of a grade), so
 * grading runs it withoutCopies. Code must behave the same either way — it never changes data it
 * froze, and tells frozen data from its own only to decide whether to copy before a change
 * (thaw, store.editable) — and a test grades every scenario both ways.
 */
let forCopies = true;

/** Runs `fn` (synchronous: nothing else runs meanwhile) with freezing for copies off. */
export function withoutCopies<T>(fn: () => T): T {
  const saved = forCopies;
  forCopies = false;
  try {
    return fn();
  } finally {
    forCopies = saved;
  }
}

/**
 * Freezes a tree of plain data (objects and arrays) that will never change, so that copies of the
 * world share it; returns it. Only plain data is frozen: a part that is a class instance, a Map or
 * carries SideTable entries stays as it is, and so does every object above it (a frozen parent
 * would share it between copies). Code that then changes it in place fails at once (TypeError).
 */
export function freezeData<T>(value: T): T {
  return forCopies ? freezeKey(value) : value;
}

function freezable(value: object): boolean {
  if (Object.isFrozen(value)) return true;
  let all: boolean;
  if (Array.isArray(value)) {
    if (shared.has(value)) return true;
    all = !shallow.has(value);
    for (let i = 0; i < value.length; i++) {
      const x: unknown = value[i];
      if (typeof x === "object" && x !== null && !freezable(x)) all = false;
    }
  } else {
    if (Object.getPrototypeOf(value) !== Object.prototype) return false;
    if (shared.has(value)) return true;
    all = !(SIDE in value);
    for (const k in value) {
      const x = (value as Record<string, unknown>)[k];
      if (typeof x === "object" && x !== null && !freezable(x)) all = false;
    }
  }
  if (all) Object.freeze(value);
  return all;
}

/**
 * freezeData in every world, copied or not: for data a cache is keyed by (a pod template's
 * fingerprint is computed once per frozen template, controllers/hash.ts).
 */
export function freezeKey<T>(value: T): T {
  if (typeof value === "object" && value !== null) freezable(value);
  return value;
}

/** An unfrozen copy of frozen data, for code about to change it (shared constants stay shared). */
export function thaw<T>(value: T): T {
  if (typeof value !== "object" || value === null || !Object.isFrozen(value) || shared.has(value)) return value;
  if (Array.isArray(value)) return value.map(thaw) as T;
  const out: Record<string, unknown> = {};
  for (const k in value) out[k] = thaw((value as Record<string, unknown>)[k]);
  return out as T;
}

const shallow = new WeakSet<unknown[]>();

/**
 * Marks an append-only log of records that are never changed once added (the world's events and
 * command history): a copy gets its own array holding the same records.
 */
export function markShallow<T extends unknown[]>(log: T): T {
  shallow.add(log);
  return log;
}

/** Where SideTable entries live on their key (a non-enumerable property; JSON never sees it). */
export const SIDE = Symbol("side-tables");
/**
 * The objects carrying SIDE: cloneGraph asks this set rather than each object (a missing symbol
 * property looked up on objects of many shapes costs more than one hash lookup).
 */
const sided = new WeakSet<object>();

/** How cloneGraph treats a value that is an object. */
export type Treatment = "plain" | "array" | "log" | "shared" | "map" | "set" | "instance";

export function treatment(v: object): Treatment {
  const proto = Object.getPrototypeOf(v) as object | null;
  if (proto === Object.prototype) return Object.isFrozen(v) || shared.has(v) ? "shared" : "plain";
  if (proto === Array.prototype) return shallow.has(v as unknown[]) ? "log" : Object.isFrozen(v) || shared.has(v) ? "shared" : "array";
  if (shared.has(v)) return "shared";
  if (v instanceof Map) return "map";
  if (v instanceof Set) return "set";
  if (v instanceof WeakMap || v instanceof WeakSet || v instanceof Promise) {
    throw new UncloneableError(`cloneGraph: cannot copy a ${v.constructor.name} (use a SideTable)`);
  }
  if (v instanceof RegExp) {
    if (v.global || v.sticky) throw new UncloneableError("cloneGraph: a stateful RegExp is not copied");
    return "shared";
  }
  // Built-ins whose state lives in internal slots (a suspended generator — a container's shell
  // script between two steps —, a Date, a typed array) cannot be rebuilt from their properties.
  const tag = Object.prototype.toString.call(v);
  if (tag !== "[object Object]" && tag !== "[object Error]") throw new UncloneableError(`cloneGraph: cannot copy a ${tag.slice(8, -1)}`);
  return "instance";
}

/** A world holds state cloneGraph cannot copy (grading then boots afresh instead of forking). */
export class UncloneableError extends Error {}
let tableIds = 0;

/** A WeakMap-like table whose entries are copied along with their key by cloneGraph. */
export class SideTable<K extends object, V> {
  private readonly id = tableIds++;

  get(key: K): V | undefined {
    return (key as { [SIDE]?: Map<number, unknown> })[SIDE]?.get(this.id) as V | undefined;
  }

  has(key: K): boolean {
    return (key as { [SIDE]?: Map<number, unknown> })[SIDE]?.has(this.id) ?? false;
  }

  set(key: K, value: V): this {
    let m = (key as { [SIDE]?: Map<number, unknown> })[SIDE];
    if (!m) {
      m = new Map();
      Object.defineProperty(key, SIDE, { value: m, enumerable: false, writable: true, configurable: true });
      sided.add(key);
    }
    m.set(this.id, value);
    return this;
  }

  delete(key: K): boolean {
    return (key as { [SIDE]?: Map<number, unknown> })[SIDE]?.delete(this.id) ?? false;
  }
}

/**
 * A deep copy of `root` and everything it reaches (shared constants and functions excepted).
 * With `defer`, DeferredCopyMap values are copied when the copy first asks for them — only for a
 * source that never runs again (a kept stage) and that a full copy has proved copyable.
 */
export function cloneGraph<T>(root: T, opts: { defer?: boolean } = {}): T {
  const defer = opts.defer === true;
  const memo = new Map<object, unknown>();

  // Plain objects and arrays (nearly everything in a world) take the inline paths; the rest goes
  // through treatment(). Frozen data is checked before the memo: it is shared, never memoised.
  const copy = (v: object): unknown => {
    const proto = Object.getPrototypeOf(v) as object | null;
    if (proto === Object.prototype) {
      if (Object.isFrozen(v)) return v;
      const hit = memo.get(v);
      if (hit !== undefined) return hit;
      if (shared.has(v)) return v;
      // Spread keeps the source's shape (V8 copies it in one go); object fields are replaced after.
      const out: Record<string, unknown> = { ...(v as Record<string, unknown>) };
      memo.set(v, out);
      // for…in is safe here: `out`'s prototype is Object.prototype, which has no enumerable keys.
      for (const k in out) {
        const x = out[k];
        if (typeof x === "object" && x !== null) out[k] = copy(x);
      }
      return copySide(v, out);
    }
    if (proto === Array.prototype) {
      const hit = memo.get(v);
      if (hit !== undefined) return hit;
      if (shallow.has(v as unknown[])) {
        const out = markShallow((v as unknown[]).slice());
        memo.set(v, out);
        return out;
      }
      if (Object.isFrozen(v) || shared.has(v)) return v;
      const out = (v as unknown[]).slice();
      memo.set(v, out);
      for (let i = 0; i < out.length; i++) {
        const x = out[i];
        if (typeof x === "object" && x !== null) out[i] = copy(x);
      }
      return out;
    }
    const hit = memo.get(v);
    if (hit !== undefined) return hit;
    switch (treatment(v)) {
      case "instance": {
        if (v instanceof DeferredCopyMap) {
          const out = v.forked(copy, defer);
          memo.set(v, out);
          return out;
        }
        const out = Object.create(proto) as Record<string, unknown>;
        memo.set(v, out);
        const keys = Object.keys(v);
        for (let i = 0; i < keys.length; i++) {
          const x = (v as Record<string, unknown>)[keys[i]!];
          out[keys[i]!] = typeof x === "object" && x !== null ? copy(x) : x;
        }
        return copySide(v, out);
      }
      case "map": {
        const out = new Map();
        memo.set(v, out);
        for (const [k, x] of v as Map<unknown, unknown>) {
          out.set(typeof k === "object" && k !== null ? copy(k) : k, typeof x === "object" && x !== null ? copy(x) : x);
        }
        return out;
      }
      case "set": {
        const out = new Set();
        memo.set(v, out);
        for (const x of v as Set<unknown>) out.add(typeof x === "object" && x !== null ? copy(x) : x);
        return out;
      }
      default:
        return v; // "shared"; plain objects and arrays were handled above
    }
  };

  const copySide = (v: object, out: Record<string, unknown>): object => {
    if (!sided.has(v)) return out;
    const side = (v as { [SIDE]?: Map<number, unknown> })[SIDE];
    if (side !== undefined) {
      Object.defineProperty(out, SIDE, { value: copy(side), enumerable: false, writable: true, configurable: true });
      sided.add(out);
    }
    return out;
  };

  return (typeof root === "object" && root !== null ? copy(root) : root) as T;
}
