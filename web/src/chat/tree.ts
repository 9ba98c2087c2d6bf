/**
 * A conversation is a tree (regenerated replies are siblings); the page shows one branch of it.
 * `selection` maps a parent (or ROOT) to the child chosen there; where nothing was chosen, the branch
 * follows the child whose subtree holds the newest message, so a conversation opens where it was left.
 */
export const ROOT = '(root)';

/** What the tree needs of a message. */
export interface TreeNode {
  id: string;
  parentId: string | null;
  /** ISO 8601, so that strings sort as times. */
  createdAt: string;
}

export type Selection = Readonly<Record<string, string>>;

const keyOf = (parentId: string | null) => parentId ?? ROOT;

export interface Tree<M extends TreeNode = TreeNode> {
  children: Map<string, M[]>;
  /** Where each message hangs: its parent's id, or ROOT. */
  parentKey: Map<string, string>;
  /** Newest createdAt in each message's subtree. */
  newest: Map<string, string>;
}

export function buildTree<M extends TreeNode>(messages: readonly M[]): Tree<M> {
  const children = new Map<string, M[]>();
  const parentKey = new Map<string, string>();
  const ids = new Set(messages.map((m) => m.id));
  for (const m of messages) {
    // A message whose parent is not here (not loaded yet) starts a branch of its own.
    const key = m.parentId && ids.has(m.parentId) ? m.parentId : ROOT;
    parentKey.set(m.id, key);
    const list = children.get(key);
    if (list) list.push(m);
    else children.set(key, [m]);
  }
  for (const list of children.values())
    list.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  const newest = new Map<string, string>();
  const visit = (m: M): string => {
    let latest = m.createdAt;
    for (const child of children.get(m.id) ?? []) {
      const n = visit(child);
      if (n > latest) latest = n;
    }
    newest.set(m.id, latest);
    return latest;
  };
  for (const m of children.get(ROOT) ?? []) visit(m);
  return { children, parentKey, newest };
}

/** The messages of the branch shown, from the first to the last. */
export function currentPath<M extends TreeNode>(tree: Tree<M>, selection: Selection): M[] {
  const path: M[] = [];
  const seen = new Set<string>();
  for (let key = ROOT; ;) {
    const kids = tree.children.get(key);
    if (!kids?.length) break;
    const chosen =
      kids.find((m) => m.id === selection[key]) ??
      kids.reduce((best, m) =>
        (tree.newest.get(m.id) ?? '') >= (tree.newest.get(best.id) ?? '') ? m : best,
      );
    if (seen.has(chosen.id)) break; // a cycle would be a server bug; never loop on it
    seen.add(chosen.id);
    path.push(chosen);
    key = chosen.id;
  }
  return path;
}

export interface Siblings<M extends TreeNode = TreeNode> {
  index: number;
  total: number;
  previous?: M;
  next?: M;
}

export function siblingsOf<M extends TreeNode>(tree: Tree<M>, message: M): Siblings<M> {
  const kids = tree.children.get(tree.parentKey.get(message.id) ?? ROOT) ?? [message];
  const index = Math.max(
    0,
    kids.findIndex((m) => m.id === message.id),
  );
  return { index, total: kids.length, previous: kids[index - 1], next: kids[index + 1] };
}

/** The selection with `message` chosen under its parent. */
export function choose(selection: Selection, message: TreeNode): Selection {
  return { ...selection, [keyOf(message.parentId)]: message.id };
}
