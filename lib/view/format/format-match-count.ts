/**
 * "1,284 traces match, showing 1–40"; an estimated total reads "about 12,000" (the store counts
 * exactly only up to a threshold). `shown` is how many are listed, from the first.
 */
export const formatMatchCount = (total: number, isEstimate: boolean, shown: number): { total: string; showing: string } => {
  // a total counted before later pages arrived can trail what is already listed
  const value = Math.max(total, shown);
  const noun = value === 1 && !isEstimate ? 'trace matches' : 'traces match';
  return {
    total: `${isEstimate ? 'about ' : ''}${value.toLocaleString('en-US')} ${noun}`,
    showing: shown === 0 ? '' : `showing 1–${shown.toLocaleString('en-US')}`,
  };
};
