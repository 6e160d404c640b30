// A stable colour per service name: the same service is the same colour on every page and
// every load, without a palette registry. FNV-1a hash → hue; fixed saturation/lightness keep
// bars readable on white and distinct from the red error marks.

/** The HSL colour of a service, a pure function of its name. */
export const serviceColor = (name: string): string => {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  const hue = (h >>> 0) % 360;
  return `hsl(${hue} 55% 52%)`;
};
