/** A signed-in person of the platform, as every web edge sees them (loaded from the database, never from the client). */
export type PlatformUser = { id: string; email: string; name: string; role: "ADMIN" | "INSTRUCTOR" | "LEARNER" };
