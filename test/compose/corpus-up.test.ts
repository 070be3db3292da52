// The awesome-compose corpus run for real: `docker compose up -d` in each file's folder (with the
// folder's files present: a Dockerfile per build context, the secret files) and
// `docker stack deploy -c compose.yaml NAME` on a swarm. Each row says what the file says:
// the containers (project-service-1, or container_name), the start order depends_on imposes,
// the networks and named volumes the project creates (only those a service uses), and whether
// the stack deploys (docker/cli's loader and its "no image" rule) with the services it creates.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";
import { engineHost } from "../../src/sim/docker/engine/state";
import { labelledNetworks } from "../../src/sim/docker/engine/ops";
import { loadCompose } from "../../src/sim/docker/compose/load";
import { isObject } from "../../src/sim/docker/compose/json-schema";

const repoRoot = path.resolve(__dirname, "../..");
const corpus = path.resolve(repoRoot, "../shared/corpus/awesome-compose");
const have = existsSync(corpus);

interface Row {
  dir: string;
  /** Containers after `up -d` (sorted). */
  containers: string[];
  /** [a, b]: a's container starts before b's (depends_on). */
  before?: [string, string][];
  networks: string[];
  volumes?: string[];
  /** `up -d` fails with this (last stderr line). */
  upError?: string;
  /** Created stack services, or the deploy error. */
  stack: string[] | { error: string };
}

const noImage = (s: string) => ({ error: `invalid image reference for service ${s}: no image specified` });
const dependsOnList = { error: "services.backend.depends_on must be a list" };

const ROWS: Row[] = [
  { dir: "angular", containers: ["angular-web-1"], networks: ["angular_default"], stack: noImage("web") },
  { dir: "apache-php", containers: ["apache-php-web-1"], networks: ["apache-php_default"], stack: noImage("web") },
  { dir: "aspnet-mssql", containers: ["aspnet-mssql-db-1", "aspnet-mssql-web-1"], networks: ["aspnet-mssql_default"], stack: noImage("web") },
  { dir: "django", containers: ["django-web-1"], networks: ["django_default"], stack: noImage("web") },
  {
    dir: "elasticsearch-logstash-kibana", containers: ["es", "kib", "log"], before: [["es", "log"], ["es", "kib"]],
    // Its network is `driver: bridge`: a stack makes it on the manager's engine (local scope), and
    // the daemon refuses a service on it.
    networks: ["elasticsearch-logstash-kibana_elastic"],
    stack: { error: "failed to create service elk_elasticsearch: Error response from daemon: The network elk_elastic cannot be used with services. Only networks scoped to the swarm can be used, such as those created with the overlay driver." },
  },
  { dir: "fastapi", containers: ["fastapi-application"], networks: ["fastapi_default"], stack: noImage("api") },
  { dir: "flask", containers: ["flask-web-1"], networks: ["flask_default"], stack: noImage("web") },
  { dir: "flask-redis", containers: ["flask-redis-redis-1", "flask-redis-web-1"], before: [["flask-redis-redis-1", "flask-redis-web-1"]], networks: ["flask-redis_default"], stack: noImage("web") },
  { dir: "gitea-postgres", containers: ["gitea-postgres-db-1", "gitea-postgres-gitea-1"], networks: ["gitea-postgres_default"], volumes: ["gitea-postgres_db_data", "gitea-postgres_git_data"], stack: ["elk_db", "elk_gitea"] },
  { dir: "minecraft", containers: ["minecraft-minecraft-1"], networks: ["minecraft_default"], stack: ["elk_minecraft"] },
  { dir: "nextcloud-postgres", containers: ["nextcloud-postgres-db-1", "nextcloud-postgres-nc-1"], networks: ["nextcloud-postgres_default"], volumes: ["nextcloud-postgres_db_data", "nextcloud-postgres_nc_data"], stack: ["elk_db", "elk_nc"] },
  {
    dir: "nextcloud-redis-mariadb", containers: ["nextcloud-redis-mariadb-db-1", "nextcloud-redis-mariadb-nc-1", "nextcloud-redis-mariadb-redis-1"],
    networks: ["nextcloud-redis-mariadb_dbnet", "nextcloud-redis-mariadb_redisnet"], volumes: ["nextcloud-redis-mariadb_db_data", "nextcloud-redis-mariadb_nc_data"],
    stack: ["elk_db", "elk_nc", "elk_redis"],
  },
  {
    dir: "nginx-aspnet-mysql", containers: ["nginx-aspnet-mysql-backend-1", "nginx-aspnet-mysql-db-1", "nginx-aspnet-mysql-proxy-1"],
    before: [["nginx-aspnet-mysql-db-1", "nginx-aspnet-mysql-backend-1"], ["nginx-aspnet-mysql-backend-1", "nginx-aspnet-mysql-proxy-1"]],
    networks: ["nginx-aspnet-mysql_default"], volumes: ["nginx-aspnet-mysql_db-data"], stack: dependsOnList,
  },
  {
    dir: "nginx-flask-mongo", containers: ["nginx-flask-mongo-backend-1", "nginx-flask-mongo-mongo-1", "nginx-flask-mongo-web-1"],
    before: [["nginx-flask-mongo-mongo-1", "nginx-flask-mongo-backend-1"], ["nginx-flask-mongo-backend-1", "nginx-flask-mongo-web-1"]],
    networks: ["nginx-flask-mongo_default"], stack: noImage("backend"),
  },
  {
    dir: "nginx-flask-mysql", containers: ["nginx-flask-mysql-backend-1", "nginx-flask-mysql-db-1", "nginx-flask-mysql-proxy-1"],
    before: [["nginx-flask-mysql-db-1", "nginx-flask-mysql-backend-1"], ["nginx-flask-mysql-backend-1", "nginx-flask-mysql-proxy-1"]],
    networks: ["nginx-flask-mysql_backnet", "nginx-flask-mysql_frontnet"], volumes: ["nginx-flask-mysql_db-data"], stack: dependsOnList,
  },
  { dir: "nginx-golang", containers: ["nginx-golang-backend-1", "nginx-golang-proxy-1"], before: [["nginx-golang-backend-1", "nginx-golang-proxy-1"]], networks: ["nginx-golang_default"], stack: noImage("backend") },
  {
    dir: "nginx-golang-mysql", containers: ["nginx-golang-mysql-backend-1", "nginx-golang-mysql-db-1", "nginx-golang-mysql-proxy-1"],
    before: [["nginx-golang-mysql-db-1", "nginx-golang-mysql-backend-1"], ["nginx-golang-mysql-backend-1", "nginx-golang-mysql-proxy-1"]],
    networks: ["nginx-golang-mysql_default"], volumes: ["nginx-golang-mysql_db-data"], stack: dependsOnList,
  },
  {
    dir: "nginx-golang-postgres", containers: ["nginx-golang-postgres-backend-1", "nginx-golang-postgres-db-1", "nginx-golang-postgres-proxy-1"],
    before: [["nginx-golang-postgres-db-1", "nginx-golang-postgres-backend-1"], ["nginx-golang-postgres-backend-1", "nginx-golang-postgres-proxy-1"]],
    networks: ["nginx-golang-postgres_default"], volumes: ["nginx-golang-postgres_db-data"], stack: dependsOnList,
  },
  {
    dir: "nginx-nodejs-redis", containers: ["nginx-nodejs-redis-nginx-1", "nginx-nodejs-redis-redis-1", "nginx-nodejs-redis-web1-1", "nginx-nodejs-redis-web2-1"],
    before: [["nginx-nodejs-redis-web1-1", "nginx-nodejs-redis-nginx-1"], ["nginx-nodejs-redis-web2-1", "nginx-nodejs-redis-nginx-1"]],
    networks: ["nginx-nodejs-redis_default"], stack: noImage("nginx"),
  },
  { dir: "nginx-wsgi-flask", containers: ["nginx-wsgi-flask-flask-app-1", "nginx-wsgi-flask-nginx-proxy-1"], before: [["nginx-wsgi-flask-flask-app-1", "nginx-wsgi-flask-nginx-proxy-1"]], networks: ["nginx-wsgi-flask_default"], stack: noImage("flask-app") },
  { dir: "pihole-cloudflared-DoH", containers: ["cloudflared", "pihole"], before: [["cloudflared", "pihole"]], networks: ["pihole-cloudflared-doh_dns-net"], stack: ["elk_cloudflared", "elk_pihole"] },
  { dir: "plex", containers: [], networks: [], upError: "invalid spec: :/media/: empty section between colons", stack: { error: "decoding failed due to the following error(s):\n\nerror decoding 'Volumes[0]': invalid spec: :/media/: empty section between colons" } },
  { dir: "portainer", containers: ["portainer"], networks: ["portainer_default"], volumes: ["portainer_portainer_data"], stack: ["elk_portainer"] },
  { dir: "postgresql-pgadmin", containers: ["pgadmin", "postgres"], networks: ["postgresql-pgadmin_default"], stack: ["elk_pgadmin", "elk_postgres"] },
  { dir: "prometheus-grafana", containers: ["grafana", "prometheus"], networks: ["prometheus-grafana_default"], volumes: ["prometheus-grafana_prom_data"], stack: ["elk_grafana", "elk_prometheus"] },
  {
    dir: "react-express-mongodb", containers: ["react-express-mongodb-backend-1", "react-express-mongodb-frontend-1", "react-express-mongodb-mongo-1"],
    before: [["react-express-mongodb-mongo-1", "react-express-mongodb-backend-1"], ["react-express-mongodb-backend-1", "react-express-mongodb-frontend-1"]],
    networks: ["react-express-mongodb_express-mongo", "react-express-mongodb_react-express"], volumes: ["react-express-mongodb_mongo_data"], stack: noImage("backend"),
  },
  {
    dir: "react-express-mysql", containers: ["react-express-mysql-backend-1", "react-express-mysql-db-1", "react-express-mysql-frontend-1"],
    before: [["react-express-mysql-db-1", "react-express-mysql-backend-1"], ["react-express-mysql-backend-1", "react-express-mysql-frontend-1"]],
    networks: ["react-express-mysql_private", "react-express-mysql_public"], volumes: ["react-express-mysql_back-notused", "react-express-mysql_db-data"], stack: noImage("backend"),
  },
  {
    dir: "react-java-mysql", containers: ["react-java-mysql-backend-1", "react-java-mysql-db-1", "react-java-mysql-frontend-1"],
    before: [["react-java-mysql-db-1", "react-java-mysql-backend-1"], ["react-java-mysql-backend-1", "react-java-mysql-frontend-1"]],
    networks: ["react-java-mysql_react-spring", "react-java-mysql_spring-mysql"], volumes: ["react-java-mysql_db-data"], stack: dependsOnList,
  },
  { dir: "react-nginx", containers: ["frontend"], networks: ["react-nginx_default"], stack: noImage("frontend") },
  {
    // top-level `name: react-rust-postgres`; the v3 stack schema has no `name`.
    dir: "react-rust-postgres", containers: ["react-rust-postgres-backend-1", "react-rust-postgres-db-1", "react-rust-postgres-frontend-1"],
    before: [["react-rust-postgres-db-1", "react-rust-postgres-backend-1"]],
    networks: ["react-rust-postgres_client-side", "react-rust-postgres_server-side"], volumes: ["react-rust-postgres_backend-cache", "react-rust-postgres_db-data"],
    stack: { error: "(root) Additional property name is not allowed" },
  },
  { dir: "sparkjava", containers: ["sparkjava-sparkjava-1"], networks: ["sparkjava_default"], stack: noImage("sparkjava") },
  { dir: "sparkjava-mysql", containers: ["sparkjava-mysql-backend-1", "sparkjava-mysql-db-1"], networks: ["sparkjava-mysql_default"], volumes: ["sparkjava-mysql_db-data"], stack: noImage("backend") },
  { dir: "spring-postgres", containers: ["spring-postgres-backend-1", "spring-postgres-db-1"], networks: ["spring-postgres_spring-postgres"], volumes: ["spring-postgres_db-data"], stack: noImage("backend") },
  { dir: "traefik-golang", containers: ["traefik-golang-backend-1", "traefik-golang-frontend-1"], before: [["traefik-golang-backend-1", "traefik-golang-frontend-1"]], networks: ["traefik-golang_default"], stack: noImage("backend") },
  { dir: "vuejs", containers: ["vuejs-web-1"], networks: ["vuejs_default"], stack: noImage("web") },
  { dir: "wasmedge-kafka-mysql", containers: ["wasmedge-kafka-mysql-db-1", "wasmedge-kafka-mysql-etl-1", "wasmedge-kafka-mysql-redpanda-1"], networks: ["wasmedge-kafka-mysql_default"], stack: { error: "services.etl Additional property platform is not allowed" } },
  { dir: "wasmedge-mysql-nginx", containers: ["wasmedge-mysql-nginx-backend-1", "wasmedge-mysql-nginx-db-1", "wasmedge-mysql-nginx-frontend-1"], networks: ["wasmedge-mysql-nginx_default"], stack: { error: "services.backend Additional property platform is not allowed" } },
  { dir: "wireguard", containers: ["wireguard"], networks: ["wireguard_default"], stack: ["elk_wireguard"] },
  { dir: "wordpress-mysql", containers: ["wordpress-mysql-db-1", "wordpress-mysql-wordpress-1"], networks: ["wordpress-mysql_default"], volumes: ["wordpress-mysql_db_data"], stack: ["elk_db", "elk_wordpress"] },
];

/** The folder's files: the compose file, a Dockerfile per build context (stage named after `target:`), secret files. */
function folderFiles(dir: string): { files: Record<string, string>; composeName: string } {
  const composeName = ["compose.yaml", "compose.yml"].find((n) => existsSync(path.join(corpus, dir, n)))!;
  const text = readFileSync(path.join(corpus, dir, composeName), "utf8");
  const files: Record<string, string> = { [`${dir}/${composeName}`]: text };
  const r = loadCompose([{ path: `/root/${dir}/${composeName}`, text }], {});
  if (r.ok) {
    for (const s of r.model.services) {
      if (!s.hasBuild) continue;
      const b = isObject(s.raw.build) ? s.raw.build : { context: s.raw.build };
      const ctx = path.posix.normalize(`${dir}/${String(b.context ?? ".")}`).replace(/\/$/, "");
      const stage = typeof b.target === "string" ? ` AS ${b.target}` : "";
      // The app's own entrypoint stands in for the real one (it runs whatever `command:` says).
      files[`${ctx}/Dockerfile`] = `FROM alpine:3.19${stage}\nENTRYPOINT ["/bin/sh", "-c", "exec sleep infinity", "app"]\n`;
    }
    for (const sec of Object.values(r.model.secrets)) if (typeof sec.file === "string") files[path.posix.normalize(`${dir}/${sec.file}`)] = "s3cret\n";
  }
  return { files, composeName };
}

/**
 * Images the shared catalogue lacks (or knows without their ENTRYPOINT/CMD): declared as scenario
 * images so the rows test compose and stack, not the catalogue (reported to the images owner).
 */
const EXTRA_IMAGES = [
  "redislabs/redismod", "docker.redpanda.com/vectorized/redpanda:v22.2.2", "dpage/pgadmin4:latest", "gitea/gitea:latest",
  "mcr.microsoft.com/azure-sql-edge:1.0.4", "nextcloud:apache", "visibilityspots/cloudflared", "itzg/minecraft-server",
  "linuxserver/plex", "linuxserver/wireguard", "pihole/pihole:latest", "portainer/portainer-ce:alpine",
].map((name) => ({ name, command: ["/app"] }));

const ONE_HOST = { hosts: [{ name: "devbox", ip: "10.0.0.21" }], images: EXTRA_IMAGES };
const SWARM = { hosts: [{ name: "manager1", ip: "10.0.0.11" }, { name: "worker1", ip: "10.0.0.12" }], swarm: { managers: ["manager1"], workers: ["worker1"] }, images: EXTRA_IMAGES };

describe.skipIf(!have)("awesome-compose: docker compose up -d", () => {
  it.each(ROWS.map((r) => [r.dir, r] as const))("%s", (_d, row) => {
    const { files, composeName } = folderFiles(row.dir);
    const session = new Session({ seed: "corpus", files, cluster: ONE_HOST as never });
    const [, up] = session.run(`cd ${row.dir}\ndocker compose -f ${composeName} up -d`, { allowSim: true });
    if (row.upError) {
      expect(up!.exitCode).toBe(1);
      expect(up!.stderr.trimEnd().split("\n").pop()).toBe(row.upError);
      return;
    }
    expect(up!.exitCode, up!.stderr).toBe(0);
    const host = "devbox";
    const h = engineHost(session.world, host);
    expect(h.containers.map((c) => c.name).sort()).toEqual(row.containers);
    const project = h.containers[0]!.labels["com.docker.compose.project"]!;
    expect(labelledNetworks(session.world, host, "com.docker.compose.project", project).map((n) => n.name).sort()).toEqual(row.networks);
    expect(h.volumes.filter((v) => v.labels["com.docker.compose.project"] === project).map((v) => v.name).sort()).toEqual(row.volumes ?? []);
    const started = up!.stderr.split("\n").filter((l) => / Container \S+ +Started/.test(l)).map((l) => / Container (\S+)/.exec(l)![1]);
    for (const [a, b] of row.before ?? []) expect(started.indexOf(a), `${a} before ${b}`).toBeLessThan(started.indexOf(b));
  });
});

describe.skipIf(!have)("awesome-compose: docker stack deploy", () => {
  it.each(ROWS.map((r) => [r.dir, r] as const))("%s", (_d, row) => {
    const { files, composeName } = folderFiles(row.dir);
    const session = new Session({ seed: "corpus", files, cluster: SWARM as never });
    const [, deploy, ls] = session.run(`cd ${row.dir}\ndocker stack deploy -c ${composeName} elk\ndocker service ls --format '{{.Name}}'`, { allowSim: true });
    if (!Array.isArray(row.stack)) {
      expect(deploy!.exitCode).toBe(1);
      expect(deploy!.stderr.trimEnd().slice(-row.stack.error.length)).toBe(row.stack.error);
      const since = "Since --detach=false was not specified, tasks will be created in the background.\nIn a future release, --detach=false will become the default.\n";
      expect(deploy!.stderr.trimEnd().replace(since, "").replace(/^Ignoring (unsupported|deprecated) options:[^]*?\n\n(?=[^\n]*$)/, "")).toBe(row.stack.error);
      return;
    }
    expect(deploy!.exitCode, deploy!.stderr).toBe(0);
    expect(ls!.stdout.split("\n").filter(Boolean).sort()).toEqual(row.stack);
    for (const s of row.stack) expect(deploy!.stdout).toContain(`Creating service ${s}\n`);
  });
});
