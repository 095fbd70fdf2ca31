import { describe, expect, test } from 'vitest';
import { clientShardOptions } from '../../src/adapters/discord/sharding.js';
import { loadConfig } from '../../src/config.js';
import { ConfigError } from '../../src/core/errors.js';

const plan = (value: string | undefined) => loadConfig({ DISCORD_SHARDS: value }).DISCORD_SHARDS;

describe('DISCORD_SHARDS', () => {
  test('unset or empty means auto: Discord recommends the count and this process runs them all', () => {
    expect(plan(undefined)).toEqual({ kind: 'auto' });
    expect(plan('')).toEqual({ kind: 'auto' });
    expect(plan('AUTO')).toEqual({ kind: 'auto' });
    expect(clientShardOptions({ kind: 'auto' })).toEqual({ shards: 'auto' });
  });

  test('a count runs every shard of it here', () => {
    expect(plan('3')).toEqual({ kind: 'fixed', ids: [0, 1, 2], count: 3 });
    expect(clientShardOptions({ kind: 'fixed', ids: [0, 1, 2], count: 3 })).toEqual({
      shards: [0, 1, 2],
      shardCount: 3,
    });
  });

  test('ids of a count run only those here: ranges and lists, sorted, each once', () => {
    expect(plan('0-1/4')).toEqual({ kind: 'fixed', ids: [0, 1], count: 4 });
    expect(plan('3/4')).toEqual({ kind: 'fixed', ids: [3], count: 4 });
    expect(plan(' 5,2-3,2 / 8 ')).toEqual({ kind: 'fixed', ids: [2, 3, 5], count: 8 });
  });

  test.each(['0', 'many', '4/4', '0-4/4', '2-1/4', '/4', '1/', '1.5', '-1', '0-1/5000', '99999'])(
    '%j is refused with the variable named and the accepted forms',
    (value) => {
      expect(() => plan(value)).toThrow(ConfigError);
      expect(() => plan(value)).toThrow(/DISCORD_SHARDS: expected auto, a shard count/);
    },
  );
});
