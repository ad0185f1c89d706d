import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/built-cli.js';

/**
 * electron-builder.yml read and checked by electron-builder's own code (app-builder-lib, which
 * `npm run dist` runs): its YAML loader and its JSON-schema validation, which refuses unknown
 * keys, so a misspelt `electronFuses` or fuse name fails here rather than being ignored.
 */
const require = createRequire(import.meta.url);
interface BuilderConfig {
  electronFuses?: Record<string, boolean> | null;
  [key: string]: unknown;
}
const { getConfig, validateConfiguration } =
  require('app-builder-lib/out/util/config/config.js') as {
    getConfig(
      this: void,
      projectDir: string,
      configPath: string,
      fromOptions: null,
    ): Promise<BuilderConfig>;
    validateConfiguration(this: void, config: BuilderConfig, logger: unknown): Promise<void>;
  };
const { DebugLogger } = require('builder-util') as {
  DebugLogger: new (enabled: boolean) => unknown;
};

const validate = (config: BuilderConfig) => validateConfiguration(config, new DebugLogger(false));

describe('electron-builder.yml', () => {
  it('is valid for electron-builder and sets the hardening fuses', async () => {
    const config = await getConfig(ROOT, 'electron-builder.yml', null);
    await validate(config);
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('would refuse a misspelt fuse or key, so the names above are the ones electron-builder reads', async () => {
    const config = await getConfig(ROOT, 'electron-builder.yml', null);
    await expect(validate({ ...config, electronFuses: { runAsnode: false } })).rejects.toThrow(
      /electronFuses/,
    );
    await expect(validate({ ...config, electronFuse: { runAsNode: false } })).rejects.toThrow(
      /electronFuse/,
    );
  });
});
