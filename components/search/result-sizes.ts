/** Heights shared by the results and their skeleton, so the page does not jump when results arrive. */
export const SCATTER_HEIGHT = 220;
export const RESULT_ROW_HEIGHT = 88;
