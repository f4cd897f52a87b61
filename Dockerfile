FROM node:26-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# Only what the service requires at run time, in a folder of its own. `npm ci --omit=dev` alone
# still installs the Prisma CLI, its engines and TypeScript (optional peers of @prisma/client):
# docker/prune-to-runtime.mjs removes what no runtime dependency requires. No install scripts run:
# none of the runtime packages needs one (only @scarf/scarf has one, for analytics).
FROM node:26-bookworm-slim AS runtime-deps
WORKDIR /app
COPY package.json package-lock.json docker/prune-to-runtime.mjs ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
  && node prune-to-runtime.mjs \
  && rm prune-to-runtime.mjs

FROM node:26-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/package.json ./
COPY --from=runtime-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/prisma/migrations ./prisma/migrations
COPY docker/entrypoint.sh ./docker/entrypoint.sh
USER node
EXPOSE 3000
# Readiness: PostgreSQL and Redis answer within 1.5 s and the process is not shutting down.
# The start period covers the migrations: failures then do not count towards unhealthy.
HEALTHCHECK --start-period=60s --interval=10s --timeout=3s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Migrations first (idempotent, guarded by an advisory lock), then the API; see the script.
CMD ["/app/docker/entrypoint.sh"]
