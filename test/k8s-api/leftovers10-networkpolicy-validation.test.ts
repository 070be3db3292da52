// NetworkPolicy validation as the v1.30 API server does it (pkg/apis/networking/validation
// ValidateNetworkPolicySpec / ValidateNetworkPolicyPort / ValidateNetworkPolicyPeer / ValidateIPBlock):
// the real messages, field paths and order, as kubectl prints them.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

function run(script: string) {
  const s = new Session({ seed: "leftovers10-netpol", cluster: { hosts: [{ name: "cp", ip: "10.0.0.10" }, { name: "w1", ip: "10.0.0.11" }], kubernetes: { controlPlane: ["cp"], workers: ["w1"] } } });
  return s.run(script, { allowSim: false });
}

const policy = (ports: string, extra = "") => `cat <<'EOF' | kubectl apply -f -
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: db
spec:
  podSelector:
    matchLabels: {app: db}
  policyTypes: [Ingress]
  ingress:
  - from:
    - podSelector:
        matchLabels: {app: api}
    ports:
${ports}${extra}
EOF`;

describe("NetworkPolicy ports: endPort", () => {
  it("a valid range is accepted and kept", () => {
    const steps = run(`${policy("    - protocol: TCP\n      port: 32000\n      endPort: 32768")}\nkubectl get networkpolicy db -o jsonpath='{.spec.ingress[0].ports}'`);
    expect(steps[0]).toMatchObject({ exitCode: 0, stdout: "networkpolicy.networking.k8s.io/db created\n" });
    expect(JSON.parse(steps[1]!.stdout)).toEqual([{ endPort: 32768, port: 32000, protocol: "TCP" }]);
  });

  it("endPort below port: reported at endPort with the port's value (v1.30)", () => {
    const [step] = run(policy("    - port: 8080\n      endPort: 80"));
    expect(step).toMatchObject({
      exitCode: 1, stdout: "",
      stderr: 'The NetworkPolicy "db" is invalid: spec.ingress[0].ports[0].endPort: Invalid value: 8080: must be greater than or equal to `port`\n',
    });
  });

  it("endPort without a port", () => {
    const [step] = run(policy("    - protocol: TCP\n      endPort: 9000"));
    expect(step!.stderr).toBe('The NetworkPolicy "db" is invalid: spec.ingress[0].ports[0].endPort: Invalid value: 9000: may not be specified when `port` is not specified\n');
    expect(step!.exitCode).toBe(1);
  });

  it("endPort with a named port", () => {
    const [step] = run(policy("    - port: http\n      endPort: 9000"));
    expect(step!.stderr).toBe('The NetworkPolicy "db" is invalid: spec.ingress[0].ports[0].endPort: Invalid value: 9000: may not be specified when `port` is non-numeric\n');
  });

  it("an endPort out of range, and below the port, gives both errors", () => {
    const [step] = run(policy("    - port: 8080\n      endPort: 0"));
    expect(step!.stderr).toBe([
      'The NetworkPolicy "db" is invalid: ',
      "* spec.ingress[0].ports[0].endPort: Invalid value: 8080: must be greater than or equal to `port`",
      "* spec.ingress[0].ports[0].endPort: Invalid value: 0: must be between 1 and 65535, inclusive",
      "",
    ].join("\n"));
  });

  it("port problems come in the validator's order, rule by rule", () => {
    const [step] = run(policy("    - protocol: ICMP\n      port: 70000\n    - port: 80\n      endPort: 70", "\n  egress:\n  - ports:\n    - port: web_port\n      endPort: 8080"));
    expect(step!.stderr).toBe([
      'The NetworkPolicy "db" is invalid: ',
      '* spec.ingress[0].ports[0].protocol: Unsupported value: "ICMP": supported values: "TCP", "UDP", "SCTP"',
      "* spec.ingress[0].ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive",
      "* spec.ingress[0].ports[1].endPort: Invalid value: 80: must be greater than or equal to `port`",
      "* spec.egress[0].ports[0].endPort: Invalid value: 8080: may not be specified when `port` is non-numeric",
      '* spec.egress[0].ports[0].port: Invalid value: "web_port": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      "",
    ].join("\n"));
  });

  it("nothing is stored when the policy is refused", () => {
    const steps = run(`${policy("    - port: 8080\n      endPort: 80")}\nkubectl get networkpolicy`);
    expect(steps[1]).toMatchObject({ exitCode: 0, stdout: "", stderr: "No resources found in default namespace.\n" });
  });
});

describe("NetworkPolicy peers and policyTypes", () => {
  const file = (body: string) => `cat > np.yaml <<'EOF'\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: np\nspec:\n  podSelector: {}\n${body}\nEOF\nkubectl create -f np.yaml`;

  it("an empty peer, ipBlock with another peer, excepts outside the cidr", () => {
    const steps = run(file("  ingress:\n  - from:\n    - {}\n    - ipBlock:\n        cidr: 10.0.0.0/8\n        except: [10.1.0.0/16, 192.168.0.0/24, 10.0.0.0/8]\n      namespaceSelector: {}"));
    expect(steps[1]!.stderr).toBe([
      'The NetworkPolicy "np" is invalid: ',
      "* spec.ingress[0].from[0]: Required value: must specify a peer",
      '* spec.ingress[0].from[1].ipBlock.except[1]: Invalid value: "192.168.0.0/24": must be a strict subset of `cidr`',
      '* spec.ingress[0].from[1].ipBlock.except[2]: Invalid value: "10.0.0.0/8": must be a strict subset of `cidr`',
      "* spec.ingress[0].from[1]: Forbidden: may not specify both ipBlock and another peer",
      "",
    ].join("\n"));
  });

  it("an unparsable cidr, and an ipBlock without one", () => {
    const steps = run(file("  egress:\n  - to:\n    - ipBlock: {cidr: 10.0.0/8}\n    - ipBlock: {except: [10.0.0.0/24]}\n    - ipBlock: {cidr: 'fd00::/8', except: ['fd00:1::/32']}"));
    expect(steps[1]!.stderr).toBe([
      'The NetworkPolicy "np" is invalid: ',
      '* spec.egress[0].to[0].ipBlock.cidr: Invalid value: "10.0.0/8": not a valid CIDR',
      "* spec.egress[0].to[1].ipBlock.cidr: Required value",
      "",
    ].join("\n"));
  });

  it("policyTypes: unknown values, and more than two", () => {
    expect(run(file("  policyTypes: [Ingress, egress]"))[1]!.stderr).toBe('The NetworkPolicy "np" is invalid: spec.policyTypes[1]: Unsupported value: "egress": supported values: "Ingress", "Egress"\n');
    expect(run(file("  policyTypes: [Ingress, Egress, Ingress]"))[1]!.stderr).toBe('The NetworkPolicy "np" is invalid: spec.policyTypes: Invalid value: []networking.PolicyType{"Ingress", "Egress", "Ingress"}: may not specify more than two policyTypes\n');
  });

  it("a bad selector in a peer is the label selector's error", () => {
    const steps = run(file("  ingress:\n  - from:\n    - podSelector:\n        matchExpressions:\n        - {key: app, operator: Equals, values: [a]}"));
    expect(steps[1]!.stderr).toBe('The NetworkPolicy "np" is invalid: spec.ingress[0].from[0].podSelector.matchExpressions[0].operator: Invalid value: "Equals": not a valid selector operator\n');
  });
});
