// The catalogue: every pullable repository of images.md, in one ordered table. Lookup is by full
// repository name; "registry/namespace/*" entries cover a whole namespace (generic images).

import { appEntries } from "./apps";
import { baseEntries } from "./base";
import { debugEntries } from "./debug";
import type { CatalogueEntry } from "./common";
import { kubernetesEntries } from "./kubernetes";
import { miscEntries } from "./misc";
import { nginxEntries } from "./nginx";
import { nosqlEntries } from "./nosql";
import { sqlEntries } from "./sql";
import { webEntries } from "./web";

export type { CatalogueEntry, ImageData } from "./common";

export const CATALOGUE: readonly CatalogueEntry[] = [
  ...nginxEntries, ...webEntries, ...sqlEntries, ...nosqlEntries, ...baseEntries,
  ...kubernetesEntries, ...appEntries, ...miscEntries, ...debugEntries,
];

const byName = new Map<string, CatalogueEntry>();
const byNamespace = new Map<string, CatalogueEntry>();
for (const entry of CATALOGUE) {
  for (const name of entry.names) {
    const target = name.endsWith("/*") ? byNamespace : byName;
    const key = name.endsWith("/*") ? name.slice(0, -2) : name;
    if (target.has(key)) throw new Error(`catalogue: ${name} listed twice`);
    target.set(key, entry);
  }
}

/** The entry for a full repository name ("docker.io/library/nginx"), if the catalogue has it. */
export function findEntry(name: string): CatalogueEntry | undefined {
  const exact = byName.get(name);
  if (exact) return exact;
  const slash = name.lastIndexOf("/");
  return slash === -1 ? undefined : byNamespace.get(name.slice(0, slash));
}
