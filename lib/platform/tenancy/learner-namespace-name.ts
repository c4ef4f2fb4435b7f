import { dnsLabelMaxLength, toDnsLabelPart } from "./dns-label";
import { stableHash } from "./stable-hash";

export type LearnerNamespaceNameInput = { classroomSlug: string; email: string; userId: string };

const hashLength = 6;
/** Room for the classroom part: slugs are made at most this long (classroom-slug.ts), so it is rarely cut. */
const maxSlugPart = 24;

/**
 * The namespace a learner gets in a classroom: `<classroom slug>-<e-mail local part>-<hash of the user id>`, e.g.
 * `k8s-101-jane-doe-3k9x2a`, a valid DNS label of at most 63 characters. Readable for the instructor's roster;
 * the hash keeps two learners with the same local part (jane@a.org, jane@b.org) apart. `attempt` > 0 gives an
 * alternative name, for the rare clash with a namespace that already belongs to someone else.
 */
export function learnerNamespaceName(input: LearnerNamespaceNameInput, attempt = 0): string {
  const hash = stableHash(attempt === 0 ? input.userId : `${input.userId}#${attempt}`, hashLength);
  const slug = toDnsLabelPart(input.classroomSlug, maxSlugPart) || "class";
  // The local part without a "+tag" (jane+k8s@ is jane): the roster reads better, the hash keeps accounts apart.
  const local = (input.email.split("@")[0] ?? "").split("+")[0] ?? "";
  const room = dnsLabelMaxLength - slug.length - hash.length - 2;
  const person = toDnsLabelPart(local, room) || "learner".slice(0, room);
  return [slug, person, hash].filter((part) => part !== "").join("-");
}
