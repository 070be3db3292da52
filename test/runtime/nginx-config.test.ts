// nginx reads its configuration (src/sim/runtime/nginx): a mounted default.conf decides what it
// listens on and answers — return, proxy_pass to another container or Service (upstream groups in
// turn), static files with the 301 to a directory's slash and the 403 of a directory without an
// index — and a broken one stops it with nginx's own [emerg] line (unknown directive, host not
// found in upstream, duplicate location…), as `nginx -t` also says. The entrypoint's
// 10-listen-on-ipv6 script reports what it found; 20-envsubst renders templates.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

function run(script: string, kubernetes = false) {
  const s = new Session({
    seed: "nginx-config",
    cluster: kubernetes
      ? { hosts: [{ name: "cp", ip: "10.0.0.10" }, { name: "w1", ip: "10.0.0.11" }], kubernetes: { controlPlane: ["cp"], workers: ["w1"] } }
      : { hosts: [{ name: "host1", ip: "10.0.0.10" }] },
  });
  return s.run(script, { allowSim: false });
}

const PROXY_CONF = "server {\\n  listen 80;\\n  location / {\\n    proxy_pass http://web;\\n  }\\n}\\n";

describe("nginx as a reverse proxy in front of another container (Docker)", () => {
  const steps = run([
    "mkdir -p /srv/conf",
    `printf '${PROXY_CONF}' > /srv/conf/default.conf`,
    "docker network create app",
    "docker run -d --name proxy --network app -p 8080:80 -v /srv/conf/default.conf:/etc/nginx/conf.d/default.conf nginx:1.25",
    "docker ps -a --format '{{.Names}} {{.Status}}'",
    "docker logs proxy",
    "docker run -d --name web --network app httpd:2",
    "docker start proxy",
    "curl -s localhost:8080",
    "docker stop web",
    "curl -s -o /dev/null -w '%{http_code}' localhost:8080",
    "docker logs proxy 2>&1 | grep error",
  ].join("\n"));

  it("exits 1 when the upstream's name does not resolve at start, naming the line", () => {
    expect(steps[4]!.stdout).toBe("proxy Exited (1) Less than a second ago\n");
    expect(steps[5]!.stderr).toBe(
      '2024/01/10 00:00:00 [emerg] 1#1: host not found in upstream "web" in /etc/nginx/conf.d/default.conf:4\n' +
      'nginx: [emerg] host not found in upstream "web" in /etc/nginx/conf.d/default.conf:4\n');
    expect(steps[5]!.stdout).toContain("10-listen-on-ipv6-by-default.sh: info: /etc/nginx/conf.d/default.conf differs from the packaged version\n");
  });

  it("passes requests to the upstream once it runs; 502 with nginx's error line when it is gone", () => {
    expect(steps[8]!.stdout).toBe("<html><body><h1>It works!</h1></body></html>\n");
    expect(steps[10]!.stdout).toBe("502");
    // The stopped container's address is nobody's: no route (the name resolved at start).
    expect(steps[11]!.stdout).toMatch(/\[error\] 29#29: \*\d+ connect\(\) failed \(113: No route to host\) while connecting to upstream, client: [\d.]+, server: , request: "GET \/ HTTP\/1.1", upstream: "http:\/\/[^"]+\/", host: "localhost:8080"\n$/);
  });
});

describe("static files and return", () => {
  const conf = 'server {\\n  listen 80;\\n  root /srv/www;\\n  location = /ping { return 200 "pong\\\\n"; }\\n  location /old { return 301 /new/; }\\n  location /app/ { try_files $uri /app/index.html; }\\n}\\n';
  const steps = run([
    "mkdir -p /srv/conf /srv/www/docs /srv/www/app /srv/empty",
    `printf '${conf}' > /srv/conf/default.conf`,
    "echo home > /srv/www/index.html",
    "echo spa > /srv/www/app/index.html",
    "docker run -d --name s -p 8080:80 -v /srv/conf/default.conf:/etc/nginx/conf.d/default.conf:ro -v /srv/www:/srv/www nginx:1.25",
    "curl -s localhost:8080/ping",
    "curl -sI localhost:8080/old",
    "curl -s localhost:8080/",
    "curl -s -o /dev/null -w '%{http_code} %{redirect_url}' localhost:8080/docs",
    "curl -s -o /dev/null -w '%{http_code}' localhost:8080/docs/",
    "curl -s localhost:8080/app/some/route",
    "curl -s -o /dev/null -w '%{http_code}' localhost:8080/missing.txt",
    "docker logs s",
    "docker run -d --name e -p 8081:80 -v /srv/empty:/usr/share/nginx/html nginx:1.25",
    "curl -s localhost:8081",
  ].join("\n"));

  it("answers by its locations: exact return, redirect, index, try_files fallback", () => {
    expect(steps[5]!.stdout).toBe("pong\n");
    expect(steps[6]!.stdout).toContain("HTTP/1.1 301 Moved Permanently\r\n");
    expect(steps[6]!.stdout).toContain("Location: http://localhost/new/\r\n");
    expect(steps[7]!.stdout).toBe("home\n");
    expect(steps[8]!.stdout).toBe("301 http://localhost/docs/");
    expect(steps[9]!.stdout).toBe("403");
    expect(steps[10]!.stdout).toBe("spa\n");
    expect(steps[11]!.stdout).toBe("404");
  });

  it("logs the error lines nginx writes for a missing file and a directory without index", () => {
    expect(steps[12]!.stderr).toContain('[error] 29#29: *5 directory index of "/srv/www/docs/" is forbidden, client: 172.17.0.1, server: , request: "GET /docs/ HTTP/1.1", host: "localhost:8080"\n');
    expect(steps[12]!.stderr).toContain('[error] 29#29: *7 open() "/srv/www/missing.txt" failed (2: No such file or directory), client: 172.17.0.1, server: , request: "GET /missing.txt HTTP/1.1", host: "localhost:8080"\n');
    expect(steps[12]!.stdout).toContain("10-listen-on-ipv6-by-default.sh: info: can not modify /etc/nginx/conf.d/default.conf (read-only file system?)\n");
  });

  it("an empty directory mounted over the default site is a 403, not the welcome page", () => {
    expect(steps[14]!.stdout).toContain("<head><title>403 Forbidden</title></head>");
  });
});

describe("a broken configuration", () => {
  const cases: [string, string][] = [
    ["server { listen 80; foo bar; }", 'unknown directive "foo" in /etc/nginx/conf.d/default.conf:1'],
    ["server { listen 80x; }", 'host not found in "80x" of the "listen" directive in /etc/nginx/conf.d/default.conf:1'],
    ["server { listen 70000; }", 'invalid port in "70000" of the "listen" directive in /etc/nginx/conf.d/default.conf:1'],
    ["server { listen 80;\\n location / { }\\n location / { }\\n}", 'duplicate location "/" in /etc/nginx/conf.d/default.conf:3'],
    ["server { listen 80; location / { root /a }\\n}", 'unexpected "}" in /etc/nginx/conf.d/default.conf:1'],
    ["server { listen 80;", 'unexpected end of file, expecting "}" in /etc/nginx/conf.d/default.conf:2'],
    ["location / { }", '"location" directive is not allowed here in /etc/nginx/conf.d/default.conf:1'],
    ["server { proxy_pass http://x; }", '"proxy_pass" directive is not allowed here in /etc/nginx/conf.d/default.conf:1'],
    ["server { listen 80; location / { proxy_pass web:80; } }", 'invalid URL prefix in "web:80" in /etc/nginx/conf.d/default.conf:1'],
    ["server { autoindex yes; }", 'invalid value "yes" in "autoindex" directive, it must be "on" or "off" in /etc/nginx/conf.d/default.conf:1'],
    ["server { listen 80 default_server; }\\nserver { listen 80 default_server; }", "a duplicate default server for 0.0.0.0:80 in /etc/nginx/conf.d/default.conf:2"],
    ["server { listen 443 ssl; ssl_certificate /etc/nginx/ssl/tls.crt; ssl_certificate_key /etc/nginx/ssl/tls.key; }",
      'cannot load certificate "/etc/nginx/ssl/tls.crt": BIO_new_file() failed (SSL: error:80000002:system library::No such file or directory:calling fopen(/etc/nginx/ssl/tls.crt, r) error:10000080:BIO routines::no such file)'],
    ["server { listen 443 ssl; }", 'no "ssl_certificate" is defined for the "listen ... ssl" directive in /etc/nginx/conf.d/default.conf:1'],
    ["server { listen 80\\n  server_name example.com; }", 'invalid parameter "server_name" in /etc/nginx/conf.d/default.conf:2'],
  ];
  for (const [conf, message] of cases) {
    it(`${conf.replace(/\\n/g, " ")} → ${message}`, () => {
      const steps = run([
        "mkdir -p /srv/conf",
        `printf '${conf}\\n' > /srv/conf/default.conf`,
        "docker run -d --name n -v /srv/conf/default.conf:/etc/nginx/conf.d/default.conf nginx:1.25",
        "docker ps -a --format '{{.Status}}'",
        "docker logs n 2>&1 | grep emerg",
        "docker run --rm -v /srv/conf/default.conf:/etc/nginx/conf.d/default.conf nginx:1.25 nginx -t",
      ].join("\n"));
      expect(steps[3]!.stdout).toBe("Exited (1) Less than a second ago\n");
      expect(steps[4]!.stdout).toBe(`2024/01/10 00:00:00 [emerg] 1#1: ${message}\nnginx: [emerg] ${message}\n`);
      expect(steps[5]!.exitCode).toBe(1);
      expect(steps[5]!.stderr).toContain(`nginx: [emerg] ${message}\nnginx: configuration file /etc/nginx/nginx.conf test failed\n`);
    });
  }
});

describe("nginx configured from a ConfigMap in front of a Service (Kubernetes)", () => {
  const conf = "upstream backend {\n  server api:80;\n}\nserver {\n  listen 8080;\n  location /api/ {\n    proxy_pass http://backend/;\n  }\n  location / {\n    return 200 \"front\\n\";\n  }\n}\n";
  const steps = run([
    "kubectl create deployment api --image=httpd:2 --replicas=2",
    "kubectl expose deployment api --port=80",
    `cat > default.conf <<'EOF'\n${conf}EOF`,
    "kubectl create configmap proxy-conf --from-file=default.conf",
    `cat <<EOF | kubectl apply -f -
apiVersion: v1
kind: Pod
metadata:
  name: proxy
spec:
  containers:
  - name: nginx
    image: nginx:1.25
    volumeMounts:
    - {name: conf, mountPath: /etc/nginx/conf.d}
    readinessProbe:
      httpGet: {path: /, port: 8080}
  volumes:
  - name: conf
    configMap: {name: proxy-conf}
EOF`,
    "sleep 15",
    "kubectl get pod proxy --no-headers",
    "kubectl exec proxy -- curl -s localhost:8080/api/",
    "kubectl exec proxy -- curl -s localhost:8080/",
    "kubectl exec proxy -- curl -s localhost:80/",
    "kubectl logs proxy",
  ].join("\n"), true);

  it("listens where its configuration says, proxies to the Service, and is ready on that port", () => {
    expect(steps[6]!.stdout).toMatch(/^proxy\s+1\/1\s+Running\s+0\s+15s\n$/);
    expect(steps[7]!.stdout).toBe("<html><body><h1>It works!</h1></body></html>\n");
    expect(steps[8]!.stdout).toBe("front\n");
    expect(steps[9]!.exitCode).toBe(7);
    expect(steps[10]!.stdout).toContain("10-listen-on-ipv6-by-default.sh: info: can not modify /etc/nginx/conf.d/default.conf (read-only file system?)\n");
  });
});

describe("20-envsubst-on-templates.sh", () => {
  const steps = run([
    "mkdir -p /srv/templates",
    "printf 'server {\\n  listen ${PORT};\\n  location / { return 200 \"$GREETING from $host\\\\n\"; }\\n}\\n' > /srv/templates/default.conf.template",
    "docker run -d --name t -e PORT=8000 -e GREETING=hi -p 9000:8000 -v /srv/templates:/etc/nginx/templates nginx:1.25",
    "curl -s localhost:9000",
    "docker logs t 2>/dev/null | grep envsubst",
    "docker exec t cat /etc/nginx/conf.d/default.conf",
  ].join("\n"));

  it("renders the defined variables into conf.d and leaves nginx's own", () => {
    expect(steps[3]!.stdout).toBe("hi from localhost\n");
    expect(steps[4]!.stdout).toBe("/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh\n" +
      "20-envsubst-on-templates.sh: Running envsubst on /etc/nginx/templates/default.conf.template to /etc/nginx/conf.d/default.conf\n");
    expect(steps[5]!.stdout).toContain("listen 8000;");
    expect(steps[5]!.stdout).toContain('"hi from $host\\n"');
  });
});

describe("the course's compose proxy sample (nginx in front of httpd, no depends_on)", () => {
  const conf = "server {\n\n\tlisten 80;\n\n\tlocation / {\n\n\t\tproxy_pass         http://web;\n\t\tproxy_redirect     off;\n" +
    "\t\tproxy_set_header   Host $host;\n\t\tproxy_set_header   X-Real-IP $remote_addr;\n\t\tproxy_set_header   X-Forwarded-For $proxy_add_x_forwarded_for;\n" +
    "\t\tproxy_set_header   X-Forwarded-Host $server_name;\n\n\t}\n}\n";
  const compose = "services:\n  proxy:\n    image: nginx:1.23\n    ports:\n      - '80:80'\n    volumes:\n      - ./nginx.conf:/etc/nginx/conf.d/default.conf\n  web:\n    image: httpd:2\n";
  const s = new Session({ seed: "nginx-config", files: { "docker-compose.yml": compose, "nginx.conf": conf } });
  const steps = s.run("docker compose up -d\ndocker compose ps --format '{{.Name}} {{.State}}'\ncurl -s localhost", { allowSim: false });

  it("starts both (compose starts them together, so nginx finds web) and proxies to httpd", () => {
    expect(steps[1]!.stdout).toBe("root-proxy-1 running\nroot-web-1 running\n");
    expect(steps[2]!.stdout).toBe("<html><body><h1>It works!</h1></body></html>\n");
  });
});

describe("a liveness probe on a path nginx does not serve", () => {
  const manifest = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: nginx\n    image: nginx:1.25\n" +
    "    livenessProbe:\n      httpGet: {path: /healthz, port: 80}\n      periodSeconds: 5\n";
  const steps = run(`cat <<'EOF' | kubectl apply -f -\n${manifest}EOF\nsleep 6\nkubectl get pod web -o jsonpath='{.status.podIP}'\nkubectl logs web`, true);

  it("logs nginx's open() error, naming the probe's Host (the pod's address and port), before each 404", () => {
    const ip = steps[2]!.stdout.replace(/\./g, "\\.");
    expect(steps[3]!.stdout).toMatch(new RegExp(`\\[error\\] 29#29: \\*1 open\\(\\) "/usr/share/nginx/html/healthz" failed \\(2: No such file or directory\\), client: 10\\.244\\.1\\.1, server: localhost, request: "GET /healthz HTTP/1\\.1", host: "${ip}:80"\\n`));
    expect(steps[3]!.stdout).toContain('"GET /healthz HTTP/1.1" 404 153 "-" "kube-probe/1.30" "-"\n');
  });
});

describe("a whole nginx.conf of the student's", () => {
  it("without events {} nginx refuses it", () => {
    const steps = run([
      "mkdir -p /srv && printf 'http {\\n  server { listen 80; location / { return 200 ok; } }\\n}\\n' > /srv/nginx.conf",
      "docker run -d --name n -v /srv/nginx.conf:/etc/nginx/nginx.conf:ro nginx:1.25",
      "docker logs n 2>&1 | grep emerg",
      "printf 'events {}\\nhttp {\\n  server { listen 80; location / { return 200 ok; } }\\n}\\n' > /srv/nginx.conf",
      "docker run -d --name m -p 8080:80 -v /srv/nginx.conf:/etc/nginx/nginx.conf:ro nginx:1.25",
      "curl -s localhost:8080",
    ].join("\n"));
    expect(steps[2]!.stdout).toBe('2024/01/10 00:00:00 [emerg] 1#1: no "events" section in configuration\nnginx: [emerg] no "events" section in configuration\n');
    expect(steps[5]!.stdout).toBe("ok");
  });
});

describe("nginx -s reload", () => {
  const steps = run([
    "mkdir -p /srv/conf",
    `printf 'server { listen 80; location / { return 200 "one\\\\n"; } }\\n' > /srv/conf/default.conf`,
    "docker run -d --name p -p 8080:80 -v /srv/conf:/etc/nginx/conf.d nginx:1.25",
    `printf 'server { listen 80; location / { return 200 "two\\\\n"; } }\\n' > /srv/conf/default.conf`,
    "curl -s localhost:8080",
    "printf 'server { listen 80; lokation / { } }\\n' > /srv/conf/default.conf",
    "docker exec p nginx -s reload",
    "curl -s localhost:8080",
    `printf 'server { listen 80; location / { return 200 "two\\\\n"; } }\\n' > /srv/conf/default.conf`,
    "docker exec p nginx -s reload",
    "curl -s localhost:8080",
    "docker logs p 2>&1 | grep -c 'reconfiguring'",
  ].join("\n"));

  it("a changed file is not read until a reload; a broken one is refused by the signaller and the old one keeps serving", () => {
    expect(steps[4]!.stdout).toBe("one\n");
    expect(steps[6]!.exitCode).toBe(1);
    expect(steps[6]!.stderr).toBe('2024/01/10 00:00:00 [emerg] 35#35: unknown directive "lokation" in /etc/nginx/conf.d/default.conf:1\n' +
      'nginx: [emerg] unknown directive "lokation" in /etc/nginx/conf.d/default.conf:1\n');
    expect(steps[7]!.stdout).toBe("one\n");
    expect(steps[9]!.stderr).toBe("2024/01/10 00:00:00 [notice] 35#35: signal process started\n");
    expect(steps[10]!.stdout).toBe("two\n");
    expect(steps[11]!.stdout).toBe("2\n");
  });
});

describe("requests between pods keep their client's User-Agent", () => {
  const steps = run([
    "kubectl create deployment web --image=nginx:1.25",
    "kubectl expose deployment web --port=80",
    "kubectl run c --image=curlimages/curl --restart=Never -- curl -s web",
    "kubectl run w --image=busybox:1.36 --restart=Never -- wget -qO- web",
    "sleep 3",
    "kubectl logs deploy/web",
  ].join("\n"), true);

  it("nginx behind a Service logs curl's and busybox wget's own User-Agent", () => {
    expect(steps[5]!.stdout).toMatch(/"GET \/ HTTP\/1\.1" 200 615 "-" "curl\/[\d.]+" "-"\n/);
    expect(steps[5]!.stdout).toContain('"GET / HTTP/1.1" 200 615 "-" "Wget" "-"\n');
  });
});

describe("a subPath key that the ConfigMap does not have", () => {
  const manifest = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: web\n    image: nginx:1.25\n" +
    "    volumeMounts:\n    - {name: v, mountPath: /etc/nginx/conf.d/default.conf, subPath: default.conf}\n" +
    "  volumes:\n  - name: v\n    configMap: {name: c}\n";
  const steps = run(`kubectl create configmap c --from-literal=site.conf='server { listen 80; }'\ncat <<'EOF' | kubectl apply -f -\n${manifest}EOF\nsleep 5\nkubectl logs p`, true);

  it("leaves a directory where default.conf was: nginx cannot read it", () => {
    expect(steps[3]!.stdout).toContain("10-listen-on-ipv6-by-default.sh: info: /etc/nginx/conf.d/default.conf is not a file or does not exist\n");
    expect(steps[3]!.stdout).toContain('[emerg] 1#1: pread() "/etc/nginx/conf.d/default.conf" failed (21: Is a directory)\n' +
      'nginx: [emerg] pread() "/etc/nginx/conf.d/default.conf" failed (21: Is a directory)\n');
  });
});

describe("rewrite", () => {
  const conf = "server {\n  listen 80;\n  root /srv/www;\n  rewrite ^/legacy/(.*)$ /new/$1 permanent;\n" +
    "  location /old/ {\n    rewrite ^/old/(.*)$ /new/$1 last;\n  }\n  location /go {\n    rewrite ^ https://example.com/ redirect;\n  }\n}\n";
  const s = new Session({ seed: "nginx-config", files: { "site.conf": conf }, cluster: { hosts: [{ name: "host1", ip: "10.0.0.10" }] } });
  const steps = s.run([
    "mkdir -p /srv/conf /srv/www/new && cp site.conf /srv/conf/default.conf && echo new-page > /srv/www/new/page.html",
    "docker run -d --name p -p 8080:80 -v /srv/conf:/etc/nginx/conf.d -v /srv/www:/srv/www nginx:1.25",
    "curl -s localhost:8080/old/page.html",
    "curl -s -o /dev/null -w '%{http_code} %{redirect_url}' 'localhost:8080/legacy/page.html?x=1'",
    "curl -s -o /dev/null -w '%{http_code} %{redirect_url}' localhost:8080/go",
  ].join("\n"), { allowSim: false });

  it("last looks for the new URI's location; permanent and redirect answer 301/302 with the arguments kept", () => {
    expect(steps[2]!.stdout).toBe("new-page\n");
    expect(steps[3]!.stdout).toBe("301 http://localhost/new/page.html?x=1");
    expect(steps[4]!.stdout).toBe("302 https://example.com/");
  });
});

describe("allow and deny", () => {
  const conf = "server {\n  listen 80;\n  root /srv/www;\n  location /admin/ {\n    allow 10.0.0.0/8;\n    deny all;\n  }\n" +
    "  location /status {\n    deny all;\n    return 200 \"up\\n\";\n  }\n}\n";
  const s = new Session({ seed: "nginx-config", files: { "site.conf": conf }, cluster: { hosts: [{ name: "host1", ip: "10.0.0.10" }] } });
  const steps = s.run([
    "mkdir -p /srv/conf /srv/www/admin && cp site.conf /srv/conf/default.conf && echo admin > /srv/www/admin/index.html",
    "docker run -d --name p -p 8080:80 -v /srv/conf:/etc/nginx/conf.d -v /srv/www:/srv/www nginx:1.25",
    "curl -s -o /dev/null -w '%{http_code}' localhost:8080/admin/",
    "curl -s localhost:8080/status",
    "docker logs p 2>&1 | grep forbidden",
  ].join("\n"), { allowSim: false });

  it("the first matching rule decides (the bridge gateway is not in 10.0.0.0/8); return comes before the access phase", () => {
    expect(steps[2]!.stdout).toBe("403");
    expect(steps[3]!.stdout).toBe("up\n");
    expect(steps[4]!.stdout).toMatch(/\[error\] 29#29: \*1 access forbidden by rule, client: 172\.17\.0\.1, server: , request: "GET \/admin\/ HTTP\/1\.1", host: "localhost:8080"\n/);
  });
});

describe("access_log off and add_header with variables", () => {
  const conf = "server {\n  listen 80;\n  location = /health {\n    access_log off;\n    return 200 OK;\n  }\n" +
    "  location / {\n    add_header X-Served-By $hostname;\n    return 200 hi;\n  }\n}\n";
  const s = new Session({ seed: "nginx-config", files: { "site.conf": conf }, cluster: { hosts: [{ name: "host1", ip: "10.0.0.10" }] } });
  const steps = s.run([
    "mkdir -p /srv/conf && cp site.conf /srv/conf/default.conf",
    "docker run -d --name p --hostname web1 -p 8080:80 -v /srv/conf:/etc/nginx/conf.d nginx:1.25",
    "curl -s localhost:8080/health",
    "curl -si localhost:8080/",
    "docker logs p 2>/dev/null | grep -c GET",
  ].join("\n"), { allowSim: false });

  it("a health location writes no access-log line; add_header renders its variables", () => {
    expect(steps[2]!.stdout).toBe("OK");
    expect(steps[3]!.stdout).toContain("X-Served-By: web1\r\n");
    expect(steps[4]!.stdout).toBe("1\n");
  });
});
