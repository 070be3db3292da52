// A module cache of what is computed from a text alone (a parsed script, a decoded manifest): the
// same texts come back in every grade of a scenario and every submission of a class. Values are
// frozen (freezeConstant): every world that asks shares them. Bounded by the total length of the
// texts kept: when full, it starts over.

import { freezeConstant } from "./clone";

export class TextCache<V> {
  private readonly map = new Map<string, V>();
  private chars = 0;

  constructor(private readonly maxChars: number) {}

  /** The value for `text`, computed (and frozen) the first time. */
  get(text: string, compute: (text: string) => V): V {
    if (this.map.has(text)) return this.map.get(text) as V;
    const value = freezeConstant(compute(text));
    if (this.chars + text.length > this.maxChars) {
      this.map.clear();
      this.chars = 0;
    }
    this.map.set(text, value);
    this.chars += text.length;
    return value;
  }
}
