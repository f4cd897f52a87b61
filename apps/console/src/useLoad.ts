import { useCallback, useEffect, useState } from 'react';

export interface Loaded<T> {
  data: T | undefined;
  error: string | undefined;
  loading: boolean;
  reload: () => void;
}

/** Runs `load` now and on `reload()`, keeping the last data while a reload runs. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(true);
  const [round, setRound] = useState(0);
  const stableLoad = useCallback(load, deps);

  useEffect(() => {
    let stale = false;
    setLoading(true);
    stableLoad().then(
      (value) => {
        if (stale) return;
        setData(value);
        setError(undefined);
        setLoading(false);
      },
      (caught: unknown) => {
        if (stale) return;
        setError(caught instanceof Error ? caught.message : String(caught));
        setLoading(false);
      },
    );
    return () => {
      stale = true;
    };
  }, [stableLoad, round]);

  return { data, error, loading, reload: useCallback(() => setRound((n) => n + 1), []) };
}
