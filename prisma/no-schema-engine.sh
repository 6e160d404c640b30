#!/bin/sh
echo "Prisma's schema engine is not available here: migrations are plain SQL applied by lib/store/migrate.ts (npm run db:migrate)." >&2
exit 1
