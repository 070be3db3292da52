// The container filesystem's mounts, owners and modes (runtime/fs-access.ts): EROFS before
// EACCES, setgid directories handing their group down, image programs' writes unchecked.
import { describe, expect, it } from "vitest";
import { ContainerFs } from "../../src/sim/runtime/fs";
import { modeString } from "../../src/sim/runtime/fs-access";

const user = { uid: 1000, gid: 3000, groups: [2000, 3000], home: "/" };

describe("ContainerFs ownership", () => {
  it("a setgid emptyDir gives new files and directories its group; the writer owns them", () => {
    const fs = new ContainerFs([{}], { mounts: [{ path: "/data", mode: 0o2777, gid: 2000 }] });
    fs.setWriter(user, true);
    expect(fs.write("/data/f", "x")).toBeUndefined();
    expect(fs.mkdir("/data/d", false)).toBeUndefined();
    expect(fs.stat("/data/f")).toEqual({ uid: 1000, gid: 2000, mode: 0o644 });
    expect(modeString(fs.stat("/data/d"), true)).toBe("drwxr-sr-x");
    expect(modeString(fs.stat("/data"), true)).toBe("drwxrwsrwx");
    expect(modeString(fs.stat("/tmp"), true)).toBe("drwxrwxrwt");
  });

  it("root's directories refuse a checked user; a read-only mount says EROFS first; image programs are not checked", () => {
    const fs = new ContainerFs([{ "/etc/app.conf": "a" }], { mounts: [{ path: "/ro", readOnly: true, mode: 0o777 }] });
    fs.setWriter(user, true);
    expect(fs.write("/etc/x", "")).toBe("EACCES");
    expect(fs.write("/etc/app.conf", "b")).toBe("EACCES");
    expect(fs.remove("/etc/app.conf", false)).toBe("EACCES");
    expect(fs.write("/ro/x", "")).toBe("EROFS");
    expect(fs.mkdir("/opt/x/y", true)).toBe("EACCES");
    fs.pauseChecks();
    expect(fs.write("/etc/x", "")).toBeUndefined();
    fs.resumeChecks();
    expect(fs.write("/etc/y", "")).toBe("EACCES");
  });

  it("a read-only root leaves the writable mounts and /dev writable; the kubelet's remount bypasses it", () => {
    const fs = new ContainerFs([{ "/etc/cfg/k": "v" }], { readOnlyRoot: true, mounts: [{ path: "/cache" }, { path: "/etc/cfg", readOnly: true }] });
    expect(fs.write("/x", "")).toBe("EROFS");
    expect(fs.write("/cache/x", "1")).toBeUndefined();
    expect(fs.write("/dev/shm/x", "1")).toBeUndefined();
    expect(fs.write("/etc/cfg/k", "w")).toBe("EROFS");
    fs.replaceMounted("/etc/cfg/k", "v2");
    expect(fs.read("/etc/cfg/k")).toBe("v2");
  });
});
