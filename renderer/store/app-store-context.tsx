import { createContext, type ReactNode, useContext } from 'react';
import { useStore } from 'zustand';
import type { Api } from '../../shared/ipc/contract.ts';
import type { AppState } from './app-state.ts';
import type { AppStore } from './app-store.ts';

interface StoreContextValue {
  store: AppStore;
  api: Api;
}

const StoreContext = createContext<StoreContextValue | null>(null);

export function AppStoreProvider(props: { store: AppStore; api: Api; children: ReactNode }) {
  return (
    <StoreContext.Provider value={{ store: props.store, api: props.api }}>
      {props.children}
    </StoreContext.Provider>
  );
}

function useStoreContext(): StoreContextValue {
  const value = useContext(StoreContext);
  if (!value) throw new Error('useApp must be used inside <AppStoreProvider>.');
  return value;
}

/** Subscribes to a slice of the store; pass `useShallow(...)` for selectors that build objects. */
export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(useStoreContext().store, selector);
}

/** The store itself, for event handlers that read state without subscribing. */
export function useAppStore(): AppStore {
  return useStoreContext().store;
}

/** The contract API, for the few views (Monaco setup) that fetch data the store does not keep. */
export function useApi(): Api {
  return useStoreContext().api;
}
