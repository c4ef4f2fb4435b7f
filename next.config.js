/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Server-only packages with native bits, worker threads or dynamic requires: load them from node_modules at
  // run time instead of bundling them into the route handlers.
  serverExternalPackages: ["bullmq", "ioredis", "pino", "pg", "@prisma/adapter-pg", "@prisma/client"],
};

export default nextConfig;
