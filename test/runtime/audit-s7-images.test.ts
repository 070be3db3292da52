// Session 7 audit of real images' behaviour (shared/reference/images.md): what the containers'
// clients print, replayed through docker and kubectl as a student would type them.

import { describe, expect, it } from "vitest";
import { docker, kube, one } from "./replay-helpers";

describe("busybox nslookup without the embedded DNS (Docker's default bridge)", () => {
  it("asks the machine's nameserver from /etc/resolv.conf, which knows no container names", () => {
    const [s] = docker("docker run -d --name web nginx\ndocker run -d --name b busybox sleep 3600", "docker exec b nslookup web");
    expect(one(s!)).toEqual({ exitCode: 1, stdout: "Server:\t\t10.0.0.1\nAddress:\t10.0.0.1:53\n\n** server can't find web: NXDOMAIN\n\n", stderr: "" });
  });
  it("busybox 1.28 keeps its old layout", () => {
    const [s] = docker("docker run -d --name b busybox:1.28 sleep 3600", "docker exec b nslookup web");
    expect(one(s!)).toEqual({ exitCode: 1, stdout: "Server:    10.0.0.1\nAddress 1: 10.0.0.1\n\n", stderr: "nslookup: can't resolve 'web'\n" });
  });
});

describe("database clients reach other containers' servers", () => {
  const setup = [
    "docker network create n",
    "docker run -d --name r --network n redis",
    "docker run -d --name c --network n redis:alpine sleep 3600",
    "docker run -d --name m --network n -e MYSQL_ROOT_PASSWORD=x mysql:8.0",
    "docker run -d --name d --network n mysql:8.0 sleep 3600",
    "sleep 20",
  ].join("\n");
  it("redis-cli -h NAME answers through the network; hiredis's errors otherwise", () => {
    const steps = docker(setup, "docker exec c redis-cli -h r ping\ndocker exec c redis-cli -h nope ping\ndocker exec r redis-cli -h nope ping\ndocker exec c redis-cli -h d ping");
    expect(steps.map(one)).toEqual([
      { exitCode: 0, stdout: "PONG\n", stderr: "" },
      { exitCode: 1, stdout: "", stderr: "Could not connect to Redis at nope:6379: Name does not resolve\n" },
      { exitCode: 1, stdout: "", stderr: "Could not connect to Redis at nope:6379: Name or service not known\n" },
      { exitCode: 1, stdout: "", stderr: "Could not connect to Redis at d:6379: Connection refused\n" },
    ]);
  });
  it("mysqladmin ping -h NAME: alive, or the client's TCP error with its hints", () => {
    const steps = docker(setup, "docker exec d mysqladmin ping -h m\ndocker exec d mysqladmin ping -h r\ndocker exec d mysqladmin ping -h nope");
    expect(steps.map(one)).toEqual([
      { exitCode: 0, stdout: "mysqld is alive\n", stderr: "" },
      { exitCode: 1, stdout: "", stderr: "mysqladmin: connect to server at 'r' failed\nerror: 'Can't connect to MySQL server on 'r:3306' (111)'\nCheck that mysqld is running on r and that the port is 3306.\nYou can check this by doing 'telnet r 3306'\n" },
      { exitCode: 1, stdout: "", stderr: "mysqladmin: connect to server at 'nope' failed\nerror: 'Unknown MySQL server host 'nope' (-2)'\nCheck that mysqld is running on nope and that the port is 3306.\nYou can check this by doing 'telnet nope 3306'\n" },
    ]);
  });
  it("pg_isready -h a Kubernetes Service reaches its endpoints; one without endpoints gets no response", () => {
    const steps = kube([
      "kubectl create deployment db --image=postgres:16",
      "kubectl set env deployment/db POSTGRES_PASSWORD=x",
      "kubectl expose deployment db --port=5432",
      "kubectl create service clusterip empty --tcp=5432:5432",
      "kubectl run c --image=postgres:16 --env=POSTGRES_PASSWORD=x",
      "sleep 10",
      "kubectl exec c -- pg_isready -h db",
      "kubectl exec c -- pg_isready -h empty",
    ].join("\n"));
    expect(steps.slice(-2).map(one)).toEqual([
      { exitCode: 0, stdout: "db:5432 - accepting connections\n", stderr: "" },
      { exitCode: 2, stdout: "empty:5432 - no response\n", stderr: "command terminated with exit code 2\n" },
    ]);
  });
});

describe("which utilities the language images have (buildpack-deps vs -slim)", () => {
  it("the full node image (buildpack-deps) has procps' ps in its three layouts, wget and curl", () => {
    const steps = docker("docker run -d --name n node:20 node -e \"setInterval(()=>{},1000)\"",
      "docker exec n ps\ndocker exec n ps aux\ndocker exec n ps -ef\ndocker exec n wget -qO- http://localhost");
    expect(steps.map(one)).toEqual([
      { exitCode: 0, stdout: "    PID TTY          TIME CMD\n      1 ?        00:00:00 node\n      7 ?        00:00:00 ps\n", stderr: "" },
      { exitCode: 0, stdout: "USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n" +
        "root           1  0.0  0.0   2304  1280 ?        Ss   00:00   0:00 node -e setInterval(()=>{},1000)\n" +
        "root           7  0.0  0.0   8092  4096 ?        Rs   00:00   0:00 ps aux\n", stderr: "" },
      { exitCode: 0, stdout: "UID          PID    PPID  C STIME TTY          TIME CMD\n" +
        "root           1       0  0 00:00 ?        00:00:00 node -e setInterval(()=>{},1000)\n" +
        "root           7       0  0 00:00 ?        00:00:00 ps -ef\n", stderr: "" },
      // GNU Wget: -q silences the error; exit 4 (network failure).
      { exitCode: 4, stdout: "", stderr: "" },
    ]);
  });
  it("python:*-slim is debian-slim plus python: no curl, no ps", () => {
    const steps = docker("docker run -d --name s python:3.12-slim sleep 3600", "docker exec s curl -s localhost\ndocker exec s sh -c ps");
    expect(steps.map(one)).toEqual([
      { exitCode: 127, stdout: "", stderr: 'OCI runtime exec failed: exec failed: unable to start container process: exec: "curl": executable file not found in $PATH: unknown\n' },
      { exitCode: 127, stdout: "", stderr: "sh: 1: ps: not found\n" },
    ]);
  });
  it("busybox ps shows what an entrypoint wrapper exec'd, not the wrapper", () => {
    const [s] = docker("docker run -d --name r redis:alpine", "docker exec r ps");
    expect(one(s!)).toEqual({ exitCode: 0, stdout: "PID   USER     TIME  COMMAND\n    1 root      0:00 redis-server\n    7 root      0:00 ps\n", stderr: "" });
  });
});

describe("the versions and variants tags stand for", () => {
  it("a line the version table does not date stands for its own first release, not the newest image", async () => {
    const { resolveImage } = await import("../../src/sim/images");
    const v = (r: string) => { const x = resolveImage(r); return x.ok ? x.image.version : x.message; };
    expect(["haproxy:2.4", "registry:2.7", "wordpress:5.8", "node:26", "mysql:lts", "mysql:innovation", "nginx:1.25"].map(v))
      .toEqual(["2.4.0", "2.7.0", "5.8.0", "26.0.0", "8.4.6", "9.1.0", "1.25.5"]);
  });
  it("wordpress:fpm runs php-fpm on 9000 (no Apache), and stops on SIGQUIT", () => {
    const steps = docker("docker run -d --name w wordpress:fpm", "docker ps --format '{{.Command}} {{.Ports}}'\ndocker logs w\ndocker stop w\ndocker logs --tail 2 w");
    expect(steps.map(one)).toEqual([
      { exitCode: 0, stdout: "\"docker-entrypoint.s…\" 9000/tcp\n", stderr: "" },
      { exitCode: 0, stdout: "", stderr: "WordPress not found in /var/www/html - copying now...\nComplete! WordPress has been successfully copied to /var/www/html\n" +
        "[10-Jan-2024 00:00:00] NOTICE: fpm is running, pid 1\n[10-Jan-2024 00:00:00] NOTICE: ready to handle connections\n" },
      { exitCode: 0, stdout: "w\n", stderr: "" },
      { exitCode: 0, stdout: "", stderr: "[10-Jan-2024 00:00:00] NOTICE: Terminating ...\n[10-Jan-2024 00:00:00] NOTICE: exiting, bye-bye!\n" },
    ]);
  });
  it("mongo ≤ 4.2 logs its timestamps with a +0000 offset", () => {
    const [s] = docker("docker run -d --name m mongo:4.2.0\nsleep 2", "docker logs m");
    expect(s!.stdout).toBe("2024-01-10T00:00:01.000+0000 I  NETWORK  [initandlisten] waiting for connections on port 27017\n");
  });
});

describe("mysql's default variant is Oracle Linux (bash as sh, microdnf), -debian is Debian", () => {
  it("sh errors are bash's, apt-get does not exist; the -debian tag keeps dash and apt-get", () => {
    const steps = docker("docker run -d --name m -e MYSQL_ROOT_PASSWORD=x mysql:8.0\ndocker run -d --name d -e MYSQL_ROOT_PASSWORD=x mysql:8.0-debian",
      "docker exec m sh -c foo\ndocker exec m apt-get update\ndocker exec m sh -c 'cd /nope'\ndocker exec d sh -c foo\ndocker exec m sh -c 'grep PRETTY /etc/os-release'");
    expect(steps.map(one)).toEqual([
      { exitCode: 127, stdout: "", stderr: "sh: line 1: foo: command not found\n" },
      { exitCode: 127, stdout: "", stderr: 'OCI runtime exec failed: exec failed: unable to start container process: exec: "apt-get": executable file not found in $PATH: unknown\n' },
      { exitCode: 1, stdout: "", stderr: "sh: line 1: cd: /nope: No such file or directory\n" },
      { exitCode: 127, stdout: "", stderr: "sh: 1: foo: not found\n" },
      { exitCode: 0, stdout: 'PRETTY_NAME="Oracle Linux Server 9.5"\n', stderr: "" },
    ]);
  });
});

describe("what servers log", () => {
  it("nginx logs a HEAD request with no body bytes sent", () => {
    const steps = docker("docker run -d --name n -p 8080:80 nginx", "curl -sI localhost:8080 >/dev/null\ndocker logs n 2>/dev/null | tail -1");
    expect(steps[1]!.stdout).toMatch(/^[\d.]+ - - \[10\/Jan\/2024:00:00:00 \+0000\] "HEAD \/ HTTP\/1\.1" 200 0 "-" "curl\/8\.5\.0" "-"\n$/);
  });
  it("gunicorn's graceful stop: each worker exits before the master", () => {
    const steps = docker("docker run -d --name v dockersamples/examplevotingapp_vote", "docker stop v\ndocker logs --tail 6 v");
    expect(steps[1]!.stderr.replace(/\[2024[^\]]*\] /g, "")).toBe(["[1] [INFO] Handling signal: term", "[8] [INFO] Worker exiting (pid: 8)",
      "[9] [INFO] Worker exiting (pid: 9)", "[10] [INFO] Worker exiting (pid: 10)", "[11] [INFO] Worker exiting (pid: 11)", "[1] [INFO] Shutting down: Master", ""].join("\n"));
  });
});

describe("the database images' clients", () => {
  it("mysql -e: batch output, the password warning, access denied, unknown database, socket not there yet", () => {
    const steps = docker("docker run -d --name m -e MYSQL_ROOT_PASSWORD=secret -e MYSQL_DATABASE=shop mysql:8.0",
      ["docker exec m mysql -uroot -psecret -e 'SHOW DATABASES'", "sleep 20", "docker exec m mysql -uroot -psecret -e 'SHOW DATABASES'",
        "docker exec m mysql -uroot -pwrong -e 'SELECT 1'", "docker exec m mysql -uroot -psecret -e 'CREATE DATABASE shop'",
        "docker exec m mysql -uroot -psecret nodb -e 'SELECT 1'"].join("\n"));
    const warn = "mysql: [Warning] Using a password on the command line interface can be insecure.\n";
    expect(steps.map(one)).toEqual([
      { exitCode: 1, stdout: "", stderr: warn + "ERROR 2002 (HY000): Can't connect to local MySQL server through socket '/var/run/mysqld/mysqld.sock' (2)\n" },
      { exitCode: 0, stdout: "", stderr: "" },
      { exitCode: 0, stdout: "Database\ninformation_schema\nmysql\nperformance_schema\nshop\nsys\n", stderr: warn },
      { exitCode: 1, stdout: "", stderr: warn + "ERROR 1045 (28000): Access denied for user 'root'@'localhost' (using password: YES)\n" },
      { exitCode: 1, stdout: "", stderr: warn + "ERROR 1007 (HY000) at line 1: Can't create database 'shop'; database exists\n" },
      { exitCode: 1, stdout: "", stderr: warn + "ERROR 1049 (42000): Unknown database 'nodb'\n" },
    ]);
  });
  it("psql: roles and databases the entrypoint made, psql's aligned tables, \\l in the server's layout", () => {
    const steps = docker("docker run -d --name p -e POSTGRES_PASSWORD=x postgres:14\nsleep 5",
      ["docker exec p psql -c 'SELECT 1'", "docker exec p psql -U postgres -c 'SELECT 1'", "docker exec p psql -U postgres -c 'CREATE DATABASE shop'",
        "docker exec p psql -U postgres -l", "docker exec p psql -U postgres -d nodb", "docker exec p psql -h nope -U postgres"].join("\n"));
    const socket = 'psql: error: connection to server on socket "/var/run/postgresql/.s.PGSQL.5432" failed: ';
    expect(steps.map(one)).toEqual([
      { exitCode: 2, stdout: "", stderr: socket + 'FATAL:  role "root" does not exist\n' },
      { exitCode: 0, stdout: " ?column? \n----------\n        1\n(1 row)\n\n", stderr: "" },
      { exitCode: 0, stdout: "CREATE DATABASE\n", stderr: "" },
      { exitCode: 0, stdout: [
        "                                 List of databases",
        "   Name    |  Owner   | Encoding |  Collate   |   Ctype    |   Access privileges   ",
        "-----------+----------+----------+------------+------------+-----------------------",
        " postgres  | postgres | UTF8     | en_US.utf8 | en_US.utf8 | ",
        " shop      | postgres | UTF8     | en_US.utf8 | en_US.utf8 | ",
        " template0 | postgres | UTF8     | en_US.utf8 | en_US.utf8 | =c/postgres          +",
        "           |          |          |            |            | postgres=CTc/postgres",
        " template1 | postgres | UTF8     | en_US.utf8 | en_US.utf8 | =c/postgres          +",
        "           |          |          |            |            | postgres=CTc/postgres",
        "(4 rows)", "", ""].join("\n"), stderr: "" },
      { exitCode: 2, stdout: "", stderr: socket + 'FATAL:  database "nodb" does not exist\n' },
      { exitCode: 2, stdout: "", stderr: 'psql: error: could not translate host name "nope" to address: Name or service not known\n' },
    ]);
  });
});

describe("curl says who it is", () => {
  it("the User-Agent is the curl of the image's distribution (or -A), as the server's access log shows", () => {
    const steps = docker("docker run -d --name n -p 8080:80 nginx\ndocker run -d --name a nginx:alpine",
      "curl -s localhost:8080 >/dev/null\ndocker exec n curl -s localhost\ndocker exec n curl -s -A probe/1 localhost\ndocker exec a curl -s localhost\n" +
      "docker logs n 2>/dev/null | tail -3 | cut -d'\"' -f6\ndocker logs a 2>/dev/null | tail -1 | cut -d'\"' -f6");
    expect(steps[4]!.stdout).toBe("curl/8.5.0\ncurl/7.88.1\nprobe/1\n");
    expect(steps[5]!.stdout).toBe("curl/8.11.1\n");
  });
});

describe("echoserver echoes the request", () => {
  it("its query string and request URI, nil without one", () => {
    const steps = kube(["kubectl create deployment echo --image=registry.k8s.io/echoserver:1.4", "kubectl expose deployment echo --port=8080",
      "kubectl run b --image=busybox -- sleep 3600", "kubectl exec b -- wget -qO- 'echo:8080/foo?x=1&y=2'", "kubectl exec b -- wget -qO- echo:8080/"].join("\n"));
    expect(steps[3]!.stdout).toContain("real path=/foo\nquery=x=1&y=2\nrequest_version=1.1\nrequest_uri=http://echo:8080/foo?x=1&y=2\n");
    expect(steps[4]!.stdout).toContain("real path=/\nquery=nil\nrequest_version=1.1\nrequest_uri=http://echo:8080/\n");
  });
});

describe("curl's connect error by version", () => {
  it("Debian's 7.88 and Ubuntu's 8.5 say Couldn't, Alpine's 8.11 Could not", () => {
    const steps = docker("docker run -d --name n nginx\ndocker run -d --name a nginx:alpine",
      "curl -sS localhost:9\ndocker exec n curl -sS localhost:9\ndocker exec a curl -sS localhost:9");
    expect(steps.map((s) => s.stderr)).toEqual([
      "curl: (7) Failed to connect to localhost port 9 after 0 ms: Couldn't connect to server\n",
      "curl: (7) Failed to connect to localhost port 9 after 0 ms: Couldn't connect to server\n",
      "curl: (7) Failed to connect to localhost port 9 after 0 ms: Could not connect to server\n",
    ]);
  });
});

describe("postgres' entrypoint warnings", () => {
  it("POSTGRES_HOST_AUTH_METHOD=trust prints the boxed warning before initdb, on a first start only", () => {
    const steps = docker("docker run -d --name p -e POSTGRES_HOST_AUTH_METHOD=trust postgres:16\nsleep 5", "docker logs p\ndocker restart p\nsleep 5\ndocker logs --since 6s p");
    expect(steps[0]!.stderr.startsWith("********************************************************************************\n" +
      'WARNING: POSTGRES_HOST_AUTH_METHOD has been set to "trust". This will allow\n')).toBe(true);
    expect(steps[0]!.stderr).toContain('         "docker run".\n********************************************************************************\ninitdb: warning:');
  });
});

describe("GNU Wget in Debian-based images", () => {
  it("-q silences errors too; the status says why (4 network, 8 server error); the log walks through the request", () => {
    const steps = docker("docker network create n\ndocker run -d --name w --network n nginx\ndocker run -d --name c --network n node:20 sleep 1000",
      "docker exec c wget -qO- nope\ndocker exec c wget -q w/x\ndocker exec c wget -O- w/x\ndocker exec c wget -O- nope");
    expect(steps.map(one)).toEqual([
      { exitCode: 4, stdout: "", stderr: "" },
      { exitCode: 8, stdout: "", stderr: "" },
      { exitCode: 8, stdout: "", stderr: "--2024-01-10 00:00:00--  http://w/x\nResolving w (w)... 172.19.0.2\nConnecting to w (w)|172.19.0.2|:80... connected.\n" +
        "HTTP request sent, awaiting response... 404 Not Found\n2024-01-10 00:00:00 ERROR 404: Not Found.\n\n" },
      { exitCode: 4, stdout: "", stderr: "--2024-01-10 00:00:00--  http://nope/\nResolving nope (nope)... failed: Name or service not known.\nwget: unable to resolve host address 'nope'\n" },
    ]);
  });
});

describe("a container's interfaces", () => {
  it("busybox ip addr / ip route / ifconfig show eth0 with the container's address (Docker bridge /16, pod /24)", () => {
    const steps = docker("docker run -d --name b busybox sleep 1000", "docker exec b ip a\ndocker exec b ip route\ndocker exec b ifconfig");
    const addr = /inet (172\.\d+\.0\.\d+)\/16 brd (172\.\d+)\.255\.255 scope global eth0\n/.exec(steps[0]!.stdout);
    expect(addr).not.toBeNull();
    expect(steps[0]!.stdout.startsWith("1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue qlen 1000\n")).toBe(true);
    expect(steps[1]!.stdout).toBe(`default via ${addr![2]}.0.1 dev eth0 \n${addr![2]}.0.0/16 dev eth0 scope link  src ${addr![1]} \n`);
    expect(steps[2]!.stdout).toContain(`          inet addr:${addr![1]}  Bcast:${addr![2]}.255.255  Mask:255.255.0.0\n`);
    const pod = kube("kubectl run b --image=busybox -- sleep 1000\nkubectl exec b -- ip a\nkubectl get pod b -o jsonpath='{.status.podIP}'");
    expect(pod[1]!.stdout).toContain(`    inet ${pod[2]!.stdout}/24 brd `);
  });
});

describe("iputils ping in Debian/Ubuntu images", () => {
  it("after apt-get install iputils-ping: iputils' layout, exit 2 for an unknown name", () => {
    const steps = docker("docker run -d --name u ubuntu sleep 1000\ndocker exec u sh -c 'apt-get update >/dev/null && apt-get install -y iputils-ping >/dev/null 2>&1'",
      "docker exec u ping -c 2 localhost\ndocker exec u ping -c 1 nope");
    expect(steps.map(one)).toEqual([
      { exitCode: 0, stderr: "", stdout: "PING localhost (127.0.0.1) 56(84) bytes of data.\n64 bytes from localhost (127.0.0.1): icmp_seq=1 ttl=64 time=0.030 ms\n" +
        "64 bytes from localhost (127.0.0.1): icmp_seq=2 ttl=64 time=0.037 ms\n\n--- localhost ping statistics ---\n" +
        "2 packets transmitted, 2 received, 0% packet loss, time 1002ms\nrtt min/avg/max/mdev = 0.030/0.034/0.037/0.003 ms\n" },
      { exitCode: 2, stdout: "", stderr: "ping: nope: Name or service not known\n" },
    ]);
  });
});

describe("mysql's password option", () => {
  it("is attached (-pSECRET, --password=); -u takes a separate value", () => {
    const steps = docker("docker run -d --name m -e MYSQL_ROOT_PASSWORD=x mysql:8.0\nsleep 20",
      "docker exec m mysql -u root -px -e 'SELECT 1'\ndocker exec m mysql --user=root --password=x mysql -e 'SELECT 1'");
    expect(steps.map((s) => [s.exitCode, s.stdout])).toEqual([[0, "1\n1\n"], [0, "1\n1\n"]]);
  });
});
