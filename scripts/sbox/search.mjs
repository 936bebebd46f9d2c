/**
 * The circuit search behind scripts/sbox-circuits.mjs: finds a small circuit of and / or / xor /
 * andnot / not / bitselect gates for the four outputs of one 6-to-4-bit S-box.
 *
 * A signal is a truth table over the 64 inputs, held as two 32-bit words (lo: inputs 0-31, hi:
 * inputs 32-63; bit x is the value on input x = b1 b2 b3 b4 b5 b6 read as a binary number, b1
 * the most significant). Every signal built so far, for every output, sits in one pool, so
 * later outputs reuse the gates of earlier ones.
 *
 * Each output is built by `build(target, care)`, where only the inputs in `care` matter:
 *   1. a pool signal that agrees with the target on `care` costs nothing;
 *   2. failing that, one gate over pool signals (every pair with and / or / xor / andnot, every
 *      not, every bitselect whose two data inputs agree with the target on their halves);
 *   3. failing that, two gates: an outer gate over pool signals and a new intermediate x (~x,
 *      x ^ c, x & c, x | c, x & ~c, c & ~x, bitselect(x, d, c), bitselect(d, x, c)); each outer
 *      gate leaves x a narrower target or care set, and x is found as in 2 (for x ^ c, by
 *      hashing, and without bitselect);
 *   4. failing that, a multiplexer on an unused input bit v (Kwan's decomposition with don't
 *      cares): f = bitselect(f1, f0, v), where f1 only has to be right where v = 1 and f0
 *      where v = 0, each built recursively; when one half is constant the mux shrinks to one
 *      and / or / andnot with v. Several choices of v and of which half goes first are tried,
 *      each built, measured and rolled back, and the cheapest is kept.
 * Each attempt has one objective: the fewest gates (bitselect allowed, as above) or the least
 * COST (no bitselect: where it would be the multiplexer, f = f0 ^ (g & v) instead, see `mux`).
 * `search` restarts this with random output orders and random choices, and later also takes
 * circuits found so far apart: it keeps the gates of some outputs and builds the others again on
 * top of them with a wider search (`rebuild`). It returns every circuit that no other beats on
 * both gates and cost.
 */

/** Gate codes, also the order of `OPS`. */
export const INPUT = 0, NOT = 1, AND = 2, OR = 3, XOR = 4, ANDNOT = 5, BITSELECT = 6;
export const OPS = ['input', 'not', 'and', 'or', 'xor', 'andnot', 'bitselect'];

/**
 * What each gate costs, in x86-64 instructions as V8 compiles WebAssembly SIMD: and / or / xor /
 * andnot are one instruction each; not is two (all ones made by a compare, then xor); bitselect
 * is three (andnot, and, or). Measured: with every bitselect of the earlier, gate-count-minimal
 * circuits turned into a plain xor (wrong results, same data flow), the engine ran 1.7× as fast.
 * The search minimises this cost, and the gate count only after it.
 */
export const COST = [0, 2, 1, 1, 1, 1, 3];

/** A circuit's cost (see COST): the sum over its gates. */
export function circuitCost(circuit) {
  return circuit.code.reduce((sum, gate) => sum + COST[OPS.indexOf(gate.op)], 0);
}

/** Truth tables of the inputs a1 … a6 (= b1 … b6): a_k is bit 6 - k of the input number. */
export const INPUT_LO = [0, 0xffff0000 | 0, 0xff00ff00 | 0, 0xf0f0f0f0 | 0, 0xcccccccc | 0, 0xaaaaaaaa | 0];
export const INPUT_HI = [-1, 0xffff0000 | 0, 0xff00ff00 | 0, 0xf0f0f0f0 | 0, 0xcccccccc | 0, 0xaaaaaaaa | 0];

/** A small seeded generator (xorshift32), so a run can be repeated. */
export function random(seed) {
  let s = (seed | 0) || 0x9e3779b9;
  return () => {
    s ^= s << 13; s ^= s >>> 17; s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

/** The pool of signals: inputs first, then gates in the order they were built. */
class Pool {
  constructor(capacity = 4096) {
    this.lo = new Int32Array(capacity);
    this.hi = new Int32Array(capacity);
    this.op = new Uint8Array(capacity);
    this.a = new Int32Array(capacity);
    this.b = new Int32Array(capacity);
    this.c = new Int32Array(capacity);
    this.n = 0;
    for (let k = 0; k < 6; k++) this.push(INPUT, k, -1, -1);
    // The gate found by the last successful look-up (see find1).
    this.fOp = 0; this.fA = -1; this.fB = -1; this.fC = -1;
  }

  push(op, a, b, c) {
    const i = this.n++;
    if (i >= this.lo.length) throw new Error(`the pool is full (${this.lo.length} signals)`);
    const { lo, hi } = this;
    this.op[i] = op; this.a[i] = a; this.b[i] = b; this.c[i] = c;
    switch (op) {
      case INPUT: lo[i] = INPUT_LO[a]; hi[i] = INPUT_HI[a]; break;
      case NOT: lo[i] = ~lo[a]; hi[i] = ~hi[a]; break;
      case AND: lo[i] = lo[a] & lo[b]; hi[i] = hi[a] & hi[b]; break;
      case OR: lo[i] = lo[a] | lo[b]; hi[i] = hi[a] | hi[b]; break;
      case XOR: lo[i] = lo[a] ^ lo[b]; hi[i] = hi[a] ^ hi[b]; break;
      case ANDNOT: lo[i] = lo[a] & ~lo[b]; hi[i] = hi[a] & ~hi[b]; break;
      case BITSELECT: lo[i] = (lo[a] & lo[c]) | (lo[b] & ~lo[c]); hi[i] = (hi[a] & hi[c]) | (hi[b] & ~hi[c]); break;
      default: throw new Error(`unknown gate ${op}`);
    }
    return i;
  }

  pushFound() { return this.push(this.fOp, this.fA, this.fB, this.fC); }

  /** The cost (see COST) of the gates from `mark` on. */
  costSince(mark) {
    let sum = 0;
    for (let i = mark; i < this.n; i++) sum += COST[this.op[i]];
    return sum;
  }

  /** The gates from `mark` on, to put back later with `restore` (after a rollback to `mark`). */
  save(mark) {
    const out = [];
    for (let i = mark; i < this.n; i++) out.push(this.op[i], this.a[i], this.b[i], this.c[i]);
    return out;
  }

  restore(gates) {
    for (let g = 0; g < gates.length; g += 4) this.push(gates[g], gates[g + 1], gates[g + 2], gates[g + 3]);
  }

  /** A pool signal equal to the target on the care set, or -1. */
  find0(tl, th, ml, mh) {
    const { lo, hi, n } = this;
    for (let i = 0; i < n; i++) if ((((lo[i] ^ tl) & ml) | ((hi[i] ^ th) & mh)) === 0) return i;
    return -1;
  }

  /**
   * One gate over pool signals equal to the target on the care set: sets fOp … fC, or returns
   * false. Bitselect is tried only when `select` is set.
   */
  find1(tl, th, ml, mh, select) {
    const { lo, hi, n } = this;
    for (let i = 0; i < n; i++) {
      const il = lo[i], ih = hi[i];
      if ((((~il ^ tl) & ml) | ((~ih ^ th) & mh)) === 0) return this.found(NOT, i, -1, -1);
      for (let j = i + 1; j < n; j++) {
        const jl = lo[j], jh = hi[j];
        if (((((il & jl) ^ tl) & ml) | (((ih & jh) ^ th) & mh)) === 0) return this.found(AND, i, j, -1);
        if (((((il | jl) ^ tl) & ml) | (((ih | jh) ^ th) & mh)) === 0) return this.found(OR, i, j, -1);
        if (((((il ^ jl) ^ tl) & ml) | (((ih ^ jh) ^ th) & mh)) === 0) return this.found(XOR, i, j, -1);
        if (((((il & ~jl) ^ tl) & ml) | (((ih & ~jh) ^ th) & mh)) === 0) return this.found(ANDNOT, i, j, -1);
        if (((((jl & ~il) ^ tl) & ml) | (((jh & ~ih) ^ th) & mh)) === 0) return this.found(ANDNOT, j, i, -1);
      }
    }
    if (!select) return false;
    // bitselect(a, b, c): a must be right where c = 1, b where c = 0.
    for (let c = 0; c < n; c++) {
      const cl = lo[c], ch = hi[c];
      const a = this.find0(tl, th, ml & cl, mh & ch);
      if (a < 0) continue;
      const b = this.find0(tl, th, ml & ~cl, mh & ~ch);
      if (b >= 0) return this.found(BITSELECT, a, b, c);
    }
    return false;
  }

  /**
   * A one-gate x (not, or and / or / xor / andnot of a pair) and a pool signal c with x ^ c equal
   * to the target on the care set: sets fOp … fC for x and fXor = c, or returns false. Rather than
   * try every c against every x, it hashes the pool signals restricted to the care set and looks
   * up (t ^ x) restricted to it, for each x.
   */
  findXor(tl, th, ml, mh) {
    const { lo, hi, n } = this;
    let bits = 4;
    while ((1 << bits) < 4 * n) bits++;
    const size = 1 << bits, shift = 32 - bits;
    if (!this.table || this.table.length < size) this.table = new Int32Array(size * 2);
    const table = this.table.fill(-1, 0, size);
    const slot = (kl, kh) => (Math.imul(kl, 0x9e3779b1) ^ Math.imul(kh, 0x85ebca77)) >>> shift;
    for (let c = 0; c < n; c++) {
      const kl = lo[c] & ml, kh = hi[c] & mh;
      let h = slot(kl, kh);
      while (table[h] >= 0) {
        const d = table[h];
        if ((lo[d] & ml) === kl && (hi[d] & mh) === kh) break;
        h = (h + 1) & (size - 1);
      }
      if (table[h] < 0) table[h] = c;
    }
    const get = (xl, xh) => {
      const kl = (xl ^ tl) & ml, kh = (xh ^ th) & mh;
      for (let h = slot(kl, kh); ; h = (h + 1) & (size - 1)) {
        const d = table[h];
        if (d < 0) return -1;
        if ((lo[d] & ml) === kl && (hi[d] & mh) === kh) return d;
      }
    };
    let c;
    for (let i = 0; i < n; i++) {
      const il = lo[i], ih = hi[i];
      if ((c = get(~il, ~ih)) >= 0) return this.foundXor(NOT, i, -1, c);
      for (let j = i + 1; j < n; j++) {
        const jl = lo[j], jh = hi[j];
        if ((c = get(il & jl, ih & jh)) >= 0) return this.foundXor(AND, i, j, c);
        if ((c = get(il | jl, ih | jh)) >= 0) return this.foundXor(OR, i, j, c);
        if ((c = get(il ^ jl, ih ^ jh)) >= 0) return this.foundXor(XOR, i, j, c);
        if ((c = get(il & ~jl, ih & ~jh)) >= 0) return this.foundXor(ANDNOT, i, j, c);
        if ((c = get(jl & ~il, jh & ~ih)) >= 0) return this.foundXor(ANDNOT, j, i, c);
      }
    }
    return false;
  }

  foundXor(op, a, b, c) {
    this.fXor = c;
    return this.found(op, a, b, -1);
  }

  found(op, a, b, c) {
    this.fOp = op; this.fA = a; this.fB = b; this.fC = c;
    return true;
  }

  /**
   * Two gates: an outer gate over pool signal c and a new x, x found by find1 for what the outer
   * gate leaves it to do. Pushes both gates and returns the outer one, or returns -1.
   */
  find2(tl, th, ml, mh, select) {
    const { lo, hi } = this;
    const n = this.n;
    // outer = not(x)
    if (this.find1(~tl, ~th, ml, mh, select)) return this.push(NOT, this.pushFound(), -1, -1);
    // outer = x ^ c: x = t ^ c everywhere, so c = t ^ x on the care set.
    if (this.findXor(tl, th, ml, mh)) return this.push(XOR, this.pushFound(), this.fXor, -1);
    for (let c = 0; c < n; c++) {
      const cl = lo[c], ch = hi[c];
      // outer = x & c: t must be 0 where c is 0; x = t where c is 1.
      if (((tl & ~cl & ml) | (th & ~ch & mh)) === 0 && this.find1(tl, th, ml & cl, mh & ch, select)) return this.push(AND, this.pushFound(), c, -1);
      // outer = c & ~x: t must be 0 where c is 0; x = ~t where c is 1.
      if (((tl & ~cl & ml) | (th & ~ch & mh)) === 0 && this.find1(~tl, ~th, ml & cl, mh & ch, select)) return this.push(ANDNOT, c, this.pushFound(), -1);
      // outer = x | c: t must be 1 where c is 1; x = t where c is 0.
      if (((~tl & cl & ml) | (~th & ch & mh)) === 0 && this.find1(tl, th, ml & ~cl, mh & ~ch, select)) return this.push(OR, this.pushFound(), c, -1);
      // outer = x & ~c: t must be 0 where c is 1; x = t where c is 0.
      if (((tl & cl & ml) | (th & ch & mh)) === 0 && this.find1(tl, th, ml & ~cl, mh & ~ch, select)) return this.push(ANDNOT, this.pushFound(), c, -1);
      // outer = bitselect(x, d, c) or bitselect(d, x, c), d a pool signal right on its half.
      if (!select) continue;
      const d1 = this.find0(tl, th, ml & ~cl, mh & ~ch);
      if (d1 >= 0 && this.find1(tl, th, ml & cl, mh & ch, select)) return this.push(BITSELECT, this.pushFound(), d1, c);
      const d0 = this.find0(tl, th, ml & cl, mh & ch);
      if (d0 >= 0 && this.find1(tl, th, ml & ~cl, mh & ~ch, select)) return this.push(BITSELECT, d0, this.pushFound(), c);
    }
    return -1;
  }
}

/** The search state for one attempt at one S-box. */
class Builder {
  constructor(rand, options) {
    this.pool = new Pool();
    this.rand = rand;
    this.widths = options.widths;   // how many selector bits to try at each depth
    this.orders = options.orders;   // whether to try both halves first (2) or one at random (1)
    this.two = options.twoGates;    // whether to try step 3
    // With bitselect, the search minimises gates (the multiplexer is one bitselect); without, it
    // minimises COST (the multiplexer is xor and and).
    this.select = options.select;
  }

  /** A signal equal to the target on the care set; `free` is the mask of unused selector bits. */
  build(tl, th, ml, mh, free, depth) {
    const pool = this.pool;
    const hit = pool.find0(tl, th, ml, mh);
    if (hit >= 0) return hit;
    if (pool.find1(tl, th, ml, mh, this.select)) return pool.pushFound();
    if (this.two) {
      const two = pool.find2(tl, th, ml, mh, this.select);
      if (two >= 0) return two;
    }
    const vars = [];
    for (let v = 0; v < 6; v++) {
      if (!(free & (1 << v))) continue;
      // A bit on which the care set is all 0 or all 1 cannot split it.
      const vl = INPUT_LO[v], vh = INPUT_HI[v];
      if (((ml & vl) | (mh & vh)) === 0 || ((ml & ~vl) | (mh & ~vh)) === 0) continue;
      vars.push(v);
    }
    if (vars.length === 0) throw new Error('no input bit left to split on');
    shuffle(vars, this.rand);
    const width = Math.min(vars.length, this.widths[Math.min(depth, this.widths.length - 1)]);
    const bothOrders = this.orders[Math.min(depth, this.orders.length - 1)] > 1;
    const mark = pool.n;
    let best = null, bestCost = Infinity, bestResult = -1;
    for (let k = 0; k < width; k++) {
      const v = vars[k];
      const firsts = bothOrders ? [0, 1] : [this.rand() < 0.5 ? 0 : 1];
      for (const first of firsts) {
        const result = this.mux(tl, th, ml, mh, v, first, free & ~(1 << v), depth + 1);
        const cost = this.select ? pool.n - mark : pool.costSince(mark);
        if (cost < bestCost) { bestCost = cost; best = pool.save(mark); bestResult = result; }
        pool.n = mark;
      }
    }
    pool.restore(best);
    return bestResult;
  }

  /**
   * f = bitselect(f1, f0, a_v), building the half `first` (0 or 1) first. Without bitselect,
   * f = f0 ^ (g & a_v), where g need only be f ^ f0 where a_v = 1 (or, f1 first,
   * f = f1 ^ (g & ~a_v)): two cheap gates instead of one dear one, g built for what f0 leaves.
   */
  mux(tl, th, ml, mh, v, first, free, depth) {
    const pool = this.pool;
    const vl = INPUT_LO[v], vh = INPUT_HI[v];
    const m1l = ml & vl, m1h = mh & vh, m0l = ml & ~vl, m0h = mh & ~vh;
    // A constant half: f = f0 & ~v (f is 0 where v = 1), f0 | v (1 where v = 1), f1 & v (0 where v = 0).
    if (((tl & m1l) | (th & m1h)) === 0) return pool.push(ANDNOT, this.build(tl, th, m0l, m0h, free, depth), v, -1);
    if (((~tl & m1l) | (~th & m1h)) === 0) return pool.push(OR, this.build(tl, th, m0l, m0h, free, depth), v, -1);
    if (((tl & m0l) | (th & m0h)) === 0) return pool.push(AND, this.build(tl, th, m1l, m1h, free, depth), v, -1);
    if (!this.select) {
      const [mFirst, mFirstH, mRest, mRestH] = first === 0 ? [m0l, m0h, m1l, m1h] : [m1l, m1h, m0l, m0h];
      const f = this.build(tl, th, mFirst, mFirstH, free, depth);
      const g = this.build(tl ^ pool.lo[f], th ^ pool.hi[f], mRest, mRestH, free, depth);
      const gated = first === 0 ? pool.push(AND, g, v, -1) : pool.push(ANDNOT, g, v, -1);
      return pool.push(XOR, f, gated, -1);
    }
    let f0, f1;
    if (first === 0) {
      f0 = this.build(tl, th, m0l, m0h, free, depth);
      f1 = this.build(tl, th, m1l, m1h, free, depth);
    } else {
      f1 = this.build(tl, th, m1l, m1h, free, depth);
      f0 = this.build(tl, th, m0l, m0h, free, depth);
    }
    if (f0 === f1) return f0;
    return pool.push(BITSELECT, f1, f0, v);
  }
}

function shuffle(array, rand) {
  for (let i = array.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [array[i], array[j]] = [array[j], array[i]];
  }
  return array;
}

/**
 * One attempt: the four outputs (truth tables as [lo, hi] pairs) built in the given order.
 * Returns the circuit in the SSA form of scripts/sbox/circuit.mjs, dead gates removed.
 */
export function attempt(outputs, order, rand, options) {
  const builder = new Builder(rand, options);
  const result = [];
  for (const o of order) result[o] = builder.build(outputs[o][0], outputs[o][1], -1, -1, 0x3f, 0);
  return prune(builder.pool, result);
}

/**
 * Local improvement of a finished circuit: keep the gates that the other outputs need, and build
 * the outputs in `redo` again, in that order, on top of them.
 */
export function rebuild(circuit, outputs, redo, rand, options) {
  const builder = new Builder(rand, options);
  const pool = builder.pool;
  const names = ['o1', 'o2', 'o3', 'o4'].map((o) => circuit.outputs[o]);
  const byName = new Map(circuit.code.map((gate) => [gate.out, gate]));
  const keep = new Set();
  const need = (name) => {
    if (name[0] !== 'x' || keep.has(name)) return;
    keep.add(name);
    byName.get(name).args.forEach(need);
  };
  names.forEach((name, o) => { if (!redo.includes(o)) need(name); });
  const index = new Map();
  for (let k = 0; k < 6; k++) index.set(`a${k + 1}`, k);
  for (const gate of circuit.code) {
    if (!keep.has(gate.out)) continue;
    const [a, b = -1, c = -1] = gate.args.map((name) => index.get(name));
    index.set(gate.out, pool.push(OPS.indexOf(gate.op), a, b, c));
  }
  const result = names.map((name) => (index.has(name) ? index.get(name) : -1));
  for (const o of redo) result[o] = builder.build(outputs[o][0], outputs[o][1], -1, -1, 0x3f, 0);
  return prune(pool, result);
}

/** Keep only the gates the outputs depend on, in order, and name the signals. */
function prune(pool, outputs) {
  const live = new Uint8Array(pool.n);
  const mark = (i) => {
    if (i < 0 || live[i]) return;
    live[i] = 1;
    if (pool.op[i] !== INPUT) { mark(pool.a[i]); mark(pool.b[i]); mark(pool.c[i]); }
  };
  outputs.forEach(mark);
  const names = [];
  const code = [];
  for (let i = 0; i < pool.n; i++) {
    if (pool.op[i] === INPUT) { names[i] = `a${pool.a[i] + 1}`; continue; }
    if (!live[i]) continue;
    names[i] = `x${code.length + 1}`;
    const arity = pool.op[i] === NOT ? 1 : pool.op[i] === BITSELECT ? 3 : 2;
    const args = [pool.a[i], pool.b[i], pool.c[i]].slice(0, arity).map((x) => names[x]);
    code.push({ out: names[i], op: OPS[pool.op[i]], args });
  }
  const [o1, o2, o3, o4] = outputs.map((i) => names[i]);
  const circuit = { gates: code.length, code, outputs: { o1, o2, o3, o4 } };
  return { ...circuit, cost: circuitCost(circuit) };
}

/**
 * Keep `front` the circuits that no other beats on both gates and cost (the Pareto front), sorted
 * by gates; returns whether `found` joined it.
 */
export function addToFront(front, found) {
  const beats = (a, b) => a.gates <= b.gates && a.cost <= b.cost;
  if (front.some((c) => beats(c, found))) return false;
  for (let i = front.length - 1; i >= 0; i--) if (beats(found, front[i])) front.splice(i, 1);
  front.push(found);
  front.sort((a, b) => a.gates - b.gates);
  return true;
}

/**
 * Search for `seconds`: random output orders and selector choices, half the attempts minimising
 * gates (with bitselect), half minimising COST (without); in the second half of the time, also
 * rebuild one or two outputs of a circuit found so far with a wider search. Returns the Pareto
 * front of (gates, cost) over everything found: scripts/sbox-circuits.mjs chooses from it.
 * `outputs` are the four truth tables as [lo, hi] pairs.
 */
export function search(outputs, { seconds, seed, log = () => {} }) {
  const rand = random(seed);
  const start = Date.now(), end = start + seconds * 1000, half = start + seconds * 500;
  const front = [];
  let tries = 0;
  // Fresh attempts: from greedy (one selector bit tried below the top) to wider ones.
  const plans = [
    { widths: [6, 1], orders: [2, 1], twoGates: true },
    { widths: [6, 2, 1], orders: [2, 1], twoGates: true },
    { widths: [6, 3, 1], orders: [2, 2, 1], twoGates: true },
  ];
  const wide = [
    { widths: [6, 4, 2, 1], orders: [2, 2, 1], twoGates: true },
    { widths: [6, 6, 3, 1], orders: [2, 2, 2, 1], twoGates: true },
  ];
  do {
    tries++;
    const select = (tries >> 1) % 2 === 0;
    let found, how;
    if (Date.now() < half || tries % 2) {
      const order = shuffle([0, 1, 2, 3], rand);
      found = attempt(outputs, order, rand, { ...plans[tries % plans.length], select });
      how = `outputs in order ${order.map((o) => o + 1).join('')}`;
    } else {
      const base = front[Math.floor(rand() * front.length)];
      const redo = shuffle([0, 1, 2, 3], rand).slice(0, 1 + Math.floor(rand() * 3));
      found = rebuild(base, outputs, redo, rand, { ...wide[tries % 4 === 0 ? 1 : 0], select });
      how = `rebuilt output ${redo.map((o) => o + 1).join(', ')}`;
    }
    if (addToFront(front, found)) log(`try ${tries}: ${found.gates} gates, cost ${found.cost} (${how}${select ? ', bitselect' : ''})`);
  } while (Date.now() < end);
  return { front, tries };
}
