import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type ArgsSchemas, CALL_ARGS, METHOD_NAMES, isMethodName } from './call-args.js';
import type { ApiMethods } from './contract.js';

/*
 * The compile-time half of these checks is the `@ts-expect-error` lines: `npm run typecheck` fails
 * if any of them compiles, that is if the schema map stopped enforcing the contract.
 */
const withoutOne = Object.fromEntries(
  Object.entries(CALL_ARGS).filter(([name]) => name !== 'issues.items'),
) as Omit<ArgsSchemas<ApiMethods>, 'issues.items'>;
// @ts-expect-error a method of the contract without a schema does not compile
const missing: ArgsSchemas<ApiMethods> = withoutOne;

const mistyped: ArgsSchemas<ApiMethods> = {
  ...CALL_ARGS,
  // @ts-expect-error a schema whose output lacks a required argument (`into`) does not compile
  'issues.merge': z.strictObject({ id: z.string() }),
};

const unknownMethod: ArgsSchemas<ApiMethods> = {
  ...CALL_ARGS,
  // @ts-expect-error a schema for a method the contract does not name does not compile
  'issues.delete': z.strictObject({}),
};

describe('the argument schemas of the contract', () => {
  it('name every method once, and only own keys count as methods', () => {
    expect(METHOD_NAMES).toHaveLength(28);
    expect(new Set(METHOD_NAMES).size).toBe(METHOD_NAMES.length);
    expect(isMethodName('issues.rank')).toBe(true);
    expect(isMethodName('__proto__')).toBe(false);
    expect(isMethodName('toString')).toBe(false);
    const n = METHOD_NAMES.length;
    expect([missing, mistyped, unknownMethod].map((map) => Object.keys(map).length)).toEqual([
      n - 1,
      n,
      n + 1,
    ]);
  });
});
