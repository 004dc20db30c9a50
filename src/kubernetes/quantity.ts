/**
 * Kubernetes resource quantities (`500m`, `1.5`, `256Mi`, `1G`, `2e3`), parsed exactly as the API
 * server's `resource.Quantity` does: a signed decimal number and one suffix, binary (`Ki`…`Ei`),
 * decimal (`m`, none, `k`, `M`…`E`) or an exponent (`e3`, `E-2`). Never through a float.
 */
import Big from 'big.js';

const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL: Record<string, number> = { m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

const NUMBER = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(.*)$/;

/** The value of a quantity, or why it is not one (a phrase to follow "is not a quantity: "). */
export type ParsedQuantity = { ok: true; value: Big } | { ok: false; why: string };

/**
 * Parses a quantity as written in a manifest: a string, or a YAML number (`cpu: 2`, `cpu: 0.5`), which
 * goes through its shortest decimal form. Negative values parse; callers that need a request reject them.
 */
export function parseQuantity(raw: unknown): ParsedQuantity {
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return { ok: false, why: 'not a finite number' };
    return parseQuantity(String(raw));
  }
  if (typeof raw !== 'string')
    return { ok: false, why: `a ${raw === null ? 'null' : typeof raw}, not a string` };
  const m = NUMBER.exec(raw);
  if (!m)
    return { ok: false, why: 'expected a number with an optional suffix, such as 500m, 1.5, 256Mi or 1G' };
  const [, sign, digits, suffix] = m as unknown as [string, string, string, string];
  const number = new Big(`${sign === '-' ? '-' : ''}${digits.endsWith('.') ? digits.slice(0, -1) : digits}`);
  if (Object.hasOwn(BINARY, suffix))
    return { ok: true, value: number.times(new Big(2).pow(BINARY[suffix] as number)) };
  if (Object.hasOwn(DECIMAL, suffix)) return { ok: true, value: scale(number, DECIMAL[suffix] as number) };
  // `1E` is exa; `1E3` and `1e-3` are exponents (a signed integer after the letter).
  const exponent = /^[eE]([+-]?\d+)$/.exec(suffix);
  if (exponent) {
    const power = Number(exponent[1]);
    if (Math.abs(power) > 1000) return { ok: false, why: `exponent ${exponent[1]} is out of range` };
    return { ok: true, value: scale(number, power) };
  }
  return {
    ok: false,
    why: `unknown suffix "${suffix}" (expected m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei or an exponent such as e3)`,
  };
}

function scale(value: Big, power: number): Big {
  return power >= 0 ? value.times(new Big(10).pow(power)) : value.div(new Big(10).pow(-power));
}

/**
 * CPU in cores as the scheduler counts it: Kubernetes keeps at most three decimal places and rounds
 * finer values up (`0.0001` is `1m`).
 */
export function cpuCores(value: Big): Big {
  return value.times(1000).round(0, Big.roundUp).div(1000);
}

const BYTES_PER_GIB = new Big(2).pow(30);

/** Memory in GiB; bytes are whole, a fraction of a byte rounds up as the scheduler counts it. */
export function memoryGib(value: Big): Big {
  return value.round(0, Big.roundUp).div(BYTES_PER_GIB);
}
