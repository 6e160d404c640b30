// Tempo's HTTP answers: JSON on success, and on failure a plain-text body with the status, as
// Tempo writes its errors (Go's http.Error: `text/plain; charset=utf-8`, the message and a
// newline). Grafana shows that text to the user, so it says what is wrong.

/** A Tempo error: the message as plain text with that HTTP status. */
export const tempoErrorResponse = (status: number, message: string): Response =>
  new Response(`${message}\n`, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' } });
