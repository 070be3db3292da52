// Registers the swarm-side docker commands (swarm, node, service, network, secret, config, info)
// on the docker Cli; a table, so the set of commands is data.

import type { Cli } from "../../cli/command";
import type { ProgramContext } from "../../programs/registry";
import { infoHandler } from "./info";
import { networkConnectHandler, networkCreateHandler, networkDisconnectHandler, networkInspectHandler, networkLsHandler, networkRmHandler } from "./network-cmds";
import { nodeInspectHandler, nodeLsHandler } from "./node-ls";
import { nodeDemoteHandler, nodePromoteHandler, nodeRmHandler, nodeUpdateHandler } from "./node-update";
import { CONFIG_HANDLERS, SECRET_HANDLERS } from "./secret-cmds";
import { serviceCreateHandler } from "./service-create";
import { serviceInspectHandler, serviceLsHandler } from "./service-ls";
import { nodePsHandler, servicePsHandler } from "./service-ps";
import { serviceLogsHandler } from "./service-logs";
import { serviceRmHandler } from "./service-rm";
import { serviceRollbackHandler, serviceScaleHandler, serviceUpdateHandler } from "./service-update";
import type { SwarmHandler } from "./swarm-common";
import { swarmCaHandler } from "./swarm-ca";
import { swarmInitHandler, swarmJoinHandler } from "./swarm-init";
import { swarmJoinTokenHandler, swarmLeaveHandler, swarmUnlockHandler, swarmUnlockKeyHandler, swarmUpdateHandler } from "./swarm-manage";

export const SWARM_COMMANDS: Record<string, SwarmHandler> = {
  "docker swarm init": swarmInitHandler,
  "docker swarm join": swarmJoinHandler,
  "docker swarm join-token": swarmJoinTokenHandler,
  "docker swarm leave": swarmLeaveHandler,
  "docker swarm update": swarmUpdateHandler,
  "docker swarm unlock": swarmUnlockHandler,
  "docker swarm unlock-key": swarmUnlockKeyHandler,
  "docker swarm ca": swarmCaHandler,
  "docker node ls": nodeLsHandler,
  "docker node inspect": nodeInspectHandler,
  "docker node ps": nodePsHandler,
  "docker node update": nodeUpdateHandler,
  "docker node promote": nodePromoteHandler,
  "docker node demote": nodeDemoteHandler,
  "docker node rm": nodeRmHandler,
  "docker service create": serviceCreateHandler,
  "docker service ls": serviceLsHandler,
  "docker service ps": servicePsHandler,
  "docker service inspect": serviceInspectHandler,
  "docker service update": serviceUpdateHandler,
  "docker service scale": serviceScaleHandler,
  "docker service rollback": serviceRollbackHandler,
  "docker service rm": serviceRmHandler,
  "docker service logs": serviceLogsHandler,
  "docker network create": networkCreateHandler,
  "docker network ls": networkLsHandler,
  "docker network inspect": networkInspectHandler,
  "docker network rm": networkRmHandler,
  "docker network connect": networkConnectHandler,
  "docker network disconnect": networkDisconnectHandler,
  ...SECRET_HANDLERS,
  ...CONFIG_HANDLERS,
  "docker info": infoHandler,
  "docker system info": infoHandler,
};

export function registerSwarmCommands<C extends ProgramContext>(cli: Cli<C>): void {
  for (const [path, h] of Object.entries(SWARM_COMMANDS)) {
    if (cli.spec.commands[path]) cli.handle(path, h as never);
  }
}
