// Arranges comments into threads for display. Replies nest up to the site's depth; a reply
// to a comment at the deepest level is shown beside it rather than further in, and a reply
// whose parent is not shown (trashed, or still waiting) starts a thread of its own.
import type { PublicComment } from "./comments.ts";

/** What threading needs of a comment: the page's comments, or bare ids for paging. */
interface Threadable {
  id: number;
  parentId: number | null;
}

export interface CommentNode<C extends Threadable = PublicComment> {
  comment: C;
  /** 1 for a top-level comment. */
  depth: number;
  replies: CommentNode<C>[];
}

export function threadComments<C extends Threadable>(
  comments: C[],
  maxDepth: number,
): CommentNode<C>[] {
  const byId = new Map(comments.map((c) => [c.id, c]));
  const nodes = new Map<number, CommentNode<C>>();
  const roots: CommentNode<C>[] = [];
  // Oldest first, so a parent is always placed before its replies.
  for (const comment of comments) {
    const parent = comment.parentId !== null ? nodes.get(comment.parentId) : undefined;
    if (!parent || !byId.has(comment.parentId!)) {
      const node: CommentNode<C> = { comment, depth: 1, replies: [] };
      nodes.set(comment.id, node);
      roots.push(node);
      continue;
    }
    const host = parent.depth >= maxDepth ? hostAtDepth(parent, nodes, byId, maxDepth) : parent;
    const node: CommentNode<C> = {
      comment,
      depth: Math.min(parent.depth + 1, maxDepth),
      replies: [],
    };
    nodes.set(comment.id, node);
    (host === parent ? parent.replies : host.replies).push(node);
  }
  return roots;
}

/** The comment whose replies list holds nodes at `maxDepth` along this branch. */
function hostAtDepth<C extends Threadable>(
  deepest: CommentNode<C>,
  nodes: Map<number, CommentNode<C>>,
  byId: Map<number, C>,
  maxDepth: number,
): CommentNode<C> {
  if (maxDepth === 1) return deepest;
  let node = deepest;
  while (node.depth >= maxDepth && node.comment.parentId !== null) {
    const up = nodes.get(node.comment.parentId);
    if (!up || !byId.has(up.comment.id)) break;
    node = up;
  }
  return node;
}

/** Every comment id in these threads, replies included. */
export function idsInThreads<C extends Threadable>(threads: CommentNode<C>[]): number[] {
  const ids: number[] = [];
  const walk = (nodes: CommentNode<C>[]) => {
    for (const node of nodes) {
      ids.push(node.comment.id);
      walk(node.replies);
    }
  };
  walk(threads);
  return ids;
}

/** Depth of a shown comment, or undefined when it is not among them. */
export function depthOf<C extends Threadable>(
  threads: CommentNode<C>[],
  id: number,
): number | undefined {
  for (const node of threads) {
    if (node.comment.id === id) return node.depth;
    const inner = depthOf(node.replies, id);
    if (inner !== undefined) return inner;
  }
  return undefined;
}
