// Arranges comments into threads for display. Replies nest up to the site's depth; a reply
// to a comment at the deepest level is shown beside it rather than further in, and a reply
// whose parent is not shown (trashed, or still waiting) starts a thread of its own.
import type { PublicComment } from "./comments.ts";

export interface CommentNode {
  comment: PublicComment;
  /** 1 for a top-level comment. */
  depth: number;
  replies: CommentNode[];
}

export function threadComments(comments: PublicComment[], maxDepth: number): CommentNode[] {
  const byId = new Map(comments.map((c) => [c.id, c]));
  const nodes = new Map<number, CommentNode>();
  const roots: CommentNode[] = [];
  // Oldest first, so a parent is always placed before its replies.
  for (const comment of comments) {
    const parent = comment.parentId !== null ? nodes.get(comment.parentId) : undefined;
    if (!parent || !byId.has(comment.parentId!)) {
      const node = { comment, depth: 1, replies: [] };
      nodes.set(comment.id, node);
      roots.push(node);
      continue;
    }
    const host = parent.depth >= maxDepth ? hostAtDepth(parent, nodes, byId, maxDepth) : parent;
    const node = { comment, depth: Math.min(parent.depth + 1, maxDepth), replies: [] };
    nodes.set(comment.id, node);
    (host === parent ? parent.replies : host.replies).push(node);
  }
  return roots;
}

/** The comment whose replies list holds nodes at `maxDepth` along this branch. */
function hostAtDepth(
  deepest: CommentNode,
  nodes: Map<number, CommentNode>,
  byId: Map<number, PublicComment>,
  maxDepth: number,
): CommentNode {
  if (maxDepth === 1) return deepest;
  let node = deepest;
  while (node.depth >= maxDepth && node.comment.parentId !== null) {
    const up = nodes.get(node.comment.parentId);
    if (!up || !byId.has(up.comment.id)) break;
    node = up;
  }
  return node;
}

/** Depth of a shown comment, or undefined when it is not among them. */
export function depthOf(threads: CommentNode[], id: number): number | undefined {
  for (const node of threads) {
    if (node.comment.id === id) return node.depth;
    const inner = depthOf(node.replies, id);
    if (inner !== undefined) return inner;
  }
  return undefined;
}

export function countComments(threads: CommentNode[]): number {
  return threads.reduce((n, t) => n + 1 + countComments(t.replies), 0);
}
