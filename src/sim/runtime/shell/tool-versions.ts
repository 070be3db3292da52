// `npm --version`, `go version`, `psql --version`…: what an image's own tools answer, read from
// the ENV its Dockerfile sets (NODE_VERSION, PYTHON_VERSION, GOLANG_VERSION, PG_VERSION,
// MYSQL_VERSION, REDIS_VERSION, YARN_VERSION). Without that variable the tool is not the image's
// own (installed later, or another image's), and the command goes on as before.

/** The npm each Node.js release bundles (its last release per line, as the images carry them). */
const NPM_OF_NODE: Record<string, string> = {
  "24.11.1": "11.6.2", "23.11.1": "10.9.2", "22.12.0": "10.9.0", "21.7.3": "10.5.0", "20.18.1": "10.8.2", "19.9.0": "9.6.3",
  "18.20.5": "10.8.2", "16.20.2": "8.19.4", "14.21.3": "6.14.18", "12.22.12": "6.14.16", "10.24.1": "6.14.12", "8.17.0": "6.13.4",
};
const NPM_OF_MAJOR: Record<string, string> = { "24": "11.6.2", "23": "10.9.2", "22": "10.9.0", "21": "10.5.0", "20": "10.8.2",
  "19": "9.6.3", "18": "10.8.2", "17": "8.19.4", "16": "8.19.4", "15": "7.24.2", "14": "6.14.18", "12": "6.14.16", "10": "6.14.12" };

/** pip: 3.12+ images keep ensurepip's bundled pip; older lines pin 23.0.1 (PYTHON_PIP_VERSION); 2.7 has 20.0.2. */
function pipVersion(python: string, env: Record<string, string>): string {
  if (env["PYTHON_PIP_VERSION"]) return env["PYTHON_PIP_VERSION"];
  const [maj, min] = python.split(".").map(Number) as [number, number];
  return maj === 2 ? "20.0.2" : min >= 12 ? "24.3.1" : "23.0.1";
}

type Answer = (args: string[], env: Record<string, string>, name: string) => string | undefined;

const flag = (args: string[], ...flags: string[]): boolean => args.length === 1 && flags.includes(args[0]!);

const npm: Answer = (args, env) => {
  const node = env["NODE_VERSION"];
  if (!node || !flag(args, "--version", "-v")) return undefined;
  return NPM_OF_NODE[node] ?? NPM_OF_MAJOR[node.split(".")[0]!];
};

const pip: Answer = (args, env) => {
  const py = env["PYTHON_VERSION"];
  if (!py || !flag(args, "--version", "-V")) return undefined;
  const mm = py.split(".").slice(0, 2).join(".");
  return `pip ${pipVersion(py, env)} from /usr/local/lib/python${mm}/site-packages/pip (python ${mm})`;
};

const ANSWERS: Record<string, Answer> = {
  npm, npx: npm,
  yarn: (args, env) => (env["YARN_VERSION"] && flag(args, "--version", "-v") ? env["YARN_VERSION"] : undefined),
  pip, pip3: pip,
  go: (args, env) => (env["GOLANG_VERSION"] && args.length === 1 && args[0] === "version" ? `go version go${env["GOLANG_VERSION"]} linux/amd64` : undefined),
  "redis-cli": (args, env) => (env["REDIS_VERSION"] && flag(args, "--version", "-v") ? `redis-cli ${env["REDIS_VERSION"]}` : undefined),
  // Debian's PG_VERSION is the package version ("16.6-1.pgdg120+1"), Alpine's the release.
  psql: (args, env) => {
    const v = env["PG_VERSION"];
    if (!v || !flag(args, "--version", "-V")) return undefined;
    return v.includes("-") ? `psql (PostgreSQL) ${v.split("-")[0]} (Debian ${v})` : `psql (PostgreSQL) ${v}`;
  },
  mysql: (args, env) => {
    const v = env["MYSQL_VERSION"]?.split("-")[0];
    if (!v || !flag(args, "--version", "-V")) return undefined;
    return v.startsWith("5.") ? `mysql  Ver 14.14 Distrib ${v}, for Linux (x86_64) using  EditLine wrapper`
      : `mysql  Ver ${v} for Linux on x86_64 (MySQL Community Server - GPL)`;
  },
};

/** The line a tool prints for its version flag in the image that ships it; undefined when it is not that case. */
export function toolVersion(name: string, args: string[], env: () => Record<string, string>): string | undefined {
  const answer = ANSWERS[name];
  return answer ? answer(args, env(), name) : undefined;
}

export const VERSION_TOOLS: ReadonlySet<string> = new Set(Object.keys(ANSWERS));
