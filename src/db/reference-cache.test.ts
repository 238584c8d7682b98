import { describe, expect, it } from 'vitest';
import { deepFreeze, Lru } from './reference-cache.ts';

describe('Lru', () => {
  it('keeps at most its capacity, dropping the least recently read first', () => {
    const lru = new Lru<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    expect(lru.get('a')).toBe(1);
    lru.set('c', 3);
    expect([lru.get('a'), lru.get('b'), lru.get('c')]).toEqual([1, undefined, 3]);
  });
});

describe('deepFreeze', () => {
  it('freezes nested objects and arrays', () => {
    const value = deepFreeze({ cases: [{ fees: [{ amount: 1 }] }] });
    expect(() => value.cases[0]?.fees.push({ amount: 2 })).toThrow(TypeError);
    expect(Object.isFrozen(value.cases[0]?.fees[0])).toBe(true);
  });
});
