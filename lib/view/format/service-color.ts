// A stable colour per service name: the same service is the same colour on every page and
// every load, without a palette registry. FNV-1a hash, then a murmur3 finalizer so names that
// differ in one character (service-1, service-2) land far apart; the hue skips the red band
// (340°–20°) kept for errors, and fixed saturation/lightness keep bars readable on white.

/** The HSL colour of a service, a pure function of its name. */
export const serviceColor = (name: string): string => {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  const hue = 20 + ((h >>> 0) % 320);
  return `hsl(${hue} 55% 52%)`;
};
