// The perl image and its one-liners (src/sim/runtime/shell/commands-perl.ts): the Kubernetes
// documentation's Job example prints π to the asked number of significant digits.
import { describe, expect, it } from "vitest";
import { replay } from "../../src/sim";
import { TWO_NODES as cluster } from "../k8s-controllers/replay";
import { bpi } from "../../src/sim/runtime/shell/commands-perl";

const PI50 = "3.1415926535897932384626433832795028841971693993751";

describe("perl", () => {
  it("bpi(N) rounds π to N significant digits like Math::BigFloat", () => {
    expect(bpi(20)).toBe("3.1415926535897932385");
    expect(bpi(50)).toBe(PI50);
    expect(bpi(51)).toBe(`${PI50}1`); // …93751|058 rounds up
    expect(bpi(1000).length).toBe(1001);
    expect(bpi(1000).startsWith("3.1415926535897932384626433832795028841971693993751058209749445923078164062862089986280348253421170679")).toBe(true);
  });
  it("runs the documentation's pi Job to completion", () => {
    const job = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: pi}\nspec:\n  template:\n    spec:\n      containers:\n      - name: pi\n        image: perl:5.34.0\n        command: [\"perl\", \"-Mbignum=bpi\", \"-wle\", \"print bpi(2000)\"]\n      restartPolicy: Never\n  backoffLimit: 4\n";
    const { transcript } = replay("kubectl apply -f job.yaml\nkubectl get job pi --no-headers\nkubectl logs job/pi", { seed: "pi", cluster, files: { "job.yaml": job } } as never);
    const out = (transcript.steps as unknown as { stdout?: string }[]).map((s) => s.stdout ?? "");
    expect(out[1]).toMatch(/^pi +Complete +1\/1 /);
    expect(out[2]!.startsWith(PI50)).toBe(true);
    expect(out[2]!.length).toBe(2002);
  });
  it("prints literals, refuses what it does not simulate", () => {
    const { transcript } = replay(`docker run --rm perl perl -e 'print "hi\\n"'\ndocker run --rm perl perl -le 'print 42, "x"'\ndocker run --rm perl perl -e 'my $x = 1'`, { seed: "perl" } as never);
    const steps = transcript.steps as unknown as { stdout?: string; stderr?: string; exitCode?: number }[];
    expect(steps[0]!.stdout).toBe("hi\n");
    expect(steps[1]!.stdout).toBe("42x\n");
    expect(steps[2]!.exitCode).toBe(255);
    expect(steps[2]!.stderr).toContain("clustergrade: this perl (my $x = 1) is not simulated");
  });
});
