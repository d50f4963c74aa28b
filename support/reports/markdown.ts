import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

/** The pictures a note's Markdown shows (`![alt](src)`), by their src. */
export function picturesIn(text: string): string[] {
  return [...text.matchAll(/!\[[^\]]*\]\(([^)\s]+)[^)]*\)/g)].map((m) => m[1] as string);
}

/** How a note's page treats what the note points at beside it in notes/. */
export interface NoteFolder {
  /** The pictures the note shows that the folder does not hold. */
  missing: readonly string[];
  /** What the page says instead of a missing picture. */
  sayMissing: (src: string) => string;
  /** Where the book has a relative link's target (another note's page), or undefined where it has none. */
  linkTo: (href: string) => string | undefined;
}

/**
 * A note's Markdown as HTML, the way its author wrote it to be read: headings, lists, emphasis,
 * code. Raw HTML in it is shown as text, never passed through. A picture the notes folder does
 * not hold is said to be missing, instead of a broken image; a link to a file beside the note
 * leads to the book's page of it, or is its text alone where the book has none.
 */
export function noteHtml(text: string, folder: NoteFolder): string {
  const env = {};
  const tokens = md.parse(text, env);
  for (const token of tokens) {
    const children = token.children ?? [];
    const hidden = new Set<number>();
    let open: number | undefined;
    for (const [i, child] of children.entries()) {
      if (child.type === 'image' && folder.missing.includes(String(child.attrGet('src') ?? ''))) {
        child.type = 'text';
        child.content = folder.sayMissing(String(child.attrGet('src')));
        child.children = null;
      } else if (child.type === 'link_open') {
        const href = String(child.attrGet('href') ?? '');
        if (/^[a-z]+:/i.test(href) || href.startsWith('#')) continue;
        const to = folder.linkTo(href);
        if (to) child.attrSet('href', to);
        else {
          hidden.add(i);
          open = i;
        }
      } else if (child.type === 'link_close' && open !== undefined) {
        hidden.add(i);
        open = undefined;
      }
    }
    token.children = children.filter((_, i) => !hidden.has(i));
  }
  return md.renderer.render(tokens, md.options, env);
}

/**
 * A quotation of a note as HTML: its inline Markdown (emphasis, code) as the note's page shows
 * it, a line each as the learner broke them. Raw HTML in it is shown as text.
 */
export function quotationHtml(text: string): string {
  return text
    .split('\n')
    .map((line) => md.renderInline(line.trim()))
    .join('<br>\n');
}
