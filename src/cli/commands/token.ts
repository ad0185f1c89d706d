import { Command, Option } from 'commander';
import { ROLES } from '../../shared/domain/role.js';
import { type TokenRecord, TokenSpecError, TokensRepo } from '../../server/tokens/tokens-repo.js';
import { type StorageOptions, withStorageOptions } from '../storage-options.js';
import { UsageError } from '../usage-error.js';
import { withStorage } from '../with-aggregator.js';

interface CreateOptions extends StorageOptions {
  name: string;
  role: string;
  team?: string;
}

/** Runs `work` on the tokens table of the database the storage flags name. */
function withTokens<T>(
  options: StorageOptions,
  work: (tokens: TokensRepo) => Promise<T>,
): Promise<T> {
  return withStorage(options, (storage) => work(new TokensRepo(storage)));
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function createCommand(): Command {
  return withStorageOptions(new Command('create'))
    .description('create an access token and print it (alone, on stdout); only its hash is stored')
    .requiredOption('--name <name>', 'who holds it; for an agent, the agent name their items carry')
    .addOption(new Option('--role <role>', 'what it may do').choices(ROLES).makeOptionMandatory())
    .option(
      '--team <team>',
      "the team (required for a lead: a lead reads only their team's issues)",
    )
    .action(async (options: CreateOptions) => {
      const { secret } = await withTokens(options, async (tokens) => {
        try {
          return await tokens.create({
            name: options.name,
            role: options.role,
            team: options.team,
          });
        } catch (error) {
          throw error instanceof TokenSpecError ? new UsageError(error.message) : error;
        }
      });
      process.stdout.write(`${secret}\n`);
    });
}

function revokeCommand(): Command {
  return withStorageOptions(new Command('revoke'))
    .description('revoke the token with this id, or every active token with this name')
    .argument('<name-or-id>', 'token id (tok_…) or name')
    .action(async (nameOrId: string, options: StorageOptions) => {
      const revoked = await withTokens(options, (tokens) => tokens.revoke(nameOrId));
      if (revoked.length === 0) throw new Error(`no active token with id or name "${nameOrId}"`);
      for (const token of revoked)
        process.stdout.write(`${JSON.stringify({ revoked: token.id, name: token.name })}\n`);
    });
}

function listCommand(): Command {
  return withStorageOptions(new Command('list'))
    .description('list tokens as JSON lines (never secrets or hashes)')
    .action(async (options: StorageOptions) => {
      for (const token of await withTokens(options, (tokens) => tokens.list())) {
        process.stdout.write(`${JSON.stringify(describe(token))}\n`);
      }
    });
}

function describe(token: TokenRecord): Record<string, unknown> {
  const { created_at, revoked_at, last_used_at, ...identity } = token;
  return {
    ...identity,
    created_at: iso(created_at),
    revoked_at: iso(revoked_at),
    last_used_at: iso(last_used_at),
  };
}

export function tokenCommand(): Command {
  return new Command('token')
    .description('manage access tokens for the HTTP API')
    .addCommand(createCommand())
    .addCommand(revokeCommand())
    .addCommand(listCommand());
}
