// Untrusted text from a data file → safe HTML: markdown-it with raw HTML off, code highlighted, then DOMPurify.
// Pure apart from the DOMPurify instance it is given (the webview's window, or jsdom in tests).
import MarkdownIt from 'markdown-it';
import hljs from 'highlight.js/lib/common';
import type { DOMPurify } from 'dompurify';
import { dataLinkUrl } from '../../src/core/view/dataLink';

/** Long code blocks without a language skip auto-detection (slow, and the pane only shows a screenful). */
const AUTO_HIGHLIGHT_LIMIT = 20_000;

const md = new MarkdownIt({
  html: false,
  linkify: true,
  breaks: true,
  highlight(code, lang) {
    try {
      const known = lang && hljs.getLanguage(lang);
      if (!known && code.length > AUTO_HIGHLIGHT_LIMIT) return '';
      const html = known
        ? hljs.highlight(code, { language: lang, ignoreIllegals: true }).value
        : hljs.highlightAuto(code).value;
      return `<pre class="hljs"><code>${html}</code></pre>`;
    } catch {
      return ''; // markdown-it escapes the code itself
    }
  },
});

// Table alignment becomes a class, not a style attribute: the webview's CSP blocks inline styles (and parsing one
// logs a violation even though the sanitiser would drop it).
md.core.ruler.push('align_class', (state) => {
  for (const token of state.tokens) {
    if (token.type !== 'th_open' && token.type !== 'td_open') continue;
    const style = token.attrGet('style');
    if (!style) continue;
    token.attrs = (token.attrs ?? []).filter(([name]) => name !== 'style');
    const align = /text-align:\s*(left|right|center)/.exec(String(style));
    if (align) token.attrJoin('class', `align-${align[1]}`);
  }
  return true;
});

// Links from the data render as text, not anchors: a click on an <a> reaches VS Code's own webview link handler
// even when prevented. A `data-link` span keeps the URL for the host, which opens it only after asking.
md.renderer.rules.link_open = (tokens, idx) => {
  const url = dataLinkUrl(tokens[idx].attrGet('href'));
  return url
    ? `<span class="data-link" role="link" title="${md.utils.escapeHtml(url)}" data-href="${md.utils.escapeHtml(url)}">`
    : '<span class="data-link-dropped">';
};
md.renderer.rules.link_close = () => '</span>';

export type Sanitizer = Pick<DOMPurify, 'sanitize'>;

/** Renders markdown and sanitises the result: no scripts, handlers, javascript: URLs, SVG or MathML survive. */
export function renderMarkdown(text: string, purify: Sanitizer): string {
  const html = md.render(text);
  return purify.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ['a', 'style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'object', 'embed'],
    FORBID_ATTR: ['style'],
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|#)/i,
  });
}
