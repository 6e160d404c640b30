// The colour grades of the dependency graph's edges by error rate, named once for the edges and
// their legend. An edge carries the error rate of the callee's requests (entry spans) in the
// window: the calls' own outcome is not in the dependency answer.

export type ErrorGrade = 'unknown' | 'none' | 'some' | 'high';

/** At and above this share of failed requests an edge is drawn as failing badly. */
export const HIGH_ERROR_RATE = 0.05;

export const ERROR_GRADES: readonly { grade: ErrorGrade; label: string; color: string }[] = [
  { grade: 'none', label: 'no errors', color: 'var(--graph-edge-ok)' },
  { grade: 'some', label: `under ${HIGH_ERROR_RATE * 100}% errors`, color: 'var(--chart-warn)' },
  { grade: 'high', label: `${HIGH_ERROR_RATE * 100}% errors or more`, color: 'var(--chart-error)' },
  { grade: 'unknown', label: 'no requests measured', color: 'var(--chart-muted)' },
];

/** The grade of `errors` failed out of `requests`; unknown without requests. */
export const gradeErrorRate = (errors: number, requests: number): ErrorGrade => {
  if (!(requests > 0)) return 'unknown';
  if (errors <= 0) return 'none';
  return errors / requests >= HIGH_ERROR_RATE ? 'high' : 'some';
};

export const errorGradeColor = (grade: ErrorGrade): string => ERROR_GRADES.find((g) => g.grade === grade)!.color;
