// Stable service colours: the same service gets the same colour on every page and every load,
// with no registry to keep. A string hash picks one of a palette of distinct, readable hues
// (Tableau 20-like, darkened where white text or a thin bar would wash out).

const PALETTE = [
  '#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f',
  '#bcbd22', '#17becf', '#3b5ba5', '#e8702a', '#4c9f38', '#b8336a', '#6a4c93', '#0f8b8d',
  '#c08a1e', '#5d6d7e', '#d1495b', '#00798c',
] as const;

// FNV-1a, 32 bit: cheap, and spreads similar names (svc-1, svc-2) across the palette
const hash = (s: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
};

/** The colour (CSS hex) of a service, a pure function of its name. */
export const serviceColor = (name: string): string => PALETTE[hash(name) % PALETTE.length];
