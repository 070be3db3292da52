// Seeded stand-ins for swarmkit's identity generators: object IDs, join tokens, unlock keys and
// the random "adjective_surname" names docker gives unnamed services.

import type { Rng } from "../../rng";

/** SWMTKN-1-<50 base36 (CA digest)>-<25 base36 secret>. */
export function joinToken(caDigest: string, rng: Rng): string {
  return `SWMTKN-1-${caDigest}-${rng.base36(25)}`;
}

/** SWMKEY-1-<43 chars of unpadded base64 of 32 bytes>. */
export function unlockKey(rng: Rng): string {
  // 32 bytes → 43 base64 chars; the last char carries only 4 bits: A, Q, g or w.
  return `SWMKEY-1-${rng.base64(42)}${rng.pick(["A", "Q", "g", "w"])}`;
}

export const isWellFormedJoinToken = (t: string): boolean =>
  /^SWMTKN-1-[0-9a-z]{50}-[0-9a-z]{25}$/.test(t) || /^SWMTKN-2-1-[0-9a-z]{50}-[0-9a-z]{25}$/.test(t);

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/**
 * The key bytes of a human-readable unlock key, as swarmkit's encryption.ParseHumanReadableKey
 * reads them: "SWMKEY-1-" then unpadded standard base64 of any length Go's RawStdEncoding
 * accepts (CR/LF skipped, a lone trailing char refused, unused low bits ignored); undefined for
 * "invalid key string". A well-formed key of the wrong length is still a key: it fails later, as
 * the wrong key ("invalid key provided").
 */
export function parseUnlockKey(k: string): number[] | undefined {
  const PREFIX = "SWMKEY-1-";
  if (!k.startsWith(PREFIX)) return undefined;
  const chars = k.slice(PREFIX.length).replace(/[\r\n]/g, "");
  if (chars.length % 4 === 1) return undefined;
  const bytes: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const ch of chars) {
    const v = B64.indexOf(ch);
    if (v < 0) return undefined;
    acc = ((acc << 6) | v) & 0xffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((acc >> bits) & 0xff);
    }
  }
  return bytes;
}

/** Whether two unlock keys decode to the same key bytes (what unlocking compares). */
export function sameUnlockKey(a: string, b: string): boolean {
  const x = parseUnlockKey(a);
  const y = parseUnlockKey(b);
  return !!x && !!y && x.length === y.length && x.every((v, i) => v === y[i]);
}

// docker/docker pkg/namesgenerator (a subset; the real list is longer).
const LEFT = [
  "admiring", "adoring", "affectionate", "agitated", "amazing", "angry", "awesome", "beautiful",
  "blissful", "bold", "boring", "brave", "busy", "charming", "clever", "compassionate", "competent",
  "confident", "cool", "cranky", "crazy", "dazzling", "determined", "distracted", "dreamy", "eager",
  "ecstatic", "elastic", "elated", "elegant", "eloquent", "epic", "exciting", "fervent", "festive",
  "flamboyant", "focused", "friendly", "frosty", "funny", "gallant", "gifted", "goofy", "gracious",
  "great", "happy", "hardcore", "heuristic", "hopeful", "hungry", "infallible", "inspiring",
  "intelligent", "interesting", "jolly", "jovial", "keen", "kind", "laughing", "loving", "lucid",
  "magical", "modest", "musing", "mystifying", "naughty", "nervous", "nice", "nifty", "nostalgic",
  "objective", "optimistic", "peaceful", "pedantic", "pensive", "practical", "priceless", "quirky",
  "quizzical", "recursing", "relaxed", "reverent", "romantic", "sad", "serene", "sharp", "silly",
  "sleepy", "stoic", "strange", "stupefied", "suspicious", "sweet", "tender", "thirsty", "trusting",
  "unruffled", "upbeat", "vibrant", "vigilant", "vigorous", "wizardly", "wonderful", "xenodochial",
  "youthful", "zealous", "zen",
];
const RIGHT = [
  "agnesi", "albattani", "allen", "almeida", "archimedes", "ardinghelli", "aryabhata", "austin",
  "babbage", "banach", "bardeen", "bartik", "bassi", "bell", "benz", "bhabha", "bhaskara", "blackwell",
  "bohr", "booth", "borg", "bose", "boyd", "brahmagupta", "brattain", "brown", "carson", "cerf",
  "chandrasekhar", "chatelet", "chatterjee", "clarke", "colden", "cori", "cray", "curie", "darwin",
  "davinci", "dijkstra", "dubinsky", "easley", "edison", "einstein", "elion", "engelbart", "euclid",
  "euler", "fermat", "fermi", "feynman", "franklin", "gagarin", "galileo", "gauss", "goldberg",
  "goodall", "gould", "hamilton", "hawking", "heisenberg", "hermann", "hodgkin", "hofstadter",
  "hopper", "hugle", "hypatia", "jackson", "jang", "jennings", "jepsen", "johnson", "joliot",
  "kalam", "kapitsa", "keldysh", "keller", "kepler", "khorana", "kilby", "knuth", "kowalevski",
  "lalande", "lamarr", "lamport", "leakey", "leavitt", "lehmann", "lewin", "lichterman", "liskov",
  "lovelace", "lumiere", "mahavira", "mayer", "mccarthy", "mcclintock", "mclean", "meitner",
  "mendel", "mendeleev", "merkle", "minsky", "mirzakhani", "montalcini", "moore", "morse", "napier",
  "nash", "neumann", "newton", "nobel", "noether", "northcutt", "noyce", "panini", "pare", "pascal",
  "pasteur", "payne", "perlman", "pike", "poincare", "poitras", "ptolemy", "raman", "ramanujan",
  "ride", "ritchie", "robinson", "roentgen", "rosalind", "rubin", "saha", "sammet", "shannon",
  "shaw", "shirley", "shockley", "sinoussi", "snyder", "spence", "stonebraker", "sutherland",
  "swanson", "swartz", "tesla", "thompson", "torvalds", "turing", "varahamihira", "villani",
  "visvesvaraya", "volhard", "wescoff", "wilbur", "wiles", "williams", "wilson", "wing", "wozniak",
  "wright", "wu", "yalow", "yonath", "zhukovsky",
];

export function randomName(rng: Rng): string {
  const name = `${rng.pick(LEFT)}_${rng.pick(RIGHT)}`;
  return name === "boring_wozniak" ? randomName(rng) : name; // "Steve Wozniak is not boring"
}
