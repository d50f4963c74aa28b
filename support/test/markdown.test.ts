import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { noteHtml, picturesIn } from '../reports/markdown';

describe("a note's page", () => {
  const note =
    '# Contêiner\n\n- **É um processo**\n- `docker run`\n\n![image](fluxo.png)\n\n<script>x</script>\n';
  const folder = (missing: string[] = []) => ({
    missing,
    sayMissing: (src: string) => `[${src} is not in notes/]`,
    linkTo: (href: string) => (href === './002-x.md' ? '002-x.html' : undefined),
  });

  it('renders the Markdown the learner wrote, raw HTML shown as text', () => {
    const html = noteHtml(note, folder());
    assert.match(html, /<h1>Contêiner<\/h1>/);
    assert.match(html, /<li><strong>É um processo<\/strong><\/li>/);
    assert.match(html, /<code>docker run<\/code>/);
    assert.match(html, /&lt;script&gt;x&lt;\/script&gt;/);
    assert.match(html, /<img src="fluxo.png" alt="image">/);
  });

  it('says a picture the notes folder lacks is missing, instead of a broken image', () => {
    assert.deepEqual(picturesIn(note), ['fluxo.png']);
    const html = noteHtml(note, folder(['fluxo.png']));
    assert.doesNotMatch(html, /<img/);
    assert.match(html, /\[fluxo.png is not in notes\/\]/);
  });

  it('leads a link to another note to its page, and leaves one to a file the book lacks as its text', () => {
    const html = noteHtml('See [the other](./002-x.md) and [concepts](./conceitos.md).', folder());
    assert.match(html, /<a href="002-x.html">the other<\/a>/);
    assert.match(html, / and concepts\./);
    assert.doesNotMatch(html, /conceitos\.md/);
  });
});
