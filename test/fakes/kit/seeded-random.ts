import { Prng } from '../../../src/providers/sample/data/prng';

/**
 * The fakes' random source: the Sample CRM's seeded generator (mulberry32), whose sequence depends
 * only on the seed, so a seed always gives the same data; plus the draws only the fakes need.
 */
export class SeededRandom extends Prng {
  /** `length` characters drawn from `alphabet` (ids, hashes). */
  chars(alphabet: string, length: number): string {
    let out = '';
    while (out.length < length) out += alphabet[Math.floor(this.next() * alphabet.length)];
    return out;
  }
}
