// The versions a fresh cluster reports (kubectl version, node info, image tags).

export const KUBERNETES_VERSION = "v1.30.0";
export const CONTAINER_RUNTIME = "containerd://1.7.13";
export const OS_IMAGE = "Ubuntu 22.04.4 LTS";
export const KERNEL_VERSION = "5.15.0-105-generic";
