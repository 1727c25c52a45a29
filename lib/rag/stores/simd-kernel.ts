/**
 * The inner loops of exact vector search in WebAssembly SIMD (V8 has no SIMD for JavaScript): a
 * scan over 100k x 384 float32 rows runs about three times faster than the scalar loop of
 * similarity.ts, near the speed of a plain pass over the same memory.
 *
 * The module is assembled here from its opcodes (under 1 kB; no build step, no binary blob in the
 * repository). Each store owns a `WebAssembly.Memory` holding its rows from byte 0, so a scan
 * reads them in place; the query (as float64) and the output scores sit after the rows.
 *
 * Results are bit-identical to `dotAt` and `squaredDistanceAt`: the products and sums are done in
 * float64 on the float32 values, with the same accumulators in the same order (`dotAt`'s a, b, c,
 * d are the two lanes of two f64x2 accumulators; `squaredDistanceAt`'s a and b the lanes of one).
 * So a store answers exactly as before, only sooner.
 */

const uleb = (value: number): number[] => {
  const out: number[] = [];
  let rest = value;
  do {
    let byte = rest & 0x7f;
    rest >>>= 7;
    if (rest !== 0) byte |= 0x80;
    out.push(byte);
  } while (rest !== 0);
  return out;
};
const sleb = (value: number): number[] => {
  const out: number[] = [];
  let rest = value;
  for (;;) {
    const byte = rest & 0x7f;
    rest >>= 7;
    if ((rest === 0 && (byte & 0x40) === 0) || (rest === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
};
const vec = (items: readonly (readonly number[])[]): number[] => [
  ...uleb(items.length),
  ...items.flat(),
];
const section = (id: number, bytes: readonly number[]): number[] => [
  id,
  ...uleb(bytes.length),
  ...bytes,
];
const name = (text: string): number[] => vec([...Buffer.from(text, 'utf8')].map((b) => [b]));

const I32 = 0x7f;
const F64 = 0x7c;
const V128 = 0x7b;
const get = (index: number): number[] => [0x20, ...uleb(index)];
const set = (index: number): number[] => [0x21, ...uleb(index)];
const tee = (index: number): number[] => [0x22, ...uleb(index)];
const i32 = (value: number): number[] => [0x41, ...sleb(value)];
const simd = (op: number, ...immediates: number[]): number[] => [0xfd, ...uleb(op), ...immediates];
/** v128.load with 16-byte alignment and a constant offset. */
const load = (offset: number): number[] => simd(0x00, 4, ...uleb(offset));
const ZERO = simd(0x0c, ...new Array<number>(16).fill(0));
/** v128.load64_zero: two floats into the low half of a vector (8-byte alignment). */
const loadLow = (offset: number): number[] => simd(0x5d, 3, ...uleb(offset));
const PROMOTE_LOW = simd(0x5f);
const F64X2_ADD = simd(0xf0);
const F64X2_SUB = simd(0xf1);
const F64X2_MUL = simd(0xf2);
const F32X4_ADD = simd(0xe4);
const f64Lane = (lane: number): number[] => simd(0x21, lane);
const f32Lane = (lane: number): number[] => simd(0x1f, lane);
const I32_ADD = [0x6a];
const I32_SUB = [0x6b];
const I32_SHL = [0x74];
const I32_LT_U = [0x49];
const I32_EQZ = [0x45];
const F64_ADD = [0xa0];
const F32_ADD = [0x92];
const F64_PROMOTE_F32 = [0xbb];
const BLOCK = [0x02, 0x40];
const LOOP = [0x03, 0x40];
const END = [0x0b];
const brIf = (depth: number): number[] => [0x0d, depth];
const F64_STORE = [0x39, 3, 0];

/**
 * `(data, query, rows, dimensions, out)`: for each of `rows` rows from byte `data`, its dot product
 * (or squared distance) with the float64 query at `query`, stored as float64 at `out`. Each step
 * of the inner loop takes `groups` groups of 4 floats (4 when the dimensions are a multiple of 16:
 * fewer loop instructions a float). Locals: 5 end of the row, 6 query pointer, 7 and 8
 * accumulators.
 */
function rowsFunction(metric: 'dot' | 'squaredDistance', groups: 1 | 4): number[] {
  // Two floats at a time, loaded into the low half and widened to float64 (f64x2.promote_low).
  // dot: acc7 += floats 0-1 * q[0..1]; acc8 += floats 2-3 * q[2..3].
  // squared distance: acc7 += (floats 0-1 - q[0..1])^2, then (floats 2-3 - q[2..3])^2: lane 0
  // sums the even dimensions, lane 1 the odd ones, as `squaredDistanceAt` does.
  const group = (g: number): number[] =>
    metric === 'dot'
      ? // prettier-ignore
        [
          ...get(0), ...loadLow(g * 16), ...PROMOTE_LOW, ...get(6), ...load(g * 32), ...F64X2_MUL,
          ...get(7), ...F64X2_ADD, ...set(7),
          ...get(0), ...loadLow(g * 16 + 8), ...PROMOTE_LOW, ...get(6), ...load(g * 32 + 16),
          ...F64X2_MUL, ...get(8), ...F64X2_ADD, ...set(8),
        ]
      : // prettier-ignore
        [
          ...get(0), ...loadLow(g * 16), ...PROMOTE_LOW, ...get(6), ...load(g * 32), ...F64X2_SUB,
          ...tee(8), ...get(8), ...F64X2_MUL, ...get(7), ...F64X2_ADD, ...set(7),
          ...get(0), ...loadLow(g * 16 + 8), ...PROMOTE_LOW, ...get(6), ...load(g * 32 + 16),
          ...F64X2_SUB, ...tee(8), ...get(8), ...F64X2_MUL, ...get(7), ...F64X2_ADD, ...set(7),
        ];
  const step = Array.from({ length: groups }, (_, g) => group(g)).flat();
  // ((a + b) + c) + d, as `dotAt` returns it; a + b for `squaredDistanceAt`.
  // prettier-ignore
  const result = metric === 'dot'
    ? [
      ...get(7), ...f64Lane(0), ...get(7), ...f64Lane(1), ...F64_ADD,
      ...get(8), ...f64Lane(0), ...F64_ADD, ...get(8), ...f64Lane(1), ...F64_ADD,
    ]
    : [...get(7), ...f64Lane(0), ...get(7), ...f64Lane(1), ...F64_ADD];
  // prettier-ignore
  const body = [
    ...BLOCK, ...get(2), ...I32_EQZ, ...brIf(0),                 // no rows: done
    ...LOOP,                                                     // each row
    ...ZERO, ...set(7), ...ZERO, ...set(8), ...get(1), ...set(6),
    ...get(0), ...get(3), ...i32(2), ...I32_SHL, ...I32_ADD, ...set(5),
    ...LOOP,                                                     // each step along the row
    ...step,
    ...get(0), ...i32(16 * groups), ...I32_ADD, ...tee(0),
    ...get(6), ...i32(32 * groups), ...I32_ADD, ...set(6),
    ...get(5), ...I32_LT_U, ...brIf(0),
    ...END,
    ...get(4), ...result, ...F64_STORE,
    ...get(4), ...i32(8), ...I32_ADD, ...set(4),
    ...get(2), ...i32(1), ...I32_SUB, ...tee(2), ...brIf(0),
    ...END,
    ...END,
    ...END,
  ];
  const code = [
    ...vec([
      [...uleb(2), I32],
      [...uleb(2), V128],
    ]),
    ...body,
  ];
  return [...uleb(code.length), ...code];
}

/**
 * `(start, bytes) -> f64`: the float32 values of `bytes` (a multiple of 64) from `start`, summed
 * with four f32x4 accumulators: one pass over memory doing as little as possible, the
 * memory-bandwidth bound that `npm run bench:rag` compares the search with.
 */
function sumFunction(): number[] {
  // prettier-ignore
  const body = [
    ...get(0), ...get(1), ...I32_ADD, ...set(2),
    ...ZERO, ...set(3), ...ZERO, ...set(4), ...ZERO, ...set(5), ...ZERO, ...set(6),
    ...BLOCK, ...get(1), ...I32_EQZ, ...brIf(0),
    ...LOOP,
    ...get(3), ...get(0), ...load(0), ...F32X4_ADD, ...set(3),
    ...get(4), ...get(0), ...load(16), ...F32X4_ADD, ...set(4),
    ...get(5), ...get(0), ...load(32), ...F32X4_ADD, ...set(5),
    ...get(6), ...get(0), ...load(48), ...F32X4_ADD, ...set(6),
    ...get(0), ...i32(64), ...I32_ADD, ...tee(0), ...get(2), ...I32_LT_U, ...brIf(0),
    ...END,
    ...END,
    ...get(3), ...get(4), ...F32X4_ADD, ...get(5), ...F32X4_ADD, ...get(6), ...F32X4_ADD, ...tee(3),
    ...f32Lane(0), ...get(3), ...f32Lane(1), ...F32_ADD, ...get(3), ...f32Lane(2), ...F32_ADD,
    ...get(3), ...f32Lane(3), ...F32_ADD, ...F64_PROMOTE_F32,
    ...END,
  ];
  const code = [
    ...vec([
      [...uleb(1), I32],
      [...uleb(4), V128],
    ]),
    ...body,
  ];
  return [...uleb(code.length), ...code];
}

function moduleBytes(): Uint8Array {
  const rowsType = [0x60, ...vec([[I32], [I32], [I32], [I32], [I32]]), ...vec([])];
  const sumType = [0x60, ...vec([[I32], [I32]]), ...vec([[F64]])];
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec([rowsType, sumType])),
    // import env.memory: a memory of at least 1 page, no maximum
    ...section(2, vec([[...name('env'), ...name('memory'), 0x02, 0x00, 0x01]])),
    ...section(3, vec([[0], [0], [0], [0], [1]])),
    ...section(
      7,
      vec([
        [...name('dot'), 0x00, 0],
        [...name('squaredDistance'), 0x00, 1],
        [...name('dot16'), 0x00, 2],
        [...name('squaredDistance16'), 0x00, 3],
        [...name('sum'), 0x00, 4],
      ]),
    ),
    ...section(
      10,
      vec([
        rowsFunction('dot', 1),
        rowsFunction('squaredDistance', 1),
        rowsFunction('dot', 4),
        rowsFunction('squaredDistance', 4),
        sumFunction(),
      ]),
    ),
  ]);
}

/** The parts of the WebAssembly API used here (the project's TypeScript libs do not declare it). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object, imports: object) => { readonly exports: object };
  readonly Memory: new (descriptor: { initial: number }) => WasmMemory;
}
const wasm = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

type RowsFunction = (
  data: number,
  query: number,
  rows: number,
  dimensions: number,
  out: number,
) => void;

interface KernelExports {
  dot: RowsFunction;
  squaredDistance: RowsFunction;
  dot16: RowsFunction;
  squaredDistance16: RowsFunction;
  sum(start: number, bytes: number): number;
}

const PAGE = 65_536;
/** wasm32 addresses 4 GiB; past it a store keeps its rows in a plain Float32Array. */
const MAX_PAGES = 65_536;
let compiled: object | null | undefined;

/** The module, compiled once; null where WebAssembly SIMD is missing (the scalar loops then run). */
function kernelModule(): object | null {
  if (compiled === undefined) {
    try {
      compiled = wasm === undefined ? null : new wasm.Module(moduleBytes());
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/** One store's WebAssembly memory and the SIMD loops over it. */
export class SimdKernel {
  private readonly calls: KernelExports;

  private constructor(
    readonly memory: WasmMemory,
    api: WasmApi,
    module: object,
  ) {
    const instance = new api.Instance(module, { env: { memory } });
    this.calls = instance.exports as unknown as KernelExports;
  }

  /** A kernel with `bytes` of memory, or undefined where SIMD or that much memory is missing. */
  static create(bytes: number): SimdKernel | undefined {
    const module = kernelModule();
    if (module === null || wasm === undefined) return undefined;
    const pages = Math.ceil(bytes / PAGE);
    if (pages > MAX_PAGES) return undefined;
    try {
      return new SimdKernel(new wasm.Memory({ initial: Math.max(1, pages) }), wasm, module);
    } catch {
      return undefined;
    }
  }

  /**
   * Grows the memory to at least `bytes` (contents kept in place); false when it cannot. Views
   * made before a growth are detached: make them again from `memory.buffer`.
   */
  grow(bytes: number): boolean {
    const pages = Math.ceil(bytes / PAGE);
    const current = this.memory.buffer.byteLength / PAGE;
    if (pages <= current) return true;
    if (pages > MAX_PAGES) return false;
    try {
      this.memory.grow(pages - current);
      return true;
    } catch {
      return false;
    }
  }

  /** Dot products of `rows` rows from byte `data` with the float64 query at `query`, to `out`. */
  dot(data: number, query: number, rows: number, dimensions: number, out: number): void {
    this.calls.dot(data, query, rows, dimensions, out);
  }

  /** Squared euclidean distances, as `dot`. */
  squaredDistance(
    data: number,
    query: number,
    rows: number,
    dimensions: number,
    out: number,
  ): void {
    this.calls.squaredDistance(data, query, rows, dimensions, out);
  }

  /** The sum of the float32 values of `bytes` (a multiple of 64) bytes from `start`. */
  sum(start: number, bytes: number): number {
    return this.calls.sum(start, bytes);
  }
}
