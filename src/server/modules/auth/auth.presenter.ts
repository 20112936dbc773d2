import type { Actor } from '../../context.js';

/** What a client learns about the signed-in person. */
export function presentActor(actor: Actor) {
  return {
    username: actor.username,
    fullName: actor.fullName,
    roles: actor.grants.map((g) => ({ role: g.role, unitId: g.unitId, agencyId: g.agencyId })),
  };
}
