import { flag } from "../command";
import type { FlagSpec } from "./flag-spec";

/**
 * kubectl's persistent flags. The ones the terminal cannot honour (TLS files, most verbosity levels; -v=6 and up
 * log requests, client/request-log.ts) are accepted and ignored, so commands copied from the book or the web still run.
 */
export const globalFlags: FlagSpec[] = [
  flag("namespace", "n", "string", "If present, the namespace scope for this CLI request"),
  flag("context", undefined, "string", "The name of the kubeconfig context to use"),
  flag("kubeconfig", undefined, "string", "Path to the kubeconfig file to use for CLI requests."),
  flag("cluster", undefined, "string", "The name of the kubeconfig cluster to use"),
  flag("user", undefined, "string", "The name of the kubeconfig user to use"),
  flag("request-timeout", undefined, "string", "The length of time to wait before giving up on a single server request.", "0"),
  flag("v", "v", "string", "number for the log level verbosity", "0"),
  flag("server", "s", "string", "The address and port of the Kubernetes API server"),
  flag("token", undefined, "string", "Bearer token for authentication to the API server"),
  flag("as", undefined, "string", "Username to impersonate for the operation."),
  flag("as-group", undefined, "stringArray", "Group to impersonate for the operation."),
  flag("as-uid", undefined, "string", "UID to impersonate for the operation."),
  flag("insecure-skip-tls-verify", undefined, "bool", "If true, the server's certificate will not be checked for validity."),
  flag("certificate-authority", undefined, "string", "Path to a cert file for the certificate authority"),
  flag("client-certificate", undefined, "string", "Path to a client certificate file for TLS"),
  flag("client-key", undefined, "string", "Path to a client key file for TLS"),
  flag("tls-server-name", undefined, "string", "Server name to use for server certificate validation."),
  flag("cache-dir", undefined, "string", "Default cache directory"),
  flag("match-server-version", undefined, "bool", "Require server version to match client version"),
  flag("warnings-as-errors", undefined, "bool", "Treat warnings received from the server as errors and exit with a non-zero exit code"),
  flag("disable-compression", undefined, "bool", "If true, opt-out of response compression for all requests to the server"),
  flag("log-flush-frequency", undefined, "string", "Maximum number of seconds between log flushes"),
  flag("vmodule", undefined, "string", "comma-separated list of pattern=N settings for file-filtered logging"),
  flag("profile", undefined, "string", "Name of profile to capture.", "none"),
  flag("profile-output", undefined, "string", "Name of the file to write the profile to"),
  flag("help", "h", "bool", "help for this command"),
];
