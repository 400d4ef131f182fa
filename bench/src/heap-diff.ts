/**
 * What a heap holds that an earlier one of the same process did not: the objects of `after`
 * whose ids are not in `before` (V8 keeps an object's id from one snapshot to the next), grouped
 * by constructor (closures by function name), largest first, with their count and self size per
 * `--per` (e.g. the connections open). `--referrers=<group>` shows who points at that group's objects, `--strings` which strings are new.
 *
 *   node --max-old-space-size=8000 --import tsx src/heap-diff.ts idle.heapsnapshot open.heapsnapshot --per=2000
 *
 * The connections benchmark writes such snapshots with `--heap-snapshots=<dir>`.
 */
import { readFileSync } from "node:fs";

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]]; edge_fields: string[]; edge_types: [string[], ...unknown[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
}

function load(file: string) {
  const data = JSON.parse(readFileSync(file, "utf8")) as Snapshot;
  const { node_fields: nodeFields, node_types: nodeTypes, edge_fields: edgeFields, edge_types: edgeTypes } = data.snapshot.meta;
  const width = nodeFields.length;
  const field = (name: string) => nodeFields.indexOf(name);
  const [typeAt, nameAt, idAt, sizeAt, edgeCountAt] = ["type", "name", "id", "self_size", "edge_count"].map(field) as [number, number, number, number, number];
  const count = data.nodes.length / width;
  const edgeWidth = edgeFields.length;
  const [edgeTypeAt, edgeNameAt, toAt] = ["type", "name_or_index", "to_node"].map((f) => edgeFields.indexOf(f)) as [number, number, number];
  const firstEdge = new Uint32Array(count + 1);
  for (let i = 0; i < count; i++) firstEdge[i + 1] = firstEdge[i]! + data.nodes[i * width + edgeCountAt]! * edgeWidth;
  const edgeName = (edge: number) => {
    const edgeType = edgeTypes[0][data.edges[edge + edgeTypeAt]!];
    const raw = data.edges[edge + edgeNameAt]!;
    return edgeType === "element" || edgeType === "hidden" ? `[${raw}]` : data.strings[raw]!;
  };
  const type = (i: number) => nodeTypes[0][data.nodes[i * width + typeAt]!]!;
  const name = (i: number) => data.strings[data.nodes[i * width + nameAt]!]!;
  /** The variables a function context holds (context edges), which name a scope better than V8 does. */
  const variables = (i: number) => {
    const names: string[] = [];
    for (let edge = firstEdge[i]!; edge < firstEdge[i + 1]!; edge += edgeWidth) {
      if (edgeTypes[0][data.edges[edge + edgeTypeAt]!] === "context") names.push(edgeName(edge));
    }
    return names.slice(0, 6).join(",");
  };
  const contextOf = (i: number) => {
    for (let edge = firstEdge[i]!; edge < firstEdge[i + 1]!; edge += edgeWidth) {
      if (edgeName(edge) === "context") return data.edges[edge + toAt]! / width;
    }
    return undefined;
  };
  /** The group a node counts in: strings together, closures by function (or the scope of anonymous ones), objects by constructor. */
  const group = (i: number) => {
    const t = type(i);
    const n = name(i);
    if (t.includes("string")) return "(string)";
    if (t === "number") return "(number)";
    if (t === "closure" && n === "") {
      const context = contextOf(i);
      return `closure <anonymous in {${context === undefined ? "" : variables(context)}}>`;
    }
    if (n === "system / Context") return `context {${variables(i)}}`;
    return `${t} ${n.slice(0, 80)}`;
  };
  return {
    count,
    id: (i: number) => data.nodes[i * width + idAt]!,
    size: (i: number) => data.nodes[i * width + sizeAt]!,
    group,
    name,
    /** The nodes `i` points at, weak references left out (they retain nothing). */
    successors(i: number, visit: (to: number) => void) {
      for (let edge = firstEdge[i]!; edge < firstEdge[i + 1]!; edge += edgeWidth) {
        if (edgeTypes[0][data.edges[edge + edgeTypeAt]!] !== "weak") visit(data.edges[edge + toAt]! / width);
      }
    },
    /** Calls `visit(from, to, edgeName)` for every edge. */
    forEachEdge(visit: (from: number, to: number, edgeName: string) => void) {
      for (let from = 0; from < count; from++) {
        for (let edge = firstEdge[from]!; edge < firstEdge[from + 1]!; edge += edgeWidth) visit(from, data.edges[edge + toAt]! / width, edgeName(edge));
      }
    },
  };
}

const args = process.argv.slice(2);
const files = args.filter((arg) => !arg.startsWith("--"));
const flag = (name: string) => args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
if (files.length !== 2) {
  throw new Error("usage: heap-diff.ts <before.heapsnapshot> <after.heapsnapshot> [--per=N] [--top=40] [--referrers=<group>] [--strings] [--roots] [--tree=<group>]");
}
const per = Number(flag("per") ?? 1);
const top = Number(flag("top") ?? 40);

const before = new Set<number>();
{
  const snapshot = load(files[0]!);
  for (let i = 0; i < snapshot.count; i++) before.add(snapshot.id(i));
}
const after = load(files[1]!);
const isNew = new Uint8Array(after.count);
const groups = new Map<string, { count: number; bytes: number }>();
let total = 0;
for (let i = 0; i < after.count; i++) {
  if (before.has(after.id(i))) continue;
  isNew[i] = 1;
  const key = after.group(i);
  const entry = groups.get(key) ?? { count: 0, bytes: 0 };
  entry.count += 1;
  entry.bytes += after.size(i);
  total += after.size(i);
  groups.set(key, entry);
}

const rows = (map: Map<string, { count: number; bytes: number }>) =>
  [...map]
    .sort((a, b) => b[1].bytes - a[1].bytes)
    .slice(0, top)
    .map(([key, { count, bytes }]) => `${(bytes / per).toFixed(0).padStart(8)} B ${(count / per).toFixed(2).padStart(8)} × ${key}`);
console.log(`new objects: ${(total / per / 1024).toFixed(2)} KB per ${per === 1 ? "snapshot" : `one of ${per}`}`);
console.log(rows(groups).join("\n"));

if (args.includes("--strings")) {
  const strings = new Map<string, { count: number; bytes: number }>();
  for (let i = 0; i < after.count; i++) {
    if (!isNew[i] || after.group(i) !== "(string)") continue;
    const key = JSON.stringify(after.name(i).slice(0, 60));
    const entry = strings.get(key) ?? { count: 0, bytes: 0 };
    entry.count += 1;
    entry.bytes += after.size(i);
    strings.set(key, entry);
  }
  console.log("\nnew strings:");
  console.log(rows(strings).join("\n"));
}

const referred = flag("referrers");
if (referred) {
  const referrers = new Map<string, { count: number; bytes: number }>();
  after.forEachEdge((from, to, edgeName) => {
    if (!isNew[to] || after.group(to) !== referred) return;
    const key = `${after.group(from)} .${edgeName}${isNew[from] ? "" : " (old)"}`;
    const entry = referrers.get(key) ?? { count: 0, bytes: 0 };
    entry.count += 1;
    entry.bytes += after.size(to);
    referrers.set(key, entry);
  });
  console.log(`\nreferrers of ${referred}:`);
  console.log(rows(referrers).join("\n"));
}

/**
 * Immediate dominators (Cooper, Harvey and Kennedy's iterative algorithm) and retained sizes:
 * what an object keeps alive alone, as DevTools counts it.
 */
function dominators(snapshot: ReturnType<typeof load>) {
  const n = snapshot.count;
  // Depth-first from the root (node 0): postorder numbers, and predecessors.
  const postorder = new Int32Array(n).fill(-1);
  const order: number[] = [];
  const visited = new Uint8Array(n);
  const predecessors: number[][] = Array.from({ length: n }, () => []);
  const stack: Array<[number, number[], number]> = [];
  const push = (node: number) => {
    visited[node] = 1;
    const next: number[] = [];
    snapshot.successors(node, (to) => next.push(to));
    stack.push([node, next, 0]);
  };
  push(0);
  while (stack.length > 0) {
    const top = stack.at(-1)!;
    if (top[2] < top[1].length) {
      const to = top[1][top[2]++]!;
      predecessors[to]!.push(top[0]);
      if (!visited[to]) push(to);
    } else {
      stack.pop();
      postorder[top[0]] = order.length;
      order.push(top[0]);
    }
  }
  const idom = new Int32Array(n).fill(-1);
  idom[0] = 0;
  const intersect = (a: number, b: number) => {
    while (a !== b) {
      while (postorder[a]! < postorder[b]!) a = idom[a]!;
      while (postorder[b]! < postorder[a]!) b = idom[b]!;
    }
    return a;
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (let k = order.length - 2; k >= 0; k--) {
      const node = order[k]!;
      let candidate = -1;
      for (const pred of predecessors[node]!) {
        if (idom[pred] === -1) continue;
        candidate = candidate === -1 ? pred : intersect(pred, candidate);
      }
      if (candidate !== -1 && idom[node] !== candidate) {
        idom[node] = candidate;
        changed = true;
      }
    }
  }
  const retained = new Float64Array(n);
  for (const node of order) {
    retained[node]! += snapshot.size(node);
    if (node !== 0) retained[idom[node]!]! += retained[node]!;
  }
  return { idom, retained, reachable: (node: number) => postorder[node] !== -1 };
}

const treeOf = flag("tree");
if (args.includes("--roots") || treeOf) {
  const { idom, retained, reachable } = dominators(after);
  if (args.includes("--roots")) {
    // New objects that old ones hold alone: together they retain everything new.
    const roots = new Map<string, { count: number; bytes: number }>();
    for (let i = 0; i < after.count; i++) {
      if (!isNew[i] || !reachable(i) || isNew[idom[i]!]) continue;
      const key = `${after.group(i)}  ←  ${after.group(idom[i]!)}`;
      const entry = roots.get(key) ?? { count: 0, bytes: 0 };
      entry.count += 1;
      entry.bytes += retained[i]!;
      roots.set(key, entry);
    }
    console.log("\nnew objects held by old ones (retained size):");
    console.log(rows(roots).join("\n"));
  }
  if (treeOf) {
    const children: number[][] = Array.from({ length: after.count }, () => []);
    for (let i = 1; i < after.count; i++) if (reachable(i)) children[idom[i]!]!.push(i);
    // The largest of the group's new objects that old ones hold: one connection's, when the group is per connection.
    let rootNode: number | undefined;
    for (let i = 0; i < after.count; i++) {
      if (!isNew[i] || !reachable(i) || isNew[idom[i]!] || after.group(i) !== treeOf) continue;
      if (rootNode === undefined || retained[i]! > retained[rootNode]!) rootNode = i;
    }
    const print = (node: number, depth: number) => {
      console.log(`${"  ".repeat(depth)}${retained[node]!.toFixed(0).padStart(7)} B  ${after.group(node)}`);
      if (depth >= 6) return;
      for (const child of children[node]!.sort((a, b) => retained[b]! - retained[a]!)) {
        if (retained[child]! >= 48) print(child, depth + 1);
      }
    };
    console.log(`\ndominator tree of one ${treeOf}:`);
    if (rootNode !== undefined) print(rootNode, 0);
  }
}
