// Text tools on the student's machine: the container shell's implementations with GNU wording,
// over the machine's working files (src/sim/programs/host-tools.ts).
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

const session = () =>
  new Session({
    seed: "t",
    cluster: {
      hosts: [{ name: "controlplane" }, { name: "node01" }, { name: "node02" }],
      kubernetes: { controlPlane: ["controlplane"], workers: ["node01", "node02"] },
    },
  });

const run = (script: string) => session().run(script, { allowSim: false });

describe("text tools on the student's machine", () => {
  it("filter kubectl output in pipelines (awk, sort, uniq -c, cut, tr)", () => {
    const steps = run([
      "kubectl create deployment web --image=nginx:1.25 --replicas=3",
      "kubectl get pods --no-headers -o wide | awk '{print $7}' | sort | uniq -c",
      "kubectl get pods | cut -d' ' -f1 | head -1",
      "echo hello | tr a-z A-Z",
    ].join("\n"));
    // Three replicas over two equal workers: a 2/1 split, which way the seeded tie-break decides.
    expect(steps[1]!.stdout).toMatch(/^      (2 node01\n      1 node02|1 node01\n      2 node02)\n$/);
    expect(steps[2]!.stdout).toBe("NAME\n");
    expect(steps[3]!.stdout).toBe("HELLO\n");
  });

  it("edit manifests in place with sed -i, copy and move them", () => {
    const steps = run([
      "kubectl create deployment web --image=nginx:1.25 --dry-run=client -o yaml > web.yaml",
      "sed -i 's/nginx:1.25/nginx:1.26/' web.yaml",
      "cp web.yaml copy.yaml && mv copy.yaml moved.yaml",
      "grep image: moved.yaml",
      "kubectl apply -f moved.yaml",
      "kubectl get deploy web -o jsonpath='{.spec.template.spec.containers[0].image}'",
      "ls",
    ].join("\n"));
    expect(steps.map((s) => s.exitCode)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(steps[3]!.stdout).toBe("      - image: nginx:1.26\n");
    expect(steps[5]!.stdout).toBe("nginx:1.26");
    expect(steps[6]!.stdout).toBe("moved.yaml\nweb.yaml\n");
  });

  it("grep shows context as GNU grep does (-A/-B/-C, -n, -- between groups, -q)", () => {
    const steps = run([
      "printf 'a\\nb\\nc\\nd\\ne\\nf\\ng\\nc\\n' > f.txt",
      "grep -A1 c f.txt",
      "grep -B1 -n e f.txt",
      "grep -q zzz f.txt",
      "kubectl run p --image=nginx:1.25",
      "kubectl describe pod p | grep -A1 'State:'",
    ].join("\n"));
    expect(steps[1]!.stdout).toBe("c\nd\n--\nc\n");
    expect(steps[2]!.stdout).toBe("4-d\n5:e\n");
    expect([steps[3]!.exitCode, steps[3]!.stdout]).toEqual([1, ""]);
    expect(steps[5]!.stdout).toBe("    State:          Running\n      Started:      Wed, 10 Jan 2024 00:00:00 +0000\n");
  });

  it("curl and wget reach what listens on the machines: NodePorts, ClusterIPs, published container ports", () => {
    const steps = run([
      "kubectl create deployment web --image=nginx:1.25 --replicas=2",
      "kubectl create service nodeport web --tcp=80:80 --node-port=30080",
      "curl -s node01:30080 | grep title",
      "curl -s -o /dev/null -w '%{http_code}\\n' localhost:30080/nope",
      "curl -s $(kubectl get svc web -o jsonpath='{.spec.clusterIP}') | grep -c nginx",
      "curl localhost:8080",
      "curl nohost",
      "docker run -d --name w -p 8080:80 nginx:1.25 >/dev/null 2>&1",
      "wget -qO- http://localhost:8080 | grep title",
    ].join("\n"));
    expect(steps[2]!.stdout).toBe("<title>Welcome to nginx!</title>\n");
    expect(steps[3]!.stdout).toBe("404\n");
    expect(steps[4]!.stdout).not.toBe("0\n");
    expect([steps[5]!.exitCode, steps[5]!.stderr]).toEqual([7, "curl: (7) Failed to connect to localhost port 8080 after 0 ms: Couldn't connect to server\n"]);
    expect([steps[6]!.exitCode, steps[6]!.stderr]).toEqual([6, "curl: (6) Could not resolve host: nohost\n"]);
    expect(steps[8]!.stdout).toBe("<title>Welcome to nginx!</title>\n");
  });

  it("the swarm routing mesh answers on every node; a host-mode port only where its task runs", () => {
    const steps = new Session({
      seed: "t",
      cluster: { hosts: [{ name: "manager1", ip: "10.0.0.11" }, { name: "worker1", ip: "10.0.0.12" }], swarm: { managers: ["manager1"], workers: ["worker1"] } },
    }).run([
      "docker service create -d --name echo --replicas 2 -p 9000:5678 hashicorp/http-echo:1.0 -text=hello",
      "curl -s localhost:9000",
      "curl -s worker1:9000",
      "docker service create -d --name hostmode --publish mode=host,published=8081,target=80 nginx:1.25",
      "docker service ps hostmode --format '{{.Node}}'",
      "ssh manager1 curl -s -o /dev/null -w '%{http_code}' localhost:8081",
      "ssh worker1 curl -s -o /dev/null -w '%{http_code}' localhost:8081",
    ].join("\n"), { allowSim: false });
    expect(steps[1]!.stdout).toBe("hello\n");
    expect(steps[2]!.stdout).toBe("hello\n");
    const onManager = steps[4]!.stdout === "manager1\n";
    expect([steps[5]!.stdout, steps[6]!.stdout]).toEqual(onManager ? ["200", "000"] : ["000", "200"]);
  });

  it("ping (iputils) reaches the machines by name or address, time passing a second per packet", () => {
    const steps = new Session({ seed: "t", cluster: { hosts: [{ name: "manager1", ip: "10.0.0.11" }, { name: "worker1", ip: "10.0.0.12" }] } })
      .run("ping -c 2 worker1\nping -c 1 nohost\nsim node down worker1\nping -c 1 worker1", { allowSim: true });
    expect(steps[0]!.stdout).toBe([
      "PING worker1 (10.0.0.12) 56(84) bytes of data.",
      "64 bytes from worker1 (10.0.0.12): icmp_seq=1 ttl=64 time=0.391 ms",
      "64 bytes from worker1 (10.0.0.12): icmp_seq=2 ttl=64 time=0.432 ms",
      "",
      "--- worker1 ping statistics ---",
      "2 packets transmitted, 2 received, 0% packet loss, time 1002ms",
      "rtt min/avg/max/mdev = 0.391/0.411/0.432/0.020 ms",
      "",
    ].join("\n"));
    expect([steps[1]!.exitCode, steps[1]!.stderr]).toEqual([2, "ping: nohost: Name or service not known\n"]);
    expect(steps[3]!.exitCode).toBe(1);
    expect(steps[3]!.stdout).toContain("From 10.0.0.11 icmp_seq=1 Destination Host Unreachable\n");
    expect(steps[3]!.stdout).toContain("1 packets transmitted, 0 received, +1 errors, 100% packet loss, time 0ms\n");
  });

  it("a machine describes itself: hostname -I, ip addr (every NIC of a multi-homed machine), whoami, date, which", () => {
    const steps = new Session({
      seed: "t",
      cluster: { hosts: [{ name: "manager1", ip: "10.0.0.11", interfaces: [{ name: "eth1", ip: "192.168.56.11" }] }] },
    }).run("hostname -I\nip -4 addr show eth1\nip -4 a show eth9\nwhoami\ndate\nwhich docker kubectl", { allowSim: false });
    expect(steps[0]!.stdout).toBe("10.0.0.11 192.168.56.11 \n");
    expect(steps[1]!.stdout).toBe([
      "3: eth1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP group default qlen 1000",
      "    inet 192.168.56.11/24 brd 192.168.56.255 scope global eth1",
      "       valid_lft forever preferred_lft forever",
      "",
    ].join("\n"));
    expect([steps[2]!.exitCode, steps[2]!.stderr]).toEqual([1, 'Device "eth9" does not exist.\n']);
    expect(steps.slice(3).map((x) => x.stdout)).toEqual(["root\n", "Wed Jan 10 00:00:00 UTC 2024\n", "/usr/bin/docker\n/usr/bin/kubectl\n"]);
  });

  it("sudo runs the command (recorded as that command); systemctl restart docker re-locks an autolocked manager", () => {
    const session = new Session({ seed: "t", cluster: { hosts: [{ name: "manager1", ip: "10.0.0.11" }] } });
    const steps = session.run([
      "sudo docker swarm init --autolock --advertise-addr 10.0.0.11 >/dev/null",
      "sudo systemctl restart docker",
      "sudo docker node ls",
      "systemctl status docker | head -1",
      "systemctl stop docker",
    ].join("\n"), { allowSim: false });
    expect(steps.map((x) => x.exitCode)).toEqual([0, 0, 1, 0, 1]);
    expect(steps[2]!.stderr).toContain("Swarm is encrypted and needs to be unlocked before it can be used.");
    expect(steps[3]!.stdout).toBe("● docker.service - Docker Application Container Engine\n");
    expect(steps[4]!.stderr).toBe("clustergrade: systemctl stop docker is not simulated (restart and status are)\n");
    expect(session.world.commands.map((c) => c.argv[0])).not.toContain("sudo");
  });

  it("fail on missing files as GNU coreutils do", () => {
    const steps = run("sed -n 1p nofile.yaml\ncut -d: -f1 missing\nmv nothere x\ntee /nodir/x < /dev/null");
    expect(steps.map((s) => [s.exitCode, s.stderr])).toEqual([
      [2, "sed: can't read nofile.yaml: No such file or directory\n"],
      [1, "cut: missing: No such file or directory\n"],
      [1, "mv: cannot stat 'nothere': No such file or directory\n"],
      [1, "tee: /nodir/x: No such file or directory\n"],
    ]);
  });
});

describe("ls on the machines (GNU, without -l)", () => {
  it("lists files, then each directory under a header when given several, hides dot entries but for -a/-A", () => {
    const steps = run([
      "ls /etc/kubernetes/manifests",
      "ssh node01 ls /nope /var/lib/kubelet /etc/kubernetes/kubelet.conf",
      "touch .hidden visible",
      "ls",
      "ls -a",
      "ls -A",
      "mkdir d && ls -d d /root /etc",
    ].join("\n"));
    expect(steps[0]!.stdout).toBe("etcd.yaml\nkube-apiserver.yaml\nkube-controller-manager.yaml\nkube-scheduler.yaml\n");
    expect(steps[1]!.stdout).toBe("/etc/kubernetes/kubelet.conf\n\n/var/lib/kubelet:\nconfig.yaml\nkubeadm-flags.env\npki\n");
    expect(steps[1]!.stderr).toBe("ls: cannot access '/nope': No such file or directory\n");
    expect(steps[1]!.exitCode).toBe(2);
    expect(steps[3]!.stdout).not.toContain(".hidden");
    expect(steps[4]!.stdout).toMatch(/^\.\n\.\.\n\.hidden\n/);
    expect(steps[5]!.stdout).toMatch(/^\.hidden\n/);
    expect(steps[6]!.stdout).toBe("/etc\n/root\nd\n"); // -d: the directories themselves
  });
});
