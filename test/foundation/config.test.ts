import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/platform/config.ts';

describe('database pool configuration', () => {
  it('defaults to 10 connections and a 30-second wait for one', () => {
    const config = loadConfig({});
    expect(config.databasePoolSize).toBe(10);
    expect(config.databasePoolWaitSeconds).toBe(30);
  });

  it('takes both from the environment', () => {
    const config = loadConfig({ DATABASE_POOL_SIZE: '25', DATABASE_POOL_WAIT_SECONDS: '60' });
    expect(config.databasePoolSize).toBe(25);
    expect(config.databasePoolWaitSeconds).toBe(60);
  });

  it.each([
    ['DATABASE_POOL_SIZE', '0'],
    ['DATABASE_POOL_SIZE', 'many'],
    ['DATABASE_POOL_WAIT_SECONDS', '0'],
    ['DATABASE_POOL_WAIT_SECONDS', '601'],
  ])('refuses %s=%s with a message naming it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });
});
