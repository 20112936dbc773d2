import type { TUnitNode } from '../../../../shared/units/schema.js';
import { Breadcrumbs } from '../../../views/components.js';
import { Layout } from '../../../views/layout.js';
import type { PageContext } from '../../../views/page-context.js';

function CounterTag({ ctx, has }: { ctx: PageContext; has: boolean }) {
  return has ? <span class="tag tag-green">{ctx.t('units.hasCounter')}</span> : null;
}

function Agencies({ ctx, unit }: { ctx: PageContext; unit: TUnitNode }) {
  if (unit.agencies.length === 0) return null;
  return (
    <div class="table-wrap">
      <table>
        <caption>{ctx.t('units.agenciesOf', { name: unit.fullName })}</caption>
        <thead>
          <tr>
            <th scope="col">{ctx.t('units.agencyName')}</th>
            <th scope="col">{ctx.t('units.agencyKind')}</th>
            <th scope="col">{ctx.t('units.counter')}</th>
          </tr>
        </thead>
        <tbody>
          {unit.agencies.map((agency) => (
            <tr>
              <td>
                {agency.name}
                {agency.phone ? (
                  <>
                    <br />
                    <a href={`tel:${agency.phone.replace(/[^\d+]/g, '')}`}>{agency.phone}</a>
                  </>
                ) : null}
              </td>
              <td>{ctx.t(`units.agencyKinds.${agency.kind}`)}</td>
              <td>{agency.hasCounter ? ctx.t('common.yes') : ctx.t('common.no')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function UnitsPage({ ctx, root, date }: { ctx: PageContext; root: TUnitNode; date: string }) {
  const withCounter = root.children.filter((c) => c.hasCounter).length + (root.hasCounter ? 1 : 0);
  return (
    <Layout ctx={ctx} title={ctx.t('units.title')}>
      <Breadcrumbs items={[{ href: '/', label: ctx.t('nav.home') }, { label: ctx.t('units.title') }]} />
      <h1>{root.fullName}</h1>
      <p class="lead">{ctx.t('units.summary', { children: root.children.length, counters: withCounter })}</p>
      <dl class="summary">
        <dt>{ctx.t('units.type')}</dt>
        <dd>{ctx.t(`units.types.${root.type}`)}</dd>
        <dt>{ctx.t('units.code')}</dt>
        <dd>{root.code}</dd>
        <dt>{ctx.t('units.asOf')}</dt>
        <dd>{date.split('-').reverse().join('/')}</dd>
        {root.address ? (
          <>
            <dt>{ctx.t('units.address')}</dt>
            <dd>{root.address}</dd>
          </>
        ) : null}
        {root.hasCounter ? (
          <>
            <dt>{ctx.t('units.counter')}</dt>
            <dd>
              <CounterTag ctx={ctx} has={true} />
            </dd>
          </>
        ) : null}
      </dl>
      <Agencies ctx={ctx} unit={root} />
      {root.children.length > 0 ? (
        <>
          <h2>{ctx.t('units.childrenTitle')}</h2>
          <ul class="unit-tree">
            {root.children.map((child) => (
              <li>
                <a href={`/don-vi/${child.code}`}>{child.fullName}</a>{' '}
                <CounterTag ctx={ctx} has={child.hasCounter} />
                {child.phone ? (
                  <>
                    {' · '}
                    <a href={`tel:${child.phone.replace(/[^\d+]/g, '')}`}>{child.phone}</a>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Layout>
  );
}
