// Volume-source defaults as the v1.30 API server sets them (SetObjectDefaults_Pod / _PodTemplate /
// _PersistentVolume in pkg/apis/core/v1, and the `+default=` markers of k8s.io/api/core/v1):
// what `kubectl get … -o yaml` shows beyond what the manifest wrote.
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { Session } from "../../src/sim";

function run(script: string, files?: Record<string, string>) {
  const s = new Session({ seed: "leftovers10-defaults", files, cluster: { hosts: [{ name: "cp", ip: "10.0.0.10" }, { name: "w1", ip: "10.0.0.11" }], kubernetes: { controlPlane: ["cp"], workers: ["w1"] } } });
  return s.run(script, { allowSim: false });
}

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: vols
spec:
  automountServiceAccountToken: false
  containers:
  - name: c
    image: nginx:1.25
  volumes:
  - name: info
    downwardAPI:
      items:
      - path: labels
        fieldRef:
          fieldPath: metadata.labels
  - name: all
    projected:
      sources:
      - serviceAccountToken:
          path: token
      - downwardAPI:
          items:
          - path: podname
            fieldRef:
              fieldPath: metadata.name
      - configMap:
          name: cfg
  - name: mode
    downwardAPI:
      defaultMode: 256
      items:
      - path: ns
        fieldRef:
          apiVersion: v1
          fieldPath: metadata.namespace
  - name: iscsi
    iscsi:
      targetPortal: 10.0.0.1:3260
      iqn: iqn.2001-04.com.example:storage
      lun: 0
  - name: rbd
    rbd:
      monitors: ["10.0.0.1:6789"]
      image: foo
  - name: az
    azureDisk:
      diskName: d
      diskURI: https://example/d.vhd
  - name: sio
    scaleIO:
      gateway: https://gw
      system: s
      secretRef:
        name: x
  - name: eph
    ephemeral:
      volumeClaimTemplate:
        spec:
          accessModes: [ReadWriteOnce]
          resources:
            requests:
              storage: 1024Mi
`;

describe("volume source defaults (kubectl get pod -o yaml)", () => {
  const steps = run("kubectl create -f pod.yaml\nkubectl get pod vols -o yaml", { "pod.yaml": POD });
  const vols: Record<string, any> = Object.fromEntries(parse(steps[1]!.stdout).spec.volumes.map((v: any) => [v.name, v]));

  it("the pod is created", () => expect(steps[0]).toMatchObject({ exitCode: 0, stdout: "pod/vols created\n" }));

  it("downwardAPI: defaultMode 420 and each fieldRef's apiVersion v1; a written mode is kept", () => {
    expect(vols.info.downwardAPI).toEqual({ defaultMode: 420, items: [{ path: "labels", fieldRef: { apiVersion: "v1", fieldPath: "metadata.labels" } }] });
    expect(vols.mode.downwardAPI.defaultMode).toBe(256);
  });

  it("projected: the volume's defaultMode 420, a token's expirationSeconds 3600, no mode on the sources", () => {
    expect(vols.all.projected).toEqual({
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3600, path: "token" } },
        { downwardAPI: { items: [{ path: "podname", fieldRef: { apiVersion: "v1", fieldPath: "metadata.name" } }] } },
        { configMap: { name: "cfg" } },
      ],
    });
  });

  it("the in-tree plugins' +default markers: iSCSI, RBD, Azure Disk, ScaleIO", () => {
    expect(vols.iscsi.iscsi.iscsiInterface).toBe("default");
    expect(vols.rbd.rbd).toMatchObject({ pool: "rbd", user: "admin", keyring: "/etc/ceph/keyring" });
    expect(vols.az.azureDisk).toMatchObject({ cachingMode: "ReadWrite", fsType: "ext4", readOnly: false, kind: "Shared" });
    expect(vols.sio.scaleIO).toMatchObject({ storageMode: "ThinProvisioned", fsType: "xfs" });
  });

  it("an ephemeral volume's claim template: volumeMode Filesystem, quantities canonical", () => {
    expect(vols.eph.ephemeral.volumeClaimTemplate.spec).toEqual({ accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } }, volumeMode: "Filesystem" });
  });

  it("the yaml prints defaultMode where the real server's answer has it", () => {
    expect(steps[1]!.stdout).toContain("  - downwardAPI:\n      defaultMode: 420\n      items:\n      - fieldRef:\n          apiVersion: v1\n          fieldPath: metadata.labels\n        path: labels\n    name: info\n");
  });
});

describe("defaults that belong to a Pod, not to a pod template (SetDefaults_Pod)", () => {
  it("a Deployment's template keeps only its limits; its pods get requests from them", () => {
    const steps = run([
      "kubectl create deployment web --image=nginx:1.25",
      "kubectl set resources deployment web --limits=cpu=200m,memory=128Mi",
      "kubectl rollout status deployment web",
      "kubectl get deployment web -o jsonpath='{.spec.template.spec.containers[0].resources}'",
      "kubectl get pods -l app=web --field-selector=status.phase=Running -o jsonpath='{.items[0].spec.containers[0].resources}'",
    ].join("\n"));
    expect(JSON.parse(steps[3]!.stdout)).toEqual({ limits: { cpu: "200m", memory: "128Mi" } });
    expect(JSON.parse(steps[4]!.stdout)).toEqual({ limits: { cpu: "200m", memory: "128Mi" }, requests: { cpu: "200m", memory: "128Mi" } });
  });

  it("hostNetwork: a pod's container ports get hostPort = containerPort, a template's do not", () => {
    const pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: hn}\nspec:\n  hostNetwork: true\n  containers:\n  - name: c\n    image: nginx:1.25\n    ports:\n    - containerPort: 8080\n";
    const deploy = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: hd}\nspec:\n  selector: {matchLabels: {app: hd}}\n  template:\n    metadata: {labels: {app: hd}}\n    spec:\n      hostNetwork: true\n      containers:\n      - name: c\n        image: nginx:1.25\n        ports:\n        - containerPort: 9090\n";
    const steps = run("kubectl create -f pod.yaml -f deploy.yaml\nkubectl get pod hn -o jsonpath='{.spec.containers[0].ports}'\nkubectl get deploy hd -o jsonpath='{.spec.template.spec.containers[0].ports}'", { "pod.yaml": pod, "deploy.yaml": deploy });
    expect(JSON.parse(steps[1]!.stdout)).toEqual([{ containerPort: 8080, hostPort: 8080, protocol: "TCP" }]);
    expect(JSON.parse(steps[2]!.stdout)).toEqual([{ containerPort: 9090, protocol: "TCP" }]);
  });

  it("a PodTemplate gets the pod spec's defaults", () => {
    const tpl = "apiVersion: v1\nkind: PodTemplate\nmetadata: {name: t}\ntemplate:\n  spec:\n    containers:\n    - name: c\n      image: nginx\n    volumes:\n    - name: d\n      downwardAPI:\n        items:\n        - path: l\n          fieldRef: {fieldPath: metadata.labels}\n";
    const steps = run("kubectl create -f t.yaml\nkubectl get podtemplate t -o yaml", { "t.yaml": tpl });
    expect(steps[0]!.stdout).toBe("podtemplate/t created\n");
    const t = parse(steps[1]!.stdout).template;
    expect(t.metadata).toEqual({ creationTimestamp: null });
    expect(t.spec).toMatchObject({ dnsPolicy: "ClusterFirst", restartPolicy: "Always", schedulerName: "default-scheduler", terminationGracePeriodSeconds: 30, securityContext: {} });
    expect(t.spec.enableServiceLinks).toBeUndefined();
    expect(t.spec.containers[0]).toMatchObject({ imagePullPolicy: "Always", terminationMessagePath: "/dev/termination-log" });
    expect(t.spec.volumes[0].downwardAPI.defaultMode).toBe(420);
  });
});

describe("PersistentVolume sources", () => {
  it("RBD and iSCSI persistent sources get the same defaults", () => {
    const pv = "apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: pv1}\nspec:\n  capacity: {storage: 1Gi}\n  accessModes: [ReadWriteOnce]\n  rbd:\n    monitors: ['10.0.0.1:6789']\n    image: img\n---\napiVersion: v1\nkind: PersistentVolume\nmetadata: {name: pv2}\nspec:\n  capacity: {storage: 1Gi}\n  accessModes: [ReadWriteOnce]\n  iscsi:\n    targetPortal: 10.0.0.1:3260\n    iqn: iqn.2001-04.com.example:storage\n    lun: 1\n";
    const steps = run("kubectl create -f pv.yaml\nkubectl get pv pv1 -o jsonpath='{.spec.rbd}'\nkubectl get pv pv2 -o jsonpath='{.spec.iscsi.iscsiInterface}'", { "pv.yaml": pv });
    expect(JSON.parse(steps[1]!.stdout)).toEqual({ image: "img", keyring: "/etc/ceph/keyring", monitors: ["10.0.0.1:6789"], pool: "rbd", user: "admin" });
    expect(steps[2]!.stdout).toBe("default");
  });
});
