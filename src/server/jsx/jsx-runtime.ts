// A tiny JSX runtime that renders to an HTML string and escapes every text and attribute value by
// default. Only `raw()` lets markup through, so a template cannot forget to escape user input.

/** Markup already rendered and safe to embed. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type Child = SafeHtml | string | number | boolean | null | undefined | Child[];
type AttrValue = string | number | boolean | null | undefined;

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for use in HTML content or a quoted attribute. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Marks a trusted string (never user input) as markup. */
export function raw(html: string): SafeHtml {
  return new SafeHtml(html);
}

const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);

function renderChild(child: Child, out: string[]): void {
  if (child === null || child === undefined || child === false || child === true) return;
  if (child instanceof SafeHtml) out.push(child.value);
  else if (Array.isArray(child)) for (const c of child) renderChild(c, out);
  else out.push(escapeHtml(String(child)));
}

function attrName(name: string): string {
  if (name === 'className') return 'class';
  if (name === 'htmlFor') return 'for';
  return name;
}

type Props = { children?: Child } & Record<string, unknown>;
export type Component<P> = (props: P) => SafeHtml;

/** Renders an element or calls a component. */
export function jsx(tag: string | Component<Props>, props: Props): SafeHtml {
  if (typeof tag === 'function') return tag(props);
  const out: string[] = ['<', tag];
  for (const [key, value] of Object.entries(props)) {
    if (key === 'children' || key === 'dangerouslySetInnerHTML') continue;
    const v = value as AttrValue;
    if (v === null || v === undefined || v === false) continue;
    if (v === true) out.push(' ', attrName(key));
    else out.push(' ', attrName(key), '="', escapeHtml(String(v)), '"');
  }
  out.push('>');
  if (VOID.has(tag)) return new SafeHtml(out.join(''));
  renderChild(props.children as Child, out);
  out.push('</', tag, '>');
  return new SafeHtml(out.join(''));
}

export const jsxs = jsx;
export const jsxDEV = jsx;

/** Groups children without a wrapping element. */
export function Fragment(props: { children?: Child }): SafeHtml {
  const out: string[] = [];
  renderChild(props.children, out);
  return new SafeHtml(out.join(''));
}

/** Renders a full document with its doctype. */
export function renderDocument(root: SafeHtml): string {
  return `<!doctype html>${root.value}`;
}

type HtmlAttributes = {
  children?: Child;
  class?: string;
  id?: string;
  lang?: string;
  role?: string;
  title?: string;
  hidden?: boolean;
  tabindex?: number | string;
  style?: never; // inline styles are blocked by the CSP
  [attribute: `aria-${string}`]: AttrValue;
  [attribute: `data-${string}`]: AttrValue;
  [attribute: string]: AttrValue | Child;
};

export declare namespace JSX {
  type Element = SafeHtml;
  interface ElementChildrenAttribute {
    children: unknown;
  }
  interface IntrinsicElements {
    [tag: string]: HtmlAttributes;
  }
}
