import { podsAndNamespaces } from "./corpus-pods-namespaces";
import { parityFiles } from "./manifests";
import { useParityCluster } from "./parity-cluster";
import { defineParitySuite } from "./parity-suite";

// kubectl parity, part 1: the book's Pods and Namespaces chapters. Real kubectl 1.35 works in parity-a, the
// terminal's kubectl in its twin parity-b, both as the same learner; outputs are compared once normalised
// (normalise.ts). See parity-suite.ts for how entries run and /tmp/parity-report.md for the current mismatches.
const parity = useParityCluster({ namespaces: ["parity-a", "parity-b"], otherNamespace: "parity-x", files: parityFiles });

/**
 * Entries known to differ, with the reason. Only differences that are inherent (real kubectl's client-side
 * features the terminal cannot have) belong here; everything else is a bug in the terminal's kubectl.
 */
const knownDifferences: Record<string, string> = {};

defineParitySuite("pods and namespaces", parity, podsAndNamespaces, knownDifferences);
