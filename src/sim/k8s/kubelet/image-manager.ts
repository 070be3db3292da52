// Mirrors pkg/kubelet/images/image_manager.go EnsureImageExists: honour imagePullPolicy against
// the node's image cache, pull through the catalogue (src/sim/images), back off failed pulls
// (10 s doubling to 300 s per pod+image), and emit the kubelet's pull events. A pull of an image
// that exists takes no virtual time (DESIGN.md §3a); the duration printed is seeded.

import {
  K8S_ERR_IMAGE_NEVER_PULL, K8S_ERR_IMAGE_PULL, K8S_IMAGE_PULL_BACKOFF, K8S_INVALID_IMAGE_NAME,
  customImageSchema, k8sAlreadyPresentMessage, k8sBackOffMessage, k8sErrorMessage, k8sInvalidImageNameMessage,
  k8sNeverPullMessage, k8sPullFailedMessage, k8sPulledMessage, k8sPullingMessage, parseImageReference, resolveImage,
  type CustomImage, type ImageFacts, type ImageReference,
} from "../../images";
import { markShared } from "../../clone";
import type { Rng } from "../../rng";
import type { Container } from "../controllers/model";
import { Backoff, POD_WORKER_BACKOFF_MS } from "./backoff";

export type PullOutcome =
  | { ok: true; image: ImageFacts }
  /** The container waits with this reason/message; `retryAt` when the kubelet tries again. */
  | { ok: false; reason: string; message: string; retryAt?: number };

export interface KubeletEvent {
  type: "Normal" | "Warning";
  reason: string;
  message: string;
}

/** Scenario images from the world config, parsed once. */
export function customImages(config: Record<string, unknown>): CustomImage[] {
  const raw = (config["images"] as unknown[] | undefined) ?? [];
  const out: CustomImage[] = [];
  for (const r of raw) {
    const p = customImageSchema.safeParse(r);
    if (p.success) out.push(p.data);
  }
  // Fixed for the world's life: copies of the world share them (src/sim/clone.ts).
  return markShared(out);
}

export class ImageManager {
  /** Image references present per node (containerd's image store). */
  private readonly present = new Map<string, Set<string>>();
  private readonly backoff = new Backoff();

  constructor(private readonly custom: CustomImage[], private readonly rng: Rng) {}

  /** resolveImage remembers its answers (the catalogue and the scenario's images are fixed). */
  private resolve(ref: ImageReference): ReturnType<typeof resolveImage> {
    return resolveImage(ref, this.custom);
  }

  has(node: string, full: string): boolean {
    return this.present.get(node)?.has(full) ?? false;
  }

  private add(node: string, full: string): void {
    let s = this.present.get(node);
    if (!s) this.present.set(node, (s = new Set()));
    s.add(full);
  }

  imagesOn(node: string): string[] {
    return [...(this.present.get(node) ?? [])].sort();
  }

  /** EnsureImageExists for one container start. */
  ensure(node: string, podUid: string, c: Container, now: number, emit: (e: KubeletEvent) => void): PullOutcome {
    const image = c.image ?? "";
    const parsed = parseImageReference(image);
    if (!parsed.ok) {
      const message = k8sInvalidImageNameMessage(image, parsed.message);
      emit({ type: "Warning", reason: "InspectFailed", message });
      emit({ type: "Warning", reason: "Failed", message: k8sErrorMessage(K8S_INVALID_IMAGE_NAME) });
      return { ok: false, reason: K8S_INVALID_IMAGE_NAME, message };
    }
    const ref = parsed.ref;
    const policy = c.imagePullPolicy ?? (ref.digest === undefined && (ref.tag ?? "latest") === "latest" ? "Always" : "IfNotPresent");
    const present = this.has(node, ref.full);
    if (present && policy !== "Always") {
      const resolved = this.resolve(ref);
      if (resolved.ok) {
        emit({ type: "Normal", reason: "Pulled", message: k8sAlreadyPresentMessage(image) });
        return { ok: true, image: resolved.image };
      }
    }
    if (policy === "Never") {
      const message = k8sNeverPullMessage(image);
      emit({ type: "Warning", reason: K8S_ERR_IMAGE_NEVER_PULL, message });
      emit({ type: "Warning", reason: "Failed", message: k8sErrorMessage(K8S_ERR_IMAGE_NEVER_PULL) });
      return { ok: false, reason: K8S_ERR_IMAGE_NEVER_PULL, message };
    }
    const key = `${podUid}_${image}`;
    if (this.backoff.inBackOffSinceUpdate(key, now)) {
      const message = k8sBackOffMessage(image);
      emit({ type: "Normal", reason: "BackOff", message });
      emit({ type: "Warning", reason: "Failed", message: k8sErrorMessage(K8S_IMAGE_PULL_BACKOFF) });
      // The sync failed: the pod worker requeues the pod after its back-off period (10 s), and the
      // pull is tried again at the first such sync after the image back-off ends.
      return { ok: false, reason: K8S_IMAGE_PULL_BACKOFF, message, retryAt: now + POD_WORKER_BACKOFF_MS };
    }
    emit({ type: "Normal", reason: "Pulling", message: k8sPullingMessage(image) });
    const resolved = this.resolve(ref);
    if (!resolved.ok) {
      const message = k8sPullFailedMessage(image, ref, resolved.reason);
      emit({ type: "Warning", reason: "Failed", message });
      emit({ type: "Warning", reason: "Failed", message: k8sErrorMessage(K8S_ERR_IMAGE_PULL) });
      const first = !this.backoff.has(key, now);
      this.backoff.next(key, now, now);
      // The next sync reports the back-off: about a second later after the first pull (the PLEG
      // sees the new sandbox), otherwise when the pod worker requeues the failed sync.
      const retryAt = now + (first ? 1000 : POD_WORKER_BACKOFF_MS);
      return { ok: false, reason: K8S_ERR_IMAGE_PULL, message: message.replace(/^Failed to pull image "[^"]*": /, ""), retryAt };
    }
    this.backoff.reset(key);
    const ms = 400 + this.rng.int(4600);
    emit({ type: "Normal", reason: "Pulled", message: k8sPulledMessage(image, ms, resolved.image.sizeBytes) });
    this.add(node, ref.full);
    return { ok: true, image: resolved.image };
  }

  forgetNode(node: string): void {
    this.present.delete(node);
  }
}

export { K8S_ERR_IMAGE_PULL, K8S_IMAGE_PULL_BACKOFF };
