// The image catalogue: what a reference means and whether it can be pulled (images.md §1–§2), and
// what a pulled image contains and does (§3–§6), shared by the Docker engine/Swarm and the kubelet.
//
// Model: a reference is parsed and normalised exactly like distribution/reference does
// (`nginx` → docker.io/library/nginx:latest). resolveImage looks the repository up in an ordered
// table of catalogue entries (one object per image: names, a tag rule, the image data at a tag)
// or in the scenario's declared images; anything else fails the way registries fail (repository
// does not exist / manifest unknown / no such host). Resolved ImageFacts are plain data: default
// entrypoint and cmd, env, ports, stop signal, tools on $PATH, files, and the programs the image
// can run as ProgramPlans — kwok-style stages on the container's own clock (logs at offsets,
// listening after N ms, HTTP routes with time windows, exit rules for missing env or arguments,
// reactions to signals, memory use) that src/sim/runtime interprets. The clients' exact pull
// messages (docker run/pull, swarm, kubelet events) live in pull-messages.ts.

export * from "./types";
export * from "./reference";
export { resolveImage, catalogueRepositories, KNOWN_REGISTRIES, type ResolveResult, type ResolveFailure } from "./resolve";
export { customImageSchema, customImageData, parseBytes, type CustomImage, type CustomImageInput } from "./custom";
export { deriveImage, type ImageChanges } from "./derive";
export { imageDigest, layerIds, stableHex } from "./digest";
export * from "./pull-messages";
export { CATALOGUE, findEntry, type CatalogueEntry, type ImageData } from "./catalogue";
export { tagRule, type TagRule, type TagSpec } from "./tags";
export { NGINX_INDEX_HTML, nginxNotFoundPage } from "./catalogue/nginx";
export { POSTGRES_NO_PASSWORD, POSTGRES_BOTH_PASSWORDS, MYSQL_NO_PASSWORD, MYSQL_USER_ROOT, mariadbNoPassword } from "./catalogue/sql";
export { MONGO_PARTIAL_ROOT, REDIS_SECURITY_ATTACK } from "./catalogue/nosql";
export { HTTP_ECHO_MISSING_TEXT, HTTP_ECHO_MISSING_TEXT_OLD, HTTP_ECHO_TOO_MANY_ARGS, ES_BOOTSTRAP_FAILURE } from "./catalogue/apps";
export { HELLO_WORLD, nodeModuleNotFound } from "./catalogue/base";
export { MSSQL_EULA } from "./catalogue/misc";
export { LIVENESS_ROUTES } from "./catalogue/kubernetes";
