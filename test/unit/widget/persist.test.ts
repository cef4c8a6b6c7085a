import { createPersist, storageFor } from '../../../widget/app/lib/persist.ts';

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});

/** A window whose storages throw on every use (blocked cookies, a full quota). */
function windowWithBrokenStorage(): Window {
  const broken = new Proxy(
    {},
    {
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    },
  );
  return Object.create(window, { localStorage: { get: () => broken }, sessionStorage: { get: () => broken } });
}

/** A window whose storage accepts reads but refuses writes (QuotaExceededError). */
function windowWithFullStorage(): Window {
  const full = {
    length: 0,
    key: () => null,
    getItem: () => null,
    setItem: () => {
      throw new DOMException('Quota exceeded', 'QuotaExceededError');
    },
    removeItem: () => {},
  };
  return Object.create(window, { localStorage: { get: () => full } });
}

describe('storageFor', () => {
  it('keeps development input in localStorage and production input in sessionStorage', () => {
    expect([storageFor('development'), storageFor('production')]).toStrictEqual(['local', 'session']);
  });
});

describe('createPersist', () => {
  it('saves and loads a tool’s fields', () => {
    const persist = createPersist(window, 'development');
    persist.save('sandbox', 'api_key', 'k');
    persist.save('sandbox', 'seed', 's');
    persist.save('personio', 'api_key', 'other');
    expect(createPersist(window, 'development').load('sandbox')).toStrictEqual({ api_key: 'k', seed: 's' });
  });

  it('removes a field saved empty', () => {
    const persist = createPersist(window, 'development');
    persist.save('sandbox', 'seed', 's');
    persist.save('sandbox', 'seed', '');
    expect(localStorage.getItem('plugboard:v1:sandbox:seed')).toBeNull();
  });

  it('clears only its own entries', () => {
    sessionStorage.setItem('vendor-key', 'v');
    const persist = createPersist(window, 'production');
    persist.save('sandbox', 'api_key', 'k');
    persist.clear();
    expect(Object.keys(sessionStorage)).toStrictEqual(['vendor-key']);
  });

  it('keeps working in memory when storage throws', () => {
    const persist = createPersist(windowWithBrokenStorage(), 'development');
    persist.save('sandbox', 'api_key', 'k');
    expect({ kind: persist.kind, values: persist.load('sandbox') }).toStrictEqual({ kind: 'memory', values: { api_key: 'k' } });
  });

  it('keeps working in memory when storage is full', () => {
    const persist = createPersist(windowWithFullStorage(), 'development');
    persist.save('sandbox', 'api_key', 'k');
    expect(persist.load('sandbox')).toStrictEqual({ api_key: 'k' });
  });
});
