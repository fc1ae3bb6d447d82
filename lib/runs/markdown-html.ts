// Markdown → HTML for status updates, safe by construction: only the node types below are written,
// every text is escaped, raw HTML is dropped, and links keep only http(s) and mailto targets.
import { fromMarkdown } from "mdast-util-from-markdown";
import type { Nodes, Parents } from "mdast";

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

function safeHref(url: string): string | null {
  try {
    const parsed = new URL(url, "https://invalid.example/");
    if (parsed.origin === "https://invalid.example") return null; // relative links lead nowhere on a status page
    return ["http:", "https:", "mailto:"].includes(parsed.protocol) ? parsed.toString() : null;
  } catch {
    return null;
  }
}

function children(node: Parents): string {
  return node.children.map((c) => render(c as Nodes)).join("");
}

function render(node: Nodes): string {
  switch (node.type) {
    case "root":
      return children(node);
    case "paragraph":
      return `<p>${children(node)}</p>`;
    case "text":
      return escapeHtml(node.value);
    case "strong":
      return `<strong>${children(node)}</strong>`;
    case "emphasis":
      return `<em>${children(node)}</em>`;
    case "delete":
      return `<del>${children(node)}</del>`;
    case "inlineCode":
      return `<code>${escapeHtml(node.value)}</code>`;
    case "code":
      return `<pre><code>${escapeHtml(node.value)}</code></pre>`;
    case "heading":
      // Updates sit under the page's own h2, so their headings start at h3.
      return `<h${Math.min(6, node.depth + 2)}>${children(node)}</h${Math.min(6, node.depth + 2)}>`;
    case "blockquote":
      return `<blockquote>${children(node)}</blockquote>`;
    case "list":
      return node.ordered ? `<ol>${children(node)}</ol>` : `<ul>${children(node)}</ul>`;
    case "listItem":
      return `<li>${node.children.map((c) => (c.type === "paragraph" && node.spread === false ? children(c) : render(c as Nodes))).join("")}</li>`;
    case "link": {
      const href = safeHref(node.url);
      return href ? `<a href="${escapeHtml(href)}" rel="nofollow noopener">${children(node)}</a>` : children(node);
    }
    case "break":
      return "<br>";
    case "thematicBreak":
      return "<hr>";
    case "image":
      return escapeHtml(node.alt ?? "");
    default:
      // html, definitions, footnotes, tables… are not rendered.
      return "";
  }
}

export function markdownToSafeHtml(markdown: string): string {
  return render(fromMarkdown(markdown));
}
