// The counts in the site header: an officer sees on every page how many applications wait for them
// and how many are overdue, read in one statement when a staff member opens an HTML page.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { queueCounts } from './workbench.service.js';

const OFFICER_ROLES = new Set(['counter_officer', 'specialist', 'unit_head', 'signing_leader']);

export const workCountsPlugin = fp(async (app: FastifyInstance) => {
  app.decorateRequest('workCounts', null);
  app.addHook('preHandler', async (request) => {
    if (request.method !== 'GET' || request.isApi || request.url.startsWith('/assets/')) return;
    if (!request.actor?.grants.some((g) => OFFICER_ROLES.has(g.role))) return;
    const counts = await queueCounts(app.deps, request.actor);
    request.workCounts = { waiting: counts.new, overdue: counts.overdue };
  });
});
