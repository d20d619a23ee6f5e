import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The request a piece of work runs for, carried through every await (AsyncLocalStorage), so each
 * log line names its request without passing ids around. Ids only: never personal data.
 */
export interface RequestStore {
  requestId: string;
}

export const requestStore = new AsyncLocalStorage<RequestStore>();

/** pino mixin: the current request id on every line written while serving a request. */
export function requestIdMixin(): Record<string, string> {
  const store = requestStore.getStore();
  return store ? { reqId: store.requestId } : {};
}
