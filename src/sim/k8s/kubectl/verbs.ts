// The remaining kubectl verbs, registered by command path (kubectl --help order).

import type { Invocation } from "../../cli/command";
import type { ExecResult } from "../../programs/registry";
import type { KubectlContext } from "./common";
import { runDelete } from "./delete";
import { runDescribe } from "./describe";
import { runDiff } from "./diff";
import { runAnnotate, runLabel } from "./label";
import { runLogs } from "./logs";
import { runCordon, runTaint, runUncordon } from "./node-verbs";
import { runDrain } from "./drain";
import { runRolloutHistory, runRolloutPause, runRolloutRestart, runRolloutResume, runRolloutStatus, runRolloutUndo } from "./rollout";
import { runExpose, runScale, runSetImage } from "./workload-verbs";
import { runApiVersions, runClusterInfo, runTop, runVersion } from "./misc-verbs";
import { runApiResources } from "./api-resources";
import { runWait } from "./wait";
import { runPortForward } from "./port-forward";
import { runCurrentContext, runGetContexts, runSetContext, runUseContext } from "./config-contexts";

export const VERB_HANDLERS: Record<string, (ctx: KubectlContext, inv: Invocation) => ExecResult> = {
  "kubectl expose": runExpose,
  "kubectl set image": runSetImage,
  "kubectl describe": runDescribe,
  "kubectl diff": runDiff,
  "kubectl delete": runDelete,
  "kubectl rollout status": runRolloutStatus,
  "kubectl rollout history": runRolloutHistory,
  "kubectl rollout undo": runRolloutUndo,
  "kubectl rollout pause": runRolloutPause,
  "kubectl rollout resume": runRolloutResume,
  "kubectl rollout restart": runRolloutRestart,
  "kubectl scale": runScale,
  "kubectl cordon": runCordon,
  "kubectl uncordon": runUncordon,
  "kubectl drain": runDrain,
  "kubectl taint": runTaint,
  "kubectl logs": runLogs,
  "kubectl label": runLabel,
  "kubectl annotate": runAnnotate,
  "kubectl api-resources": runApiResources,
  "kubectl api-versions": runApiVersions,
  "kubectl cluster-info": runClusterInfo,
  "kubectl config current-context": runCurrentContext,
  "kubectl config set-context": runSetContext,
  "kubectl config use-context": runUseContext,
  "kubectl config get-contexts": runGetContexts,
  "kubectl version": runVersion,
  "kubectl top node": runTop,
  "kubectl top pod": runTop,
  "kubectl wait": runWait,
  "kubectl port-forward": runPortForward,
};
