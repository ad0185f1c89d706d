import { invalidInput } from '../../shared/api/parse-args.js';
import { CostSettingError, costSettings, setChannelCost } from '../costs/channel-costs.js';
import { HttpError } from '../http/http-error.js';
import { WEBHOOK_EVENTS, WebhookSettingError } from '../webhooks/webhook-events.js';
import {
  WebhookMissingError,
  addWebhook,
  removeWebhook,
  webhookStatuses,
} from '../webhooks/webhooks-repo.js';
import type { HandlerMap } from './handler-registry.js';

/** The settings' refusals as HTTP answers: an unknown webhook is a 404, anything else a 400. */
async function setting<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof WebhookMissingError) throw new HttpError(404, error.message);
    if (error instanceof WebhookSettingError || error instanceof CostSettingError)
      throw new HttpError(400, invalidInput('arguments', error.message));
    throw error;
  }
}

/** Channel costs and webhooks from the admin panel: the same server functions as `wocas cost` and `wocas webhook`. */
export const settingsHandlers: HandlerMap = {
  'costs.show': {
    run: (_args, { aggregator }) => costSettings(aggregator.storage),
  },
  'costs.set': {
    run: async ({ channel, minutes, per_minute, currency }, { aggregator }) => {
      await setting(() =>
        aggregator.storage.write((tx) =>
          setChannelCost(tx, channel, { minutes, per_minute }, currency),
        ),
      );
      return costSettings(aggregator.storage);
    },
  },
  'webhooks.list': {
    run: (_args, { aggregator }) => webhookStatuses(aggregator.storage),
  },
  'webhooks.add': {
    run: ({ url, events, format }, { aggregator, now }) =>
      setting(() =>
        aggregator.storage.write((tx) =>
          addWebhook(tx, url, [...new Set(events ?? WEBHOOK_EVENTS)], format ?? 'json', now),
        ),
      ),
  },
  'webhooks.remove': {
    run: async ({ id }, { aggregator }) => {
      await setting(() => aggregator.storage.write((tx) => removeWebhook(tx, id)));
      return { removed: id };
    },
  },
};
