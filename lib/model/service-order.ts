// One order for the services of a trace wherever they are listed (search hits, api_v3 summaries,
// the trace page's header): by name, compared by code unit so the server and every browser agree.

export const byServiceName = (a: { name: string }, b: { name: string }): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
