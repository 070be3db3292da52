// The real daemon and swarmkit messages (moby daemon/cluster/errors.go, swarmkit controlapi),
// kept verbatim. The CLI prints daemon errors as "Error response from daemon: <msg>".

export const DAEMON = "Error response from daemon: ";
export const rpc = (code: string, desc: string): string => `rpc error: code = ${code} desc = ${desc}`;

export const ERR_NO_SWARM =
  'This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.';
export const ERR_SWARM_NOT_MANAGER =
  "This node is not a swarm manager. Worker nodes can't be used to view or modify cluster state. Please run this command on a manager node or promote the current node to a manager.";
/** moby's errManagerUnavailable: a manager that cannot reach (or is not part of) the raft cluster. */
export const ERR_MANAGER_UNAVAILABLE =
  "This node is not a swarm manager. Manager is being prepared or has trouble connecting to the cluster.";
export const ERR_SWARM_LOCKED =
  'Swarm is encrypted and needs to be unlocked before it can be used. Please use "docker swarm unlock" to unlock it.';
export const ERR_NO_LEADER = rpc(
  "Unknown",
  "The swarm does not have a leader. It's possible that too few managers are online. Make sure more than half of the managers are online.",
);
export const ERR_SWARM_EXISTS =
  'This node is already part of a swarm. Use "docker swarm leave" to leave this swarm and join another one.';
export const ERR_NOT_PART_OF_SWARM = "This node is not part of a swarm";
export const ERR_LEAVE_LOCKED = "Swarm is encrypted and locked. Please unlock it first or use `--force` to ignore this message.";
export const ERR_LEAVE_LAST_MANAGER =
  "You are attempting to leave the swarm on a node that is participating as a manager. Removing the last manager erases all current state of the swarm. Use `--force` to ignore this message. ";
export const errLeaveQuorum = (left: number, total: number): string =>
  `You are attempting to leave the swarm on a node that is participating as a manager. Removing this node leaves ${left} managers out of ${total}. Without a Raft quorum your swarm will be inaccessible. The only way to restore a swarm that has lost consensus is to reinitialize it with \`--force-new-cluster\`. Use \`--force\` to suppress this message.`;
export const ERR_LEAVE_MANAGER =
  "You are attempting to leave the swarm on a node that is participating as a manager. The only way to restore a swarm that has lost consensus is to reinitialize it with `--force-new-cluster`. Use `--force` to suppress this message.";
/** Leave on a manager whose control API is not up (IsManager but not IsActiveManager). */
export const ERR_LEAVE_INACTIVE_MANAGER =
  "You are attempting to leave the swarm on a node that is participating as a manager. Doing so may lose the consensus of your cluster. The only way to restore a swarm that has lost consensus is to reinitialize it with `--force-new-cluster`. Use `--force` to suppress this message.";
export const ERR_INVALID_JOIN_TOKEN = "invalid join token";
export const ERR_WRONG_JOIN_TOKEN = rpc("InvalidArgument", "A valid join token is necessary to join this cluster");
export const ERR_JOIN_TIMEOUT =
  'Timeout was reached before node joined. The attempt to join the swarm will continue in the background. Use the "docker info" command to see the current swarm status of your node.';
export const ERR_OVERLAY_FROM_WORKER =
  "Cannot create a multi-host network from a worker node. Please create the network from a manager node.";
export const ERR_ADVERTISE_ADDR =
  "advertise address must be a non-zero IP address or network interface (with optional port number)";
export const ERR_MUST_SPECIFY_LISTEN_ADDR =
  "must specify a listening address because the address to advertise is not recognized as a system address, and a system's IP address to use could not be uniquely identified";
export const ERR_LISTEN_ADDR = "listen address must be an IP address or network interface (with optional port number)";
export const errMultipleAddrsOnInterface = (iface: string, a: string, b: string): string =>
  `could not choose an IP address to advertise since this system has multiple addresses on interface ${iface} (${a} and ${b}) - specify one with --advertise-addr`;
export const errMultipleInterfaces = (a: string, aIf: string, b: string, bIf: string): string =>
  `could not choose an IP address to advertise since this system has multiple addresses on different interfaces (${a} on ${aIf} and ${b} on ${bIf}) - specify one with --advertise-addr`;

// Unlock
export const ERR_UNLOCK_NOT_IN_SWARM = "Error: This node is not part of a swarm";
export const ERR_UNLOCK_NOT_LOCKED = "Error: swarm is not locked";
export const ERR_UNLOCK_INVALID_KEY = "swarm could not be unlocked: invalid key provided";
export const ERR_UNLOCK_BAD_KEY_STRING = "invalid key string";
export const ERR_NO_UNLOCK_KEY = "no unlock key is set";
export const ERR_CANNOT_ROTATE_UNLOCK = "cannot rotate because autolock is not turned on";

// Nodes
export const errNodeNotFound = (ref: string): string => `node ${ref} not found`;
export const errAmbiguous = (kind: string, ref: string, n: number): string => `${kind} ${ref} is ambiguous (${n} matches found)`;
export const ERR_DEMOTE_LAST_MANAGER = rpc("FailedPrecondition", "attempting to demote the last manager of the swarm");
export const ERR_DEMOTE_NOT_MEMBER = rpc("NotFound", "can't find manager in raft memberlist");
export const ERR_DEMOTE_QUORUM = rpc("FailedPrecondition", "can't remove member from the raft: this would result in a loss of quorum");
export const errNodeNotDown = (id: string): string => rpc("FailedPrecondition", `node ${id} is not down and can't be removed`);
export const errNodeIsManager = (id: string): string =>
  rpc("FailedPrecondition", `node ${id} is a cluster manager and is a member of the raft cluster. It must be demoted to worker before removal`);
export const errLabelMissing = (key: string): string => `key ${key} doesn't exist in node's labels`;

// Services
export const errServiceNotFound = (ref: string): string => `service ${ref} not found`;
export const ERR_INVALID_NAME = rpc("InvalidArgument", "name must be valid as a DNS name component");
export const ERR_NAME_TOO_LONG = rpc("InvalidArgument", "name must be 63 characters or fewer");
/** controlapi's isValidDNSName: what a service or network name (one DNS label) may be. */
const DNS_NAME = /^[a-zA-Z0-9](?:[-_]*[A-Za-z0-9]+)*$/;
/**
 * controlapi's validateAnnotations, shared by validateServiceSpec and validateNetworkSpec: a name
 * that is no DNS label (a dot, a leading dash: `my.net`) or longer than 63 characters is refused.
 */
export function annotationsError(name: string): string | undefined {
  if (!DNS_NAME.test(name)) return ERR_INVALID_NAME;
  if (name.length > 63) return ERR_NAME_TOO_LONG;
  return undefined;
}
export const errNameConflict = (name: string): string =>
  rpc("AlreadyExists", `name conflicts with an existing object: service ${name} already exists`);
export const errPortInUse = (port: number, svc: string, id: string, mode: "ingress" | "host"): string =>
  rpc("InvalidArgument", `port '${port}' is already in use by service '${svc}' (${id}) as ${mode === "ingress" ? "an ingress port" : "a host-published port"}`);
export const ERR_DUPLICATE_PORTS = rpc("InvalidArgument", "EndpointSpec: duplicate published ports provided");
export const ERR_INGRESS_DNSRR = rpc("InvalidArgument", "EndpointSpec: port published with ingress mode can't be used with dnsrr mode");
export const errAttachIngress = (name: string): string =>
  rpc("InvalidArgument", `Service cannot be explicitly attached to the ingress network "${name}"`);
export const ERR_MODE_CHANGE = rpc("Unimplemented", "service mode change is not allowed");
export const ERR_RENAME = rpc("Unimplemented", "renaming services is not supported");
export const errNoPreviousSpec = (id: string): string => rpc("FailedPrecondition", `service ${id} does not have a previous spec`);
export const errDuplicateMount = (target: string): string => rpc("InvalidArgument", `ContainerSpec: duplicate mount point: ${target}`);
export const errInvalidCPU = (v: string): string => rpc("InvalidArgument", `invalid cpu value ${v}: Must be at least 0.001`);
export const errInvalidMemory = (v: number): string => rpc("InvalidArgument", `invalid memory value ${v}: Must be at least 4MiB`);
export const errInvalidImage = (image: string): string => rpc("InvalidArgument", `ContainerSpec: "${image}" is not a valid repository/tag`);
export const errExpanding = (what: string, detail: string): string => rpc("InvalidArgument", `expanding ${what} failed: ${detail}`);

// Secrets and configs
export const errObjectNotFound = (kind: string, ref: string): string => `${kind} ${ref} not found`;
export const errObjectExists = (kind: string, name: string): string => rpc("AlreadyExists", `${kind} ${name} already exists`);
export const ERR_INVALID_OBJECT_NAME = rpc(
  "InvalidArgument",
  "invalid name, only 64 [a-zA-Z0-9-_.] characters allowed, and the start and end character must be [a-zA-Z0-9]",
);
export const errObjectInUse = (kind: string, name: string, services: string[]): string =>
  rpc("InvalidArgument", `${kind} '${name}' is in use by the following service${services.length > 1 ? "s" : ""}: ${services.join(", ")}`);

/**
 * swarmkit controlapi validateClusterSpec (`docker swarm update`, `docker swarm ca --rotate`):
 * the node certificate expiry has a one-hour floor; the heartbeat may not be negative.
 */
export function clusterSpecError(certExpiryMs: number | undefined, heartbeatMs: number | undefined): string | undefined {
  if (certExpiryMs !== undefined && certExpiryMs < 3_600_000) return rpc("InvalidArgument", "minimum certificate expiry time is: 1h0m0s");
  if (heartbeatMs !== undefined && heartbeatMs < 0) return rpc("InvalidArgument", "heartbeat time period cannot be a negative duration");
  return undefined;
}
