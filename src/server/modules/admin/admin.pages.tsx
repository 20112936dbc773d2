// The administrators' hub at /quan-tri: one place that lists every administration page the
// signed-in person may open, so none of them has to be found by typing its address.
import type { FastifyPluginAsync } from 'fastify';
import { AppError } from '../../../shared/errors.js';
import { adminSectionsFor } from '../../views/admin-sections.js';
import { Layout } from '../../views/layout.js';
import type { PageContext } from '../../views/page-context.js';

export const ADMIN_PATH = '/quan-tri';

function AdminHubPage({ ctx }: { ctx: PageContext }) {
  const sections = adminSectionsFor(ctx);
  return (
    <Layout ctx={ctx} title={ctx.t('admin.title')}>
      <h1>{ctx.t('admin.title')}</h1>
      <p class="lead">{ctx.t('admin.lead')}</p>
      <ul class="admin-sections">
        {sections.map((section) => (
          <li>
            <a href={section.href}>{ctx.t(`admin.sections.${section.key}.title`)}</a>
            <p class="hint">{ctx.t(`admin.sections.${section.key}.description`)}</p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export const adminPages: FastifyPluginAsync = async (app) => {
  app.get(ADMIN_PATH, { schema: { hide: true } }, async (request, reply) => {
    if (!request.actor) return reply.redirect(`/login?next=${encodeURIComponent(ADMIN_PATH)}`, 303);
    if (adminSectionsFor(request).length === 0) throw new AppError('FORBIDDEN');
    return reply.page((ctx) => <AdminHubPage ctx={ctx} />);
  });
};
