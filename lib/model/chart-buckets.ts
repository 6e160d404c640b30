import { HOUR_NS } from './units';

/**
 * The time buckets of a chart of about `buckets` points over [startNs, endNs): buckets of half an
 * hour or more (windows of 15 hours and up) become whole hours from the hour (`originNs`), so they
 * can be read from the hour rollups (a week is then ~168 rows per key, not ~10,000 minute rows);
 * shorter ones are the window cut evenly from its start. The services and exceptions pages also
 * start such a window at `originNs` (up to 59 minutes early, which their answers say), so their
 * first bucket is a whole hour like the others.
 */
export const chartBuckets = ({ startNs, endNs, buckets }: { startNs: bigint; endNs: bigint; buckets: number }) => {
  const widthNs = (endNs - startNs) / BigInt(buckets) + 1n;
  const snap = widthNs >= HOUR_NS / 2n;
  return {
    bucketNs: snap ? ((widthNs + HOUR_NS - 1n) / HOUR_NS) * HOUR_NS : widthNs,
    originNs: snap ? (startNs / HOUR_NS) * HOUR_NS : startNs,
  };
};
