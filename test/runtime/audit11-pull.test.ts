// A registry on the machine's loopback (localhost:5000, 127.0.0.1:5000) is insecure by default:
// with nothing listening the daemon's last try is plain HTTP and the dial is refused — not a DNS
// failure, since localhost always resolves.

import { describe, expect, it } from "vitest";
import { dockerPullErrorMessage, k8sPullFailedMessage } from "../../src/sim/images/pull-messages";
import { parseImageReference } from "../../src/sim/images/reference";
import { docker } from "./replay-helpers";

const ref = (s: string) => {
  const r = parseImageReference(s);
  if (!r.ok) throw new Error(s);
  return r.ref;
};

describe("a loopback registry with nothing listening", () => {
  it("docker pull / run", () => {
    expect(docker("", "docker pull localhost:5000/app")[0]).toMatchObject({ exitCode: 1, stdout: "Using default tag: latest\n",
      stderr: 'Error response from daemon: Get "http://localhost:5000/v2/": dial tcp [::1]:5000: connect: connection refused\n' });
    expect(dockerPullErrorMessage(ref("127.0.0.1:5000/app:1.0"), "registry-unreachable")).toBe('Get "http://127.0.0.1:5000/v2/": dial tcp 127.0.0.1:5000: connect: connection refused');
  });
  it("an unknown remote host is still a DNS failure", () => {
    expect(dockerPullErrorMessage(ref("myregistry.local/app:1.0"), "registry-unreachable")).toBe('Get "https://myregistry.local/v2/": dial tcp: lookup myregistry.local on 127.0.0.53:53: no such host');
  });
  it("the kubelet: containerd's plain HTTP to localhost", () => {
    expect(k8sPullFailedMessage("localhost:5000/app:1.0", ref("localhost:5000/app:1.0"), "registry-unreachable")).toBe(
      'Failed to pull image "localhost:5000/app:1.0": rpc error: code = Unknown desc = failed to pull and unpack image "localhost:5000/app:1.0": ' +
      'failed to resolve reference "localhost:5000/app:1.0": failed to do request: Head "http://localhost:5000/v2/app/manifests/1.0": dial tcp [::1]:5000: connect: connection refused');
  });
});
