import { Session } from "../../src/sim";
const nodes = Number(process.argv[2] ?? 200);
const replicas = Number(process.argv[3] ?? 2000);
const t0 = performance.now();
const s = new Session({ seed: "perf", cluster: { hosts: [{ name: "cp" }], generate: { prefix: "node", count: nodes }, kubernetes: { controlPlane: ["cp"], workers: Array.from({ length: nodes }, (_, i) => `node${i + 1}`) } } as any });
const t1 = performance.now();
const steps = s.run(`kubectl create deployment big --image=nginx:1.25 --replicas=${replicas}
kubectl get deploy big`, { allowSim: true });
const t2 = performance.now();
console.log(steps.map((x) => x.stdout + x.stderr).join(""));
console.log(`session ${(t1 - t0).toFixed(0)}ms, run ${(t2 - t1).toFixed(0)}ms, events ${s.world.events.length}, warnings ${s.world.warnings}`);
if (process.argv[4] === "rollout") {
  const t3 = performance.now();
  const steps2 = s.run(`kubectl set image deployment/big nginx=nginx:1.26
kubectl rollout status deployment/big | tail -2
kubectl get deploy big`, { allowSim: true });
  console.log(steps2.map((x) => x.stdout.slice(-300) + x.stderr).join(""));
  console.log(`rollout ${(performance.now() - t3).toFixed(0)}ms`);
}
