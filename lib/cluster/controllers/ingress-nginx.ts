/**
 * The simulated ingress-nginx install, as kind + MetalLB clusters have it: its IngressClass's controller name,
 * and its own LoadBalancer Service, which (installed first) holds the address pool's first address. Every
 * Ingress it serves shows that address; no other Service is given it.
 */
export const ingressNginx = {
  controller: "k8s.io/ingress-nginx",
  className: "nginx",
  namespace: "ingress-nginx",
  service: "ingress-nginx-controller",
  address: "172.18.255.200",
};
