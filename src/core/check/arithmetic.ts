import type { Claim } from './claims.js';
import type { AmountQuantity } from './quantities.js';
import { both, patternOf } from './vocabulary.js';

/** Within 10 % a product is the stated result: "512 × 80 hours ≈ 41k GPU-hours". */
const PRODUCT_TOLERANCE = 0.1;

/** What a number measures, as the dimensions of a product: GPUs × hours = GPU-hours; × $/GPU-hour = $. */
type Dimension = 'count' | 'hours' | 'gpu_hours' | 'price' | 'money';

const TIMES = patternOf('timesWords', both('timesWords'));
const EQUALS = patternOf('equalsWords', both('equalsWords'));

function dimensionOf(q: AmountQuantity): Dimension | undefined {
  if (q.kind === 'money') return q.currency !== 'USD' ? undefined : q.perHour ? 'price' : 'money';
  return q.kind;
}

/** The dimension of a product of operands, or undefined when they do not compose ("GPUs × dollars"). */
function productDimension(dims: readonly Dimension[]): Dimension | undefined {
  const key = [...dims].sort().join('*');
  const products: Record<string, Dimension> = {
    'count*hours': 'gpu_hours',
    'gpu_hours*price': 'money',
    'count*hours*price': 'money',
  };
  return products[key];
}

/** A sum worked out in a statement: its operands, its stated result and how the two compare. */
export interface Calculation {
  operands: Claim[];
  result: Claim;
  /** `right` when the product is the result, `wrong` when it is not, `units` when they cannot be multiplied. */
  outcome: 'right' | 'wrong' | 'units';
  /** A bare operand read anew from the product ("80 hours × 512": 512 GPUs). */
  retyped?: { claim: Claim; kind: 'count' | 'hours' };
}

/**
 * Finds a product worked out in a statement: "80 jam × 512 = 147 ribu jam GPU", "147rb jam GPU dikali
 * US$2 per jam = US$294rb", "512 GPUs × ~80 hours is ~41k GPU-hours". Operands are the numbers joined by
 * a times word before an equals word; the result is the first number after it.
 */
export function findCalculation(text: string, claims: readonly Claim[]): Calculation | undefined {
  const equals = EQUALS.exec(text);
  if (!equals || !TIMES.test(text.slice(0, equals.index))) return undefined;
  const numbered = claims.filter(
    (c): c is Claim & { quantity: AmountQuantity } => c.quantity !== undefined && 'readings' in c.quantity,
  );
  // The operands are the numbers joined by times words right before the equals word.
  const before = numbered.filter((c) => c.quantity.start < equals.index);
  const operands: typeof before = [];
  for (let i = before.length - 1; i >= 0; i--) {
    const c = before[i];
    const next = operands[0];
    if (!c) break;
    if (next && !TIMES.test(text.slice(c.quantity.end, next.quantity.start))) break;
    operands.unshift(c);
  }
  const result = numbered.find((c) => c.quantity.start >= equals.index + equals[0].length);
  if (operands.length < 2 || !result) return undefined;
  // The result follows the product directly: "512 × 80 hours is 41k", not "80 hours on 512 GPUs, and
  // the cost is $294k".
  const last = operands.at(-1)?.quantity;
  const between = last ? text.slice(last.end, equals.index) : '';
  if (between.length > 16 || /[,;.]|\b(and|dan|but|tapi)\b/i.test(between)) return undefined;
  const resultDim = dimensionOf(result.quantity);
  const dims = operands.map((c) => dimensionOf(c.quantity));
  if (dims.some((d) => d === undefined) || resultDim === undefined) return undefined;
  // A bare number ("80 hours × 512") measures whatever makes the product's units work.
  const bare = operands.findIndex((c) => 'unit' in c.quantity && c.quantity.unit === '');
  if (bare >= 0) {
    const fits = (['count', 'hours', 'price'] as const).find(
      (d) => productDimension(dims.map((x, i) => (i === bare ? d : x)) as Dimension[]) === resultDim,
    );
    if (fits) dims[bare] = fits;
  }
  const bareClaim = operands[bare];
  const newKind = dims[bare];
  const retyped =
    bareClaim && (newKind === 'count' || newKind === 'hours') && newKind !== bareClaim.quantity.kind
      ? { retyped: { claim: bareClaim, kind: newKind } }
      : {};
  const product = productDimension(dims as Dimension[]);
  if (product !== resultDim) return { operands, result, outcome: 'units', ...retyped };
  const value = operands.reduce((p, c) => p * (c.quantity.readings[0] ?? NaN), 1);
  const stated = result.quantity.readings[0] ?? NaN;
  const right = Math.abs(value - stated) / stated <= PRODUCT_TOLERANCE;
  return { operands, result, outcome: right ? 'right' : 'wrong', ...retyped };
}
