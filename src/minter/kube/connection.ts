/** How to reach the API server: what a pod's service account files or a kubeconfig provide. */
export interface KubeConnection {
  /** https://host:port */
  readonly server: string;
  /** CA bundle that signs the server's certificate. */
  readonly ca?: string | Buffer;
  /** Client certificate and key (kubeconfig users). */
  readonly cert?: string | Buffer;
  readonly key?: string | Buffer;
  /** Extra headers (kubeconfig auth); sent with every request. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Bearer token, read again for every request: projected service account tokens rotate. */
  readonly token?: () => string;
  /** Who is asking, for error messages: "ServiceAccount ns/minter", "the kubeconfig user". */
  readonly identity: string;
}
