// Images students run to test Services and DNS from inside a cluster (`kubectl run tmp --rm -it
// --image=curlimages/curl -- curl http://web`): curlimages/curl (alpine with curl; its
// /entrypoint.sh prepends `curl` when the first argument is a flag or not a command),
// nicolaka/netshoot, radial/busyboxplus:curl, and registry.k8s.io/nginx-slim (the StatefulSet
// tutorial's web server).

import { tagRule } from "../tags";
import { ALPINE_ACCOUNTS, ALPINE_TOOLS, BUSYBOX_TOOLS, type CatalogueEntry, image } from "./common";
import { nginxImage } from "./nginx";

const curl: CatalogueEntry = {
  names: ["docker.io/curlimages/curl", "quay.io/curl/curl"],
  source: "curlimages/curl: ENTRYPOINT [\"/entrypoint.sh\"], CMD [\"curl\"], user curl_user",
  tags: tagRule({ aliases: ["latest"], patterns: [/^[78]\.\d+\.\d+$/] }),
  image: (tag) => image({
    version: tag && tag !== "latest" ? tag : "8.11.1", sizeBytes: 12_000_000, entrypoint: ["/entrypoint.sh"], cmd: ["curl"],
    user: "curl_user", tools: [...ALPINE_TOOLS, "curl"],
    // `addgroup -S curl_group && adduser -S curl_user -G curl_group`: Alpine's first system ids.
    files: {
      "/etc/passwd": `${ALPINE_ACCOUNTS["/etc/passwd"]}curl_user:x:100:101:Linux User,,,:/home/curl_user:/sbin/nologin\n`,
      "/etc/group": `${ALPINE_ACCOUNTS["/etc/group"]}curl_group:x:101:curl_user\n`,
    },
    // `[ "${1#-}" != "$1" ] || [ -z "$(command -v "$1")" ] && set -- curl "$@"`: a URL or a flag goes to curl.
    wrappers: [{ path: "/entrypoint.sh", flagsTo: ["curl"], alsoFor: "^([a-z][a-z0-9+.-]*://|[^/ ]+[.:][^/ ]*)" }],
  }),
};

const netshoot: CatalogueEntry = {
  names: ["docker.io/nicolaka/netshoot"],
  source: "nicolaka/netshoot: alpine with bash, curl and network tools; CMD [\"zsh\"]",
  tags: tagRule({ aliases: ["latest"], patterns: [/^v0\.\d+$/] }),
  image: (tag) => image({ version: tag ?? "latest", sizeBytes: 200_000_000, cmd: ["zsh"], tools: [...ALPINE_TOOLS, "bash", "zsh", "curl", "dig", "host"] }),
};

const busyboxplus: CatalogueEntry = {
  names: ["docker.io/radial/busyboxplus"],
  source: "radial/busyboxplus: busybox with curl (tags curl, git, base, latest)",
  tags: tagRule({ aliases: ["latest", "curl", "base", "git"] }),
  image: (tag) => image({ version: tag ?? "latest", sizeBytes: 4_200_000, cmd: ["/bin/sh"], tools: [...BUSYBOX_TOOLS, "curl"] }),
};

const nginxSlim: CatalogueEntry = {
  names: ["registry.k8s.io/nginx-slim", "k8s.gcr.io/nginx-slim", "gcr.io/google_containers/nginx-slim"],
  source: "registry.k8s.io/nginx-slim (StatefulSet basics tutorial): nginx on port 80",
  tags: tagRule({ aliases: [], patterns: [/^0\.(\d|1\d|2[0-7])$/] }),
  image: () => nginxImage("1.25", 80),
};

export const debugEntries: CatalogueEntry[] = [curl, netshoot, busyboxplus, nginxSlim];
