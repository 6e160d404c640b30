import { startTransition, useEffect, useRef, useState } from 'react';

// Charts of the services page are drawn when their card comes near the viewport, and then one at
// a time, each in its own task: three charts mounting in one commit, plus their first layout,
// made a main-thread task of several hundred milliseconds on a loaded machine.

const waiting: (() => void)[] = [];
let draining = false;

const drain = () => {
  const next = waiting.shift();
  if (!next) {
    draining = false;
    return;
  }
  next();
  // the next chart waits for the task after this one's render (React renders in its own task)
  setTimeout(drain, 16);
};

const takeTurn = (start: () => void) => {
  waiting.push(start);
  if (!draining) {
    draining = true;
    setTimeout(drain, 0);
  }
  return () => {
    const i = waiting.indexOf(start);
    if (i >= 0) waiting.splice(i, 1);
  };
};

/** A ref for a placeholder and whether its chart may be drawn: near the viewport (300 px ahead), and its turn come. */
export const useChartTurn = <T extends Element>(): [React.RefObject<T | null>, boolean] => {
  const ref = useRef<T>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (ready || !el) return;
    let cancelTurn: (() => void) | undefined;
    const io = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting) || cancelTurn) return;
        io.disconnect();
        cancelTurn = takeTurn(() => startTransition(() => setReady(true)));
      },
      { rootMargin: '300px 0px' },
    );
    io.observe(el);
    return () => {
      io.disconnect();
      cancelTurn?.();
    };
  }, [ready]);
  return [ref, ready];
};
