import type { VNode } from 'preact';
import { ErrorSummary, Field, type FormErrors, PostForm, Select } from '../../web/forms.tsx';
import type { PageContext } from '../../web/layout.tsx';
import { agencyKinds, agencyLevels } from './agencies.schema.ts';
import type { Agency } from './agencies.service.ts';

type Page = (ctx: PageContext) => VNode;

export interface TreeNode {
  agency: Agency;
  children: TreeNode[];
  editable: boolean;
}

function TreeList({ ctx, nodes }: { ctx: PageContext; nodes: TreeNode[] }) {
  const { t } = ctx;
  return (
    <ul class="tree">
      {nodes.map((n) => (
        <li key={n.agency.id}>
          {n.editable ? <a href={`/admin/agencies/${n.agency.id}`}>{n.agency.name}</a> : <span>{n.agency.name}</span>}{' '}
          <span class="muted">
            {n.agency.identifier} · {t(`agencies.kind.${n.agency.kind}`)}
          </span>
          {!n.agency.active && <span class="tag"> {t('agencies.inactive')}</span>}
          {n.children.length > 0 && <TreeList ctx={ctx} nodes={n.children} />}
        </li>
      ))}
    </ul>
  );
}

export const agencyTreePage =
  (v: { roots: TreeNode[]; canCreate: boolean; notice?: string }): Page =>
  (ctx) => (
    <>
      <h1>{ctx.t('agencies.title')}</h1>
      {v.notice && (
        <div class="notice notice--success" role="status">
          {v.notice}
        </div>
      )}
      {v.canCreate && (
        <p>
          <a class="button" href="/admin/agencies/new">
            {ctx.t('agencies.create')}
          </a>
        </p>
      )}
      <TreeList ctx={ctx} nodes={v.roots} />
    </>
  );

export interface AgencyFormValues {
  identifier?: string;
  name?: string;
  kind?: string;
  level?: string;
  parentId?: string | null;
  address?: string | null;
  phone?: string | null;
  email?: string | null;
}

export interface ParentOption {
  value: string;
  label: string;
}

function DetailsFields({ ctx, values, errors }: { ctx: PageContext; values: AgencyFormValues; errors: FormErrors }) {
  const { t } = ctx;
  return (
    <>
      <Field
        ctx={ctx}
        name="identifier"
        label={t('agencies.field.identifier')}
        hint={t('agencies.field.identifierHint')}
        value={values.identifier}
        errors={errors}
      />
      <Field ctx={ctx} name="name" label={t('agencies.field.name')} value={values.name} errors={errors} />
      <Select
        ctx={ctx}
        name="kind"
        label={t('agencies.field.kind')}
        value={values.kind}
        errors={errors}
        options={agencyKinds.map((k) => ({ value: k, label: t(`agencies.kind.${k}`) }))}
      />
      <Select
        ctx={ctx}
        name="level"
        label={t('agencies.field.level')}
        value={values.level}
        errors={errors}
        options={agencyLevels.map((l) => ({ value: l, label: t(`agencies.level.${l}`) }))}
      />
      <Field ctx={ctx} name="address" label={t('agencies.field.address')} value={values.address} errors={errors} />
      <Field
        ctx={ctx}
        name="phone"
        type="tel"
        label={t('agencies.field.phone')}
        value={values.phone}
        errors={errors}
        width="short"
      />
      <Field
        ctx={ctx}
        name="email"
        type="email"
        label={t('agencies.field.email')}
        value={values.email}
        errors={errors}
      />
    </>
  );
}

export const agencyNewPage =
  (v: { values: AgencyFormValues; errors: FormErrors; parents: ParentOption[] }): Page =>
  (ctx) => (
    <div class="narrow">
      <p>
        <a href="/admin/agencies">{ctx.t('agencies.back')}</a>
      </p>
      <h1>{ctx.t('agencies.create')}</h1>
      <ErrorSummary ctx={ctx} errors={v.errors} />
      <PostForm ctx={ctx} action="/admin/agencies">
        <Select
          ctx={ctx}
          name="parentId"
          label={ctx.t('agencies.field.parent')}
          value={v.values.parentId}
          errors={v.errors}
          options={v.parents}
        />
        <DetailsFields ctx={ctx} values={v.values} errors={v.errors} />
        <button type="submit" class="button">
          {ctx.t('agencies.save')}
        </button>
      </PostForm>
    </div>
  );

export const agencyEditPage =
  (v: {
    agency: Agency;
    values: AgencyFormValues;
    errors: FormErrors;
    parents: ParentOption[];
    notice?: string;
  }): Page =>
  (ctx) => {
    const { t } = ctx;
    const base = `/admin/agencies/${v.agency.id}`;
    return (
      <div class="narrow">
        <p>
          <a href="/admin/agencies">{t('agencies.back')}</a>
        </p>
        <h1>{v.agency.name}</h1>
        {v.notice && (
          <div class="notice notice--success" role="status">
            {v.notice}
          </div>
        )}
        <p>
          {t('agencies.status')}: <strong>{v.agency.active ? t('agencies.active') : t('agencies.inactive')}</strong>
        </p>
        <ErrorSummary ctx={ctx} errors={v.errors} />
        <h2>{t('agencies.details')}</h2>
        <PostForm ctx={ctx} action={base}>
          <DetailsFields ctx={ctx} values={v.values} errors={v.errors} />
          <button type="submit" class="button">
            {t('agencies.save')}
          </button>
        </PostForm>
        <h2>{t('agencies.move')}</h2>
        <PostForm ctx={ctx} action={`${base}/move`}>
          <Select
            ctx={ctx}
            name="parentId"
            label={t('agencies.field.newParent')}
            value={v.agency.parentId}
            errors={v.errors}
            options={v.parents}
          />
          <button type="submit" class="button button--secondary">
            {t('agencies.moveSubmit')}
          </button>
        </PostForm>
        <h2>{v.agency.active ? t('agencies.deactivate') : t('agencies.activate')}</h2>
        <p>{v.agency.active ? t('agencies.deactivateHint') : t('agencies.activateHint')}</p>
        <PostForm ctx={ctx} action={`${base}/${v.agency.active ? 'deactivate' : 'activate'}`}>
          <button type="submit" class={v.agency.active ? 'button button--danger' : 'button'}>
            {v.agency.active ? t('agencies.deactivate') : t('agencies.activate')}
          </button>
        </PostForm>
      </div>
    );
  };
