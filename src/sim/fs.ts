// A host's working directory: the submission's files plus whatever the student's commands
// write (`cat > deploy.yaml <<EOF`). Paths are normalised relative to the home directory.

export const MAX_FILE_BYTES = 1 << 20;

export class VirtualFs {
  private files = new Map<string, string>();
  /** Directories made explicitly (`mkdir`); others exist implicitly under the files they hold. */
  private dirs = new Set<string>();
  cwd = "/root";
  /** Bumped by every change (write, mkdir, remove): readers that scan a directory skip it while it stands. */
  version = 0;
  /**
   * When set, every path looked at or changed is added (directories listed as "DIR/"), so grading
   * can tell whether a scenario's setup depended on a file a submission brings (src/grading/snapshots.ts).
   */
  observed?: Set<string>;

  constructor(initial?: Record<string, string>) {
    for (const [p, c] of Object.entries(initial ?? {})) this.write(p, c);
  }

  resolve(path: string): string {
    let p = path;
    if (p.startsWith("~/")) p = "/root/" + p.slice(2);
    else if (p === "~") p = "/root";
    if (!p.startsWith("/")) p = `${this.cwd}/${p}`;
    const out: string[] = [];
    for (const seg of p.split("/")) {
      if (seg === "" || seg === ".") continue;
      if (seg === "..") out.pop();
      else out.push(seg);
    }
    return "/" + out.join("/");
  }

  read(path: string): string | undefined {
    const abs = this.resolve(path);
    if (abs === "/dev/null") return "";
    this.observed?.add(abs);
    return this.files.get(abs);
  }

  write(path: string, content: string): void {
    const abs = this.resolve(path);
    if (abs === "/dev/null") return;
    this.observed?.add(abs);
    this.version++;
    this.files.set(abs, content.slice(0, MAX_FILE_BYTES));
  }

  append(path: string, content: string): void {
    this.write(path, (this.read(path) ?? "") + content);
  }

  mkdir(path: string): void {
    this.observed?.add(this.resolve(path));
    this.version++;
    this.dirs.add(this.resolve(path));
  }

  remove(path: string): boolean {
    this.observed?.add(this.resolve(path));
    const abs = this.resolve(path);
    this.version++;
    let removed = this.files.delete(abs);
    for (const d of [...this.dirs]) {
      if (d === abs || d.startsWith(abs + "/")) removed = this.dirs.delete(d) || removed;
    }
    for (const k of [...this.files.keys()]) {
      if (k.startsWith(abs + "/")) removed = this.files.delete(k) || removed;
    }
    return removed;
  }

  exists(path: string): boolean {
    this.observed?.add(this.resolve(path));
    return this.files.has(this.resolve(path)) || this.isDir(path);
  }

  isDir(path: string): boolean {
    this.observed?.add(this.resolve(path));
    const abs = this.resolve(path);
    if (abs === this.cwd || MACHINE_DIRS.has(abs) || abs === "/") return true;
    for (const k of this.files.keys()) if (k.startsWith(abs + "/")) return true;
    for (const d of this.dirs) if (d === abs || d.startsWith(abs + "/")) return true;
    return false;
  }

  /** Files directly or indirectly under a directory, sorted (as `kubectl apply -f DIR` reads them). */
  list(dir: string, recursive = false): string[] {
    this.observed?.add(this.resolve(dir) + "/");
    const abs = this.resolve(dir);
    const prefix = abs === "/" ? "/" : abs + "/";
    return [...this.files.keys()]
      .filter((k) => k.startsWith(prefix) && (recursive || !k.slice(prefix.length).includes("/")))
      .sort();
  }

  /** Immediate children names (files and directories) of a directory, sorted. */
  entries(dir: string): string[] {
    this.observed?.add(this.resolve(dir) + "/");
    const abs = this.resolve(dir);
    const prefix = abs === "/" ? "/" : abs + "/";
    const names = new Set<string>();
    for (const k of [...this.files.keys(), ...this.dirs]) {
      if (k.startsWith(prefix)) names.add(k.slice(prefix.length).split("/")[0]!);
    }
    return [...names].sort();
  }

  /** Whether anything recorded in `observed` could have seen a file at absolute path `abs`. */
  static sawPath(observed: ReadonlySet<string>, abs: string): boolean {
    for (let p = abs; p.length > 0; p = p.slice(0, p.lastIndexOf("/"))) {
      if (observed.has(p) || observed.has(p + "/")) return true;
    }
    return observed.has("/");
  }

  clone(): VirtualFs {
    const copy = new VirtualFs();
    copy.files = new Map(this.files);
    copy.dirs = new Set(this.dirs);
    copy.cwd = this.cwd;
    copy.version = this.version;
    return copy;
  }
}

/** The directories every Linux machine has, though no file of its own lists them (`cd /tmp` works). */
const MACHINE_DIRS: ReadonlySet<string> = new Set([
  "/root", "/tmp", "/home", "/etc", "/var", "/var/lib", "/var/log", "/var/tmp", "/var/run", "/var/cache", "/usr", "/usr/bin",
  "/usr/sbin", "/usr/lib", "/usr/local", "/usr/local/bin", "/usr/share", "/opt", "/srv", "/mnt", "/media", "/bin", "/sbin",
  "/lib", "/lib64", "/boot", "/dev", "/proc", "/sys", "/run",
]);

/** Whether a path is one of those directories, or inside the kernel's /proc and /sys. */
export const isMachineSystemDir = (p: string): boolean => p === "/" || MACHINE_DIRS.has(p) || p.startsWith("/proc/") || p.startsWith("/sys/");
