// The HNSW side of the index: an in-memory hnswlib graph over unit vectors, saved under a new name each generation.
import { renameSync, rmSync } from 'node:fs';
import hnswlib from 'hnswlib-node';

const { HierarchicalNSW } = hnswlib;
type Graph = InstanceType<typeof HierarchicalNSW>;

export interface VectorHit {
  label: number;
  /** Cosine similarity. */
  similarity: number;
}

/** HNSW parameters: M 16 and efConstruction 100 keep recall high at a few hundred inserts per second. */
const M = 16;
const EF_CONSTRUCTION = 100;

export class VectorIndex {
  private live: number;

  private constructor(
    private graph: Graph,
    readonly dimensions: number,
    live: number,
  ) {
    this.live = live;
  }

  static empty(dimensions: number, capacity = 1024): VectorIndex {
    const graph = new HierarchicalNSW('cosine', dimensions);
    graph.initIndex({ maxElements: Math.max(capacity, 16), m: M, efConstruction: EF_CONSTRUCTION, randomSeed: 100 });
    return new VectorIndex(graph, dimensions, 0);
  }

  /** Reads a saved graph; throws when the file is missing or unreadable. */
  static read(file: string, dimensions: number, liveCount: number): VectorIndex {
    const graph = new HierarchicalNSW('cosine', dimensions);
    graph.readIndexSync(file);
    return new VectorIndex(graph, dimensions, liveCount);
  }

  static build(dimensions: number, entries: Iterable<{ label: number; vector: Float32Array }>, count: number): VectorIndex {
    const index = VectorIndex.empty(dimensions, count + 16);
    for (const entry of entries) index.add(entry.label, entry.vector);
    return index;
  }

  get size(): number {
    return this.live;
  }

  /** Elements marked deleted still take room; past half of the graph a rebuild is cheaper than searching around them. */
  get wasted(): number {
    return this.graph.getCurrentCount() - this.live;
  }

  add(label: number, vector: Float32Array): void {
    if (this.graph.getCurrentCount() >= this.graph.getMaxElements()) {
      this.graph.resizeIndex(Math.ceil(this.graph.getMaxElements() * 1.5) + 16);
    }
    this.graph.addPoint(Array.from(vector), label);
    this.live++;
  }

  remove(label: number): void {
    try {
      this.graph.markDelete(label);
      this.live--;
    } catch {
      // Not in the graph (e.g. stored without a vector): nothing to remove.
    }
  }

  search(vector: number[], k: number, allowed: ((label: number) => boolean) | null): VectorHit[] {
    if (this.live === 0 || k <= 0) return [];
    this.graph.setEf(Math.max(k, 100));
    const found = allowed ? this.graph.searchKnn(vector, Math.min(k, this.live), allowed) : this.graph.searchKnn(vector, Math.min(k, this.live));
    return found.neighbors.map((label, index) => ({ label, similarity: 1 - found.distances[index]! }));
  }

  /** Writes beside the target, then renames: a crash leaves either no file or a complete one. */
  write(file: string): void {
    const aside = `${file}.tmp-${process.pid}`;
    try {
      this.graph.writeIndexSync(aside);
      renameSync(aside, file);
    } catch (error) {
      rmSync(aside, { force: true });
      throw error;
    }
  }
}
