// kubectl verbs added after the core set, registered by command path: patch, set env|resources|
// selector|serviceaccount|subject, exec, events, debug, create ingress|serviceaccount|quota|priorityclass|pdb|role|
// clusterrole|rolebinding|clusterrolebinding|token, replace, edit, explain, config view. Each handler lives in its
// own file; this table is spread into HANDLERS (index.ts).
//
// Timeline events: none of their own — every write goes through the API server's update path,
// which records "kubernetes"/"updated" (kind, generation); exec records nothing.

import type { Handler, Invocation } from "../../cli/command";
import type { ExecResult } from "../../programs/registry";
import { KubectlExit, type KubectlContext } from "./common";
import { runConfigView } from "./config-view";
import { runDebug } from "./debug";
import { createIngress } from "./create-ingress";
import { createServiceAccount } from "./create-serviceaccount";
import { createQuota } from "./create-quota";
import { createPodDisruptionBudget, createPriorityClass } from "./create-policy";
import { createClusterRole, createClusterRoleBinding, createRole, createRoleBinding } from "./create-rbac";
import { createToken } from "./create-token";
import { runAutoscale } from "./autoscale";
import { runEdit, runExplain } from "./edit-explain";
import { runEvents } from "./events";
import { runReplace } from "./replace";
import { runExec } from "./exec";
import { runPatch } from "./patch";
import { runSetEnv } from "./set-env";
import { runSetResources } from "./set-resources";
import { runSetSelector } from "./set-selector";
import { runSetServiceAccount } from "./set-serviceaccount";
import { runSetSubject } from "./set-subject";

const guard = (fn: (ctx: KubectlContext, inv: Invocation) => ExecResult): Handler<KubectlContext> => ({
  run: (ctx, inv) => {
    try {
      return fn(ctx, inv);
    } catch (e) {
      if (e instanceof KubectlExit) return e.result;
      throw e;
    }
  },
});

export const EXTRA_HANDLERS: Record<string, Handler<KubectlContext>> = {
  "kubectl create ingress": guard(createIngress),
  "kubectl create serviceaccount": guard(createServiceAccount),
  "kubectl create quota": guard(createQuota),
  "kubectl create priorityclass": guard(createPriorityClass),
  "kubectl create poddisruptionbudget": guard(createPodDisruptionBudget),
  "kubectl create role": guard(createRole),
  "kubectl create clusterrole": guard(createClusterRole),
  "kubectl create rolebinding": guard(createRoleBinding),
  "kubectl create clusterrolebinding": guard(createClusterRoleBinding),
  "kubectl create token": guard(createToken),
  "kubectl autoscale": guard(runAutoscale),
  "kubectl events": guard(runEvents),
  "kubectl debug": guard(runDebug),
  "kubectl exec": guard(runExec),
  "kubectl replace": guard(runReplace),
  "kubectl edit": guard(runEdit),
  "kubectl explain": guard(runExplain),
  "kubectl config view": guard(runConfigView),
  "kubectl patch": guard(runPatch),
  "kubectl set env": guard(runSetEnv),
  "kubectl set resources": guard(runSetResources),
  "kubectl set selector": guard(runSetSelector),
  "kubectl set serviceaccount": guard(runSetServiceAccount),
  "kubectl set subject": guard(runSetSubject),
};
