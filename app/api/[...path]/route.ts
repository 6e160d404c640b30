import { answerUnknownApiPath } from '@/lib/api/unknown-api-path';

// Every /api/* path no other route serves: a JSON 404 in its API family's envelope (see
// lib/api/unknown-api-path.ts), whatever the method, instead of Next's HTML page.
const answer = async (req: Request) => answerUnknownApiPath(req);

export const GET = answer;
export const POST = answer;
export const PUT = answer;
export const PATCH = answer;
export const DELETE = answer;

export const dynamic = 'force-dynamic';
