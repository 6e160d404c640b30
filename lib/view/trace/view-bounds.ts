// Places bars by fractions of the visible window, as jaeger-ui's createViewedBoundsFunc: the
// view range is [start, end] in fractions of the whole trace (the minimap's selection), and a
// span's bar is its start/end mapped into that window. Values outside [0, 1] are off screen.

export type ViewRange = readonly [start: number, end: number];

export type ViewBoundsOptions = { durationUs: number; range: ViewRange };

export type ViewBounds = (startUs: number, endUs: number) => { start: number; end: number };

/** A function from a span's [startUs, endUs] (relative to the trace start) to fractions of the view. */
export const createViewBounds = ({ durationUs, range }: ViewBoundsOptions): ViewBounds => {
  const total = durationUs > 0 ? durationUs : 1;
  const viewStartUs = range[0] * total;
  const viewUs = Math.max((range[1] - range[0]) * total, Number.EPSILON);
  return (startUs, endUs) => ({ start: (startUs - viewStartUs) / viewUs, end: (endUs - viewStartUs) / viewUs });
};

/** Clamps a view range to [0, 1] with a minimum width, keeping start ≤ end. */
export const clampViewRange = (a: number, b: number, minWidth = 0.0005): ViewRange => {
  let start = Math.max(0, Math.min(1, Math.min(a, b)));
  let end = Math.max(0, Math.min(1, Math.max(a, b)));
  if (end - start < minWidth) {
    end = Math.min(1, start + minWidth);
    start = Math.max(0, end - minWidth);
  }
  return [start, end];
};
