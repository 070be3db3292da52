// What kubeadm leaves on the control-plane machine (manifests, kubeconfigs, pki, the kubelet's
// config) and in kube-system (its ConfigMaps): the static pod manifests are the control plane's
// source — the mirror pods show their spec, and an edited manifest restarts its pod.
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { session } from "./helpers";

describe("kubeadm's files on the control-plane machine", () => {
  it("are there to ls and cat", () => {
    const out = session([
      "ls /etc/kubernetes", "ls /etc/kubernetes/manifests", "ls /etc/kubernetes/pki/etcd",
      "head -1 /etc/kubernetes/pki/ca.crt", "grep staticPodPath /var/lib/kubelet/config.yaml",
      "grep current-context /etc/kubernetes/admin.conf",
    ]);
    expect(out(0)).toBe("admin.conf\ncontroller-manager.conf\nkubelet.conf\nmanifests\npki\nscheduler.conf\nsuper-admin.conf\n");
    expect(out(1)).toBe("etcd.yaml\nkube-apiserver.yaml\nkube-controller-manager.yaml\nkube-scheduler.yaml\n");
    expect(out(2)).toBe("ca.crt\nca.key\nhealthcheck-client.crt\nhealthcheck-client.key\npeer.crt\npeer.key\nserver.crt\nserver.key\n");
    expect(out(3)).toBe("-----BEGIN CERTIFICATE-----\n");
    expect(out(4)).toBe("staticPodPath: /etc/kubernetes/manifests\n");
    expect(out(5)).toBe("current-context: kubernetes-admin@kubernetes\n");
  });

  it("hold the manifests the mirror pods show, Ready from the start", () => {
    const out = session([
      "cat /etc/kubernetes/manifests/kube-apiserver.yaml",
      "kubectl get pod -n kube-system kube-apiserver-cp -o json",
      "kubectl get pods -n kube-system --no-headers -l tier=control-plane",
    ]);
    const file = parse(out(0));
    const mirror = JSON.parse(out(1));
    expect(file.metadata).toMatchObject({ name: "kube-apiserver", namespace: "kube-system", creationTimestamp: null });
    expect(file.spec.containers[0].command).toContain("--advertise-address=10.0.0.1");
    expect(mirror.spec.containers[0].command).toEqual(file.spec.containers[0].command);
    expect(mirror.spec.volumes).toEqual(file.spec.volumes);
    expect(mirror.metadata.annotations["kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint"]).toBe("10.0.0.1:6443");
    expect(mirror.metadata.annotations["kubernetes.io/config.source"]).toBe("file");
    expect(out(2).split("\n").filter(Boolean).map((l) => l.split(/ +/).slice(0, 3).join(" "))).toEqual([
      "etcd-cp 1/1 Running", "kube-apiserver-cp 1/1 Running", "kube-controller-manager-cp 1/1 Running", "kube-scheduler-cp 1/1 Running",
    ]);
  });

  it("keep a control-plane pod Ready when its mirror pod is deleted (the kubelet makes it again)", () => {
    const out = session(["sleep 100", "kubectl delete pod -n kube-system kube-apiserver-cp", "kubectl get pod -n kube-system kube-apiserver-cp --no-headers"]);
    expect(out(2)).toMatch(/^kube-apiserver-cp +1\/1 +Running +0 +0s\n$/);
  });

  it("restart a static pod when its manifest is edited", () => {
    const out = session([
      "sed -i 's/--leader-elect=true/--leader-elect=false/' /etc/kubernetes/manifests/kube-scheduler.yaml",
      "kubectl get pod -n kube-system kube-scheduler-cp -o jsonpath='{.spec.containers[0].command[-1]}'",
      "sleep 30", "kubectl get pod -n kube-system kube-scheduler-cp --no-headers",
    ]);
    expect(out(1)).toBe("--leader-elect=false");
    expect(out(3)).toMatch(/^kube-scheduler-cp +1\/1 +Running +0 +30s\n$/);
  });
});

describe("kube-system ConfigMaps of a fresh cluster", () => {
  it("are kubeadm's and the API server's", () => {
    const out = session([
      "kubectl get cm -n kube-system",
      "kubectl get cm -n kube-system kubeadm-config -o jsonpath='{.data.ClusterConfiguration}'",
      "kubectl get cm -n kube-system coredns -o jsonpath='{.data.Corefile}'",
    ]);
    expect(out(0)).toBe([
      "NAME                                                   DATA   AGE",
      "coredns                                                1      0s",
      "extension-apiserver-authentication                     6      0s",
      "kube-apiserver-legacy-service-account-token-tracking   1      0s",
      "kube-proxy                                             2      0s",
      "kube-root-ca.crt                                       1      0s",
      "kubeadm-config                                         1      0s",
      "kubelet-config                                         1      0s",
      "",
    ].join("\n"));
    expect(out(1)).toContain("kind: ClusterConfiguration\nkubernetesVersion: v1.30.0\nnetworking:\n  dnsDomain: cluster.local\n  podSubnet: 10.244.0.0/16\n  serviceSubnet: 10.96.0.0/12\n");
    expect(out(2)).toMatch(/^\.:53 \{\n    errors\n    health \{\n       lameduck 5s\n    \}\n    ready\n    kubernetes cluster\.local in-addr\.arpa ip6\.arpa \{/);
  });
});
