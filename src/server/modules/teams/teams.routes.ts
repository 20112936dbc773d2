// The registry's JSON API, documented in the OpenAPI document (/docs).
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZMemberCreate,
  ZMemberParams,
  ZTeamCreate,
  ZTeamDetail,
  ZTeamList,
  ZTeamMember,
  ZTeamParams,
  ZTeamsQuery,
  ZTeamUpdate,
} from '../../../shared/teams/schema.js';
import type { ActionContext } from '../../context.js';
import { presentMember, presentTeamDetail, presentTeamSummary } from './teams.presenter.js';
import { addMember, createTeam, editTeam, getTeam, listTeams, removeMember } from './teams.service.js';

const SIGNED_IN: { [scheme: string]: string[] }[] = [{ session: [] }, { bearer: [] }];

export const teamsApiRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = app.deps;
  const context = (request: FastifyRequest): ActionContext => ({
    actor: request.actor,
    requestId: request.id,
  });

  app.get(
    '/api/v1/teams',
    {
      schema: {
        tags: ['teams'],
        summary: 'Community digital transformation teams, of one ward/commune or all, in code order',
        description:
          "Each team with its village, leader, public contact number, number of members and number of applications its members submitted on citizens' behalf. Members' own phone numbers are never published.",
        querystring: ZTeamsQuery,
        response: { 200: ZTeamList },
      },
    },
    async (request) => {
      const { unit, page, pageSize } = request.query;
      const result = await listTeams(deps, { unitCode: unit, page, pageSize });
      return {
        items: result.items.map((row) => presentTeamSummary(row, request.locale)),
        total: result.total,
      };
    },
  );

  app.get(
    '/api/v1/teams/:code',
    {
      schema: {
        tags: ['teams'],
        summary: 'A team with its members (names and the leader)',
        params: ZTeamParams,
        response: { 200: ZTeamDetail },
      },
    },
    async (request) => presentTeamDetail(await getTeam(deps, request.params.code), request.locale),
  );

  app.post(
    '/api/v1/teams',
    {
      schema: {
        tags: ['teams'],
        summary: 'Create a team in a ward or commune (administrators)',
        description:
          'The code is unique (409 when taken). The unit must be a ward or commune of the deploying unit. A leader’s name adds the leader as the first member.',
        security: SIGNED_IN,
        body: ZTeamCreate,
        response: { 201: ZTeamDetail },
      },
    },
    async (request, reply) => {
      const team = await createTeam(deps, context(request), request.body);
      return reply.status(201).send(presentTeamDetail(team, request.locale));
    },
  );

  app.put(
    '/api/v1/teams/:code',
    {
      schema: {
        tags: ['teams'],
        summary: 'Change a team’s name, village and public contact (administrators)',
        security: SIGNED_IN,
        params: ZTeamParams,
        body: ZTeamUpdate,
        response: { 200: ZTeamDetail },
      },
    },
    async (request) =>
      presentTeamDetail(
        await editTeam(deps, context(request), request.params.code, request.body),
        request.locale,
      ),
  );

  app.post(
    '/api/v1/teams/:code/members',
    {
      schema: {
        tags: ['teams'],
        summary: 'Add a member to a team (administrators)',
        description:
          "A name, or a user account by username (its name is used when none is given). A linked account can submit on citizens' behalf for the team and is given the team_member role at the team's unit if it lacks it. isLeader makes the member the team's leader.",
        security: SIGNED_IN,
        params: ZTeamParams,
        body: ZMemberCreate,
        response: { 201: ZTeamMember },
      },
    },
    async (request, reply) => {
      const member = await addMember(deps, context(request), request.params.code, request.body);
      return reply.status(201).send(presentMember(member));
    },
  );

  app.delete(
    '/api/v1/teams/:code/members/:id',
    {
      schema: {
        tags: ['teams'],
        summary: 'Remove a member from a team (administrators)',
        security: SIGNED_IN,
        params: ZMemberParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await removeMember(deps, context(request), request.params.code, request.params.id);
      return reply.status(204).send(null);
    },
  );
};
