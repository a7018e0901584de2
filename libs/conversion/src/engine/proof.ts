import { groupChildren, type Condition, type LeafCondition } from './condition';
import type { GroupTrace, LearnerFacts, LeafTrace } from './engine.types';
import { matchLeaf } from './evidence';
import { sortedUnique } from './order';

/** The condition tree evaluated against the facts, every leaf traced. */
export interface Proof {
  held: boolean;
  /** Entries of the leaves used in the proof, sorted; empty when the condition fails. */
  evidenceEntryIds: string[];
  /** In tree order (depth first, children left to right). */
  leaves: LeafTrace[];
  /** In tree order, each group before its children. */
  groups: GroupTrace[];
  /** The failed leaves and groups that make the condition fail, in tree order. */
  blocking: Array<{ group: GroupTrace } | { leaf: LeafTrace }>;
}

interface NodeResult {
  held: boolean;
  required: number;
  children: NodeResult[];
  leaf?: LeafTrace;
  group?: GroupTrace;
}

/**
 * Evaluates every leaf, then picks a short proof: `all` uses every child, `any` its first
 * satisfied child, `atLeast n` its first n satisfied children, in the order written.
 */
export function proveCondition(condition: Condition, facts: LearnerFacts, at: number): Proof {
  const leaves: LeafTrace[] = [];
  const groups: GroupTrace[] = [];

  const walk = (node: Condition, path: string): NodeResult => {
    const children = groupChildren(node);
    if (!children) {
      const match = matchLeaf(node as LeafCondition, facts, at);
      const leaf: LeafTrace = {
        path,
        leaf: node as LeafCondition,
        held: match.held,
        entryIds: match.entryId === undefined ? [] : [match.entryId],
        usedInProof: false,
        ...(match.reason === undefined ? {} : { reason: match.reason }),
        rejected: match.rejected,
      };
      leaves.push(leaf);
      return { held: match.held, required: 0, children: [], leaf };
    }
    const kind = 'all' in node ? 'all' : 'any' in node ? 'any' : 'atLeast';
    const required = 'all' in node ? children.length : 'atLeast' in node ? node.atLeast.n : 1;
    const group: GroupTrace = {
      path,
      kind,
      held: false,
      required,
      satisfied: 0,
      total: children.length,
    };
    groups.push(group);
    const childPath = kind === 'atLeast' ? `${path}.atLeast.of` : `${path}.${kind}`;
    const results = children.map((child, index) => walk(child, `${childPath}[${index}]`));
    group.satisfied = results.filter((result) => result.held).length;
    group.held = group.satisfied >= required;
    return { held: group.held, required, children: results, group };
  };

  const root = walk(condition, 'condition');
  const blocking: Proof['blocking'] = [];
  if (root.held) markUsed(root);
  else collectBlocking(root, blocking);
  const evidenceEntryIds = sortedUnique(
    leaves.filter((leaf) => leaf.usedInProof).flatMap((leaf) => leaf.entryIds),
  );
  return { held: root.held, evidenceEntryIds, leaves, groups, blocking };
}

function markUsed(node: NodeResult): void {
  if (node.leaf) {
    node.leaf.usedInProof = true;
    return;
  }
  node.children
    .filter((child) => child.held)
    .slice(0, node.required)
    .forEach(markUsed);
}

function collectBlocking(node: NodeResult, blocking: Proof['blocking']): void {
  if (node.leaf) {
    blocking.push({ leaf: node.leaf });
    return;
  }
  // Inside a failing `all`, the failing children say enough; alternatives need a summary.
  if (node.group && node.group.kind !== 'all') blocking.push({ group: node.group });
  node.children.filter((child) => !child.held).forEach((child) => collectBlocking(child, blocking));
}
