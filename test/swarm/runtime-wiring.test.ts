// Swarm networking as task containers and attached standalone containers see it: the allocator
// gives each task an address on its networks (after the service's virtual IPs, ingress first when
// the service publishes there); Docker's embedded DNS answers a service's name with its VIP
// (dnsrr: the tasks' addresses) and `tasks.SERVICE` with every task's address; the VIP balances
// to a running task; `hostname -i` in a task is its address on its first network other than ingress.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

const ONE_NODE = { hosts: [{ name: "m1", ip: "10.0.0.11" }], swarm: { managers: ["m1"], workers: [] } };
const SETUP = [
  "docker network create -d overlay --attachable net",
  "docker service create -q --name web --network net --replicas 2 -p 8080:80 nginx",
  "docker service create -q --name rr --endpoint-mode dnsrr --network net nginx",
  "docker pull -q busybox",
  "docker run -d --name c1 --network net busybox sleep 1d",
];
const after = (...cmds: string[]) =>
  new Session({ seed: "swarm-wiring", cluster: ONE_NODE }).run([...SETUP, ...cmds].join("\n"), { allowSim: false }).slice(SETUP.length);

const dns = (name: string, addresses: string[]) =>
  `Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\n${addresses.map((a) => `Name:\t${name}\nAddress: ${a}\n`).join("")}\n`;

describe("swarm task addresses and embedded DNS", () => {
  it("VIPs come first on each network, then the tasks' attachments in creation order (ingress first)", () => {
    const steps = after(
      "docker service inspect -f '{{range .Endpoint.VirtualIPs}}{{.Addr}} {{end}}' web",
      "docker inspect -f '{{range .NetworksAttachments}}{{index .Addresses 0}} {{end}}' $(docker service ps -q -f desired-state=running web)",
    );
    expect(steps[0]!.stdout).toBe("10.0.0.2/24 10.0.1.2/24 \n");
    expect(steps[1]!.stdout).toBe("10.0.0.3/24 10.0.1.3/24 \n10.0.0.4/24 10.0.1.4/24 \n");
  });

  it("service name → VIP, tasks.SERVICE → every task, dnsrr → the tasks; a standalone container takes a free address", () => {
    const steps = after("docker exec c1 nslookup web", "docker exec c1 nslookup tasks.web", "docker exec c1 nslookup rr", "docker exec c1 hostname -i");
    expect(steps[0]).toMatchObject({ exitCode: 0, stdout: dns("web", ["10.0.1.2"]) });
    expect(steps[1]).toMatchObject({ exitCode: 0, stdout: dns("tasks.web", ["10.0.1.3", "10.0.1.4"]) });
    expect(steps[2]).toMatchObject({ exitCode: 0, stdout: dns("rr", ["10.0.1.5"]) });
    expect(steps[3]).toMatchObject({ exitCode: 0, stdout: "10.0.1.6\n" });
  });

  it("a task's hostname -i is its overlay address, not the ingress one; the VIP reaches a running task", () => {
    const steps = after(
      "docker exec $(docker ps -q -f name=web.1) hostname -i",
      "docker exec c1 wget -O /dev/null http://web/",
      "docker exec $(docker ps -q -f name=web.1) curl -s -o /dev/null -w '%{http_code} %{remote_ip}\\n' http://rr/",
    );
    expect(steps[0]).toMatchObject({ exitCode: 0, stdout: "10.0.1.3\n" });
    expect(steps[1]!.exitCode).toBe(0);
    expect(steps[1]!.stderr.split("\n")[0]).toBe("Connecting to web (10.0.1.2:80)");
    expect(steps[2]).toMatchObject({ exitCode: 0, stdout: "200 10.0.1.5\n" });
  });

  it("connections to a VIP go to the service's running tasks in turn", () => {
    const steps = after(
      "docker exec c1 wget -qO /dev/null http://web/", "docker exec c1 wget -qO /dev/null http://web/",
      "docker exec c1 wget -qO /dev/null http://web/", "docker service logs web",
    );
    const served = steps[3]!.stdout.split("\n").filter((l) => l.includes('"GET / HTTP/1.1"')).map((l) => l.split(".")[1]);
    // Logs are grouped by task: web.1 served the first and third, web.2 the second.
    expect(served.sort()).toEqual(["1", "1", "2"]);
  });
});

describe("a stack's services answer to their compose names", () => {
  it("the voting app's worker finds redis by its short name (the alias stack deploy gives) and keeps running", () => {
    const steps = new Session({ seed: "swarm-wiring", cluster: ONE_NODE }).run([
      "cat > stack.yml <<EOF", "services:", "  worker:", "    image: dockersamples/examplevotingapp_worker", "    networks: [backend]",
      "  redis:", "    image: redis:alpine", "    networks: [backend]", "networks:", "  backend:", "EOF",
      "docker stack deploy -c stack.yml vote", "sleep 30",
      "docker service ps --format '{{.CurrentState}}' vote_worker",
      "docker exec $(docker ps -q -f name=vote_redis) nslookup worker",
    ].join("\n"), { allowSim: false }).slice(3);
    expect(steps[0]!.stdout).toBe("Running 30 seconds ago\n");
    expect(steps[1]!.exitCode).toBe(0);
    expect(steps[1]!.stdout).toMatch(/^Server:\t\t127\.0\.0\.11\nAddress:\t127\.0\.0\.11:53\n\nName:\tworker\nAddress: 10\.0\.\d+\.\d+\n\n$/);
  });
});
