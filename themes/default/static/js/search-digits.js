// The base-64 digits of src/search/digits.rs, which the index uses to spell numbers inside JSON
// strings: the alphabet 0-9 A-Z a-z - _ (values 0‥63), one digit for facet bitsets and code
// strings, and variable-length numbers (5 bits a digit, least significant first; a digit of value
// 32 or more says another follows) for posting lists.

const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_';

/** Character code → digit value. */
export const VALUE = new Uint8Array(128);
for (let i = 0; i < DIGITS.length; i++) VALUE[DIGITS.charCodeAt(i)] = i;

/** The numbers of a string of variable-length digits, as an array. */
export function readVarints(text) {
  const out = [];
  let n = 0;
  let scale = 1;
  for (let i = 0; i < text.length; i++) {
    const value = VALUE[text.charCodeAt(i)];
    n += (value & 31) * scale; // multiply, not shift: numbers may pass 2^31
    if (value < 32) {
      out.push(n);
      n = 0;
      scale = 1;
    } else {
      scale *= 32;
    }
  }
  return out;
}
