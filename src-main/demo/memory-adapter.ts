/** The demo and test IdPs' storage: every oidc-provider model in one in-memory Map, gone when the IdP stops. */
type Stored = { payload: Record<string, unknown>; expiresAt: number };

/**
 * oidc-provider's adapter contract over one Map (its own in-memory adapter warns that it is for
 * development): `createMemoryAdapter()(model)` returns the model's upsert / find / consume / destroy functions.
 */
export function createMemoryAdapter() {
  const rows = new Map<string, Stored>();
  const live = (key: string, row: Stored | undefined) => {
    if (row && row.expiresAt <= Date.now()) rows.delete(key);
    else return row?.payload;
  };
  return (model: string) => {
    const key = (id: string) => `${model}:${id}`;
    const grace = model === 'DeviceCode' ? 60_000 : 0;
    const findBy = (field: string, value: string) => {
      for (const [k, row] of rows) if (k.startsWith(`${model}:`) && row.payload[field] === value) return live(k, row);
    };
    return {
      // An expired device code is kept a minute, so a poll gets RFC 8628's expired_token, not "not found".
      upsert: async (id: string, payload: Record<string, unknown>, expiresIn?: number) =>
        void rows.set(key(id), { payload, expiresAt: expiresIn ? Date.now() + expiresIn * 1000 + grace : Infinity }),
      find: async (id: string) => live(key(id), rows.get(key(id))),
      findByUid: async (uid: string) => findBy('uid', uid),
      findByUserCode: async (userCode: string) => findBy('userCode', userCode),
      consume: async (id: string) => {
        const payload = live(key(id), rows.get(key(id)));
        if (payload) payload.consumed = Math.floor(Date.now() / 1000);
      },
      destroy: async (id: string) => void rows.delete(key(id)),
      revokeByGrantId: async (grantId: string) => {
        for (const [k, row] of rows) if (row.payload.grantId === grantId) rows.delete(k);
      },
    };
  };
}
