// DeferredCopyMap: the part of a world copy (src/sim/clone.ts) made only when first used.

/**
 * A Map whose values a copy of the world copies only when the copy first asks for one: the copy
 * starts with the source's value objects (which are never changed again: a world that is copied
 * is a kept stage, never run) and `get` replaces one by its own deep copy, made with the same
 * cloneGraph run as the rest of the copy, so whatever it shares with the rest of the world stays
 * shared. `peek` reads without copying — for code that only reads (a kubelet pass looking for
 * pods with work due), never for code that changes the value or calls its methods.
 *
 * A grade touches a few of its world's kubelet records; the system pods' records (their
 * containers, processes, filesystems and logs: half of a prepared Kubernetes world's objects)
 * are then never copied at all.
 */
export class DeferredCopyMap<K, V extends object> {
  private readonly entries = new Map<K, V>();
  /** Keys whose value is still the source world's object. */
  private pending?: Set<K>;
  /** The cloneGraph run that made this copy (its memo maps the source's objects to this world's). */
  private copyFn?: (v: object) => unknown;

  has(key: K): boolean {
    return this.entries.has(key);
  }

  /** The value, this world's own (copied now if it was still the source's). */
  get(key: K): V | undefined {
    const v = this.entries.get(key);
    if (v !== undefined && this.pending?.delete(key)) {
      const own = this.copyFn!(v) as V;
      this.entries.set(key, own);
      return own;
    }
    return v;
  }

  /** The value without copying it: read its fields, never change it nor call its methods. */
  peek(key: K): Readonly<V> | undefined {
    return this.entries.get(key);
  }

  set(key: K, value: V): this {
    this.pending?.delete(key);
    this.entries.set(key, value);
    return this;
  }

  delete(key: K): boolean {
    this.pending?.delete(key);
    return this.entries.delete(key);
  }

  keys(): IterableIterator<K> {
    return this.entries.keys();
  }

  /** cloneGraph's copy of this map: the same values, each copied now or when first asked for. */
  forked(copy: (v: object) => unknown, defer: boolean): DeferredCopyMap<K, V> {
    // A copy of a copy: this world's values first become its own (the source world's copy
    // function is not carried over), then the new copy defers them.
    if (this.pending?.size) for (const k of [...this.pending]) this.get(k);
    const out = new DeferredCopyMap<K, V>();
    for (const [k, v] of this.entries) out.entries.set(k, defer ? v : (copy(v) as V));
    if (defer) {
      out.pending = new Set(this.entries.keys());
      out.copyFn = copy;
    }
    return out;
  }
}
