import { useEffect, useRef, useState } from 'react';

type ResizeHandleProps = {
  label: string;
  /** the width the user set, if any (for assistive technology) */
  value: number | undefined;
  /** the current width in px, measured (the layout's default applies until the user sets one) */
  width: () => number;
  min: number;
  max: number;
  onResize: (px: number) => void;
  onReset: () => void;
  /** the handle sits on the panel's left edge: dragging left widens it */
  grows?: 'right' | 'left';
  className?: string;
  testId?: string;
};

const STEP_PX = 16;

/**
 * A vertical separator that resizes the panel beside it: drag it with a pointer, or focus it and
 * press ←/→ (Shift for bigger steps), Home/End for the limits; a double click or Enter resets.
 */
export function ResizeHandle({ label, value, width, min, max, onResize, onReset, grows = 'right', className = '', testId }: ResizeHandleProps) {
  const drag = useRef<{ x: number; w: number } | undefined>(undefined);
  const sign = grows === 'right' ? 1 : -1;
  const now = () => Math.round(width());
  // a focusable separator must say its value: the width set, else the default's measured width
  const [shown, setShown] = useState<number | undefined>(value);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => setShown(value ?? now()), [value]);
  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuemin={min}
      aria-valuemax={max}
      aria-valuenow={shown}
      tabIndex={0}
      className={`cursor-col-resize touch-none select-none outline-none hover:bg-sky-300/60 focus-visible:bg-sky-400/70 ${className}`}
      data-testid={testId}
      onPointerDown={(e) => {
        e.preventDefault();
        e.currentTarget.setPointerCapture(e.pointerId);
        drag.current = { x: e.clientX, w: now() };
      }}
      onPointerMove={(e) => {
        if (drag.current) onResize(drag.current.w + sign * (e.clientX - drag.current.x));
      }}
      onPointerUp={() => (drag.current = undefined)}
      onPointerCancel={() => (drag.current = undefined)}
      onDoubleClick={onReset}
      onKeyDown={(e) => {
        const step = (e.shiftKey ? 4 : 1) * STEP_PX;
        const moves: Record<string, () => void> = {
          ArrowRight: () => onResize(now() + sign * step),
          ArrowLeft: () => onResize(now() - sign * step),
          Home: () => onResize(min),
          End: () => onResize(max),
          Enter: onReset,
        };
        const move = moves[e.key];
        if (!move) return;
        e.preventDefault();
        e.stopPropagation(); // the trace page's own keys (←/→ collapse, Enter opens a span) stay out of it
        move();
      }}
    />
  );
}
