import { startTransition, useEffect, useState } from 'react';

/**
 * How many of `total` items to render: `first` at once, then `step` more per task, so a long list
 * of heavy items (25 service cards) never commits in one main-thread task and the first ones
 * paint before the rest exist. Growing only: new data keeps what is already shown.
 */
export const useProgressiveCount = (total: number, first = 3, step = 2): number => {
  const [count, setCount] = useState(first);
  useEffect(() => {
    if (count >= total) return;
    // a timer, not a microtask: the browser paints (and handles input) between the batches
    // a transition: React renders it in slices and yields to input and painting between them
    const id = setTimeout(() => startTransition(() => setCount((c) => c + step)), 0);
    return () => clearTimeout(id);
  }, [count, total, step]);
  return Math.min(count, total);
};
