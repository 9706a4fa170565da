// The test provider's storage: oidc-provider's models kept in a Map owned by one provider, so
// two providers in one process never share codes or clients (its own in-memory adapter is a
// module-wide cache, and warns on every start).
import { AsyncLocalStorage } from "node:async_hooks";
import type { Adapter, AdapterPayload } from "oidc-provider";

/**
 * How the client authenticates on the token request being handled. oidc-provider holds a
 * client to the one method it registered; a real provider takes either of the two that the
 * presets use, so the client is described with whichever the request used.
 */
export const tokenRequestAuthMethod = new AsyncLocalStorage<
  "client_secret_basic" | "client_secret_post"
>();

const epoch = () => Math.floor(Date.now() / 1000);

interface Entry {
  payload: AdapterPayload;
  /** Seconds since the epoch; undefined for what never expires (clients). */
  expiresAt: number | undefined;
}

export class ProviderStore {
  private readonly entries = new Map<string, Entry>();
  private expireNext = false;

  /** The next authorization code looked up (by a token request) comes back expired. */
  expireNextCode(): void {
    this.expireNext = true;
  }

  addClient(clientId: string, metadata: AdapterPayload): void {
    this.entries.set(`Client:${clientId}`, { payload: metadata, expiresAt: undefined });
  }

  /** oidc-provider's adapter factory: one adapter per model name. */
  readonly adapterFor = (model: string): Adapter => {
    const key = (id: string) => `${model}:${id}`;
    const get = (k: string): AdapterPayload | undefined => {
      const entry = this.entries.get(k);
      if (!entry) return undefined;
      if (entry.expiresAt !== undefined && entry.expiresAt <= epoch()) {
        this.entries.delete(k);
        return undefined;
      }
      return entry.payload;
    };
    const findWhere = (test: (p: AdapterPayload) => boolean) => {
      for (const k of this.entries.keys()) {
        if (!k.startsWith(`${model}:`)) continue;
        const payload = get(k);
        if (payload && test(payload)) return payload;
      }
      return undefined;
    };
    const found = (id: string): AdapterPayload | undefined => {
      const payload = get(key(id));
      if (!payload) return undefined;
      if (model === "Client") {
        const method = tokenRequestAuthMethod.getStore() ?? "client_secret_basic";
        return { ...payload, token_endpoint_auth_method: method };
      }
      if (model === "AuthorizationCode" && this.expireNext) {
        // Codes are only looked up by the token request, so this is the one to fail.
        this.expireNext = false;
        return { ...payload, exp: epoch() - 60 };
      }
      return payload;
    };
    // Everything is in memory, so each answer is ready at once.
    return {
      upsert: (id, payload, expiresIn) => {
        this.entries.set(key(id), {
          payload: { ...payload },
          expiresAt: expiresIn ? epoch() + expiresIn : undefined,
        });
        return Promise.resolve();
      },
      find: (id) => Promise.resolve(found(id)),
      findByUid: (uid) => Promise.resolve(findWhere((p) => p.uid === uid)),
      findByUserCode: (userCode) => Promise.resolve(findWhere((p) => p.userCode === userCode)),
      consume: (id) => {
        const payload = get(key(id));
        if (payload) payload.consumed = epoch();
        return Promise.resolve();
      },
      destroy: (id) => {
        this.entries.delete(key(id));
        return Promise.resolve();
      },
      revokeByGrantId: (grantId) => {
        for (const [k, entry] of this.entries) {
          if (k.startsWith(`${model}:`) && entry.payload.grantId === grantId) {
            this.entries.delete(k);
          }
        }
        return Promise.resolve();
      },
    };
  };
}
