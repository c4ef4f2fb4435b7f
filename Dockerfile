# kubeclass: one image for the web (Next.js + socket.io) and the worker (BullMQ controllers).
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 HOST=0.0.0.0 PORT=3000 DATA_DIR=/data
COPY --from=build /app/package.json /app/next.config.js ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/.next ./.next
COPY --from=build /app/public ./public
COPY --from=build /app/dist ./dist
COPY --from=build /app/prisma ./prisma
# The labs are data the server reads at run time (lib/server/labs/labs-deps.ts).
COPY --from=build /app/labs ./labs
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000 6443
CMD ["node", "dist/start-all.js"]
