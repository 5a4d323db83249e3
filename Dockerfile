# syntax=docker/dockerfile:1
# Multi-stage build: compile TypeScript with dev dependencies, then ship a slim runtime with
# production dependencies only, running as a non-root user.
# Node 24, the active LTS release (Node 20 reached end of life on 2026-04-30). Both stages use the
# same release: better-sqlite3's native module is built for the Node that runs it.
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
# better-sqlite3 compiles from source when no prebuilt binary can be fetched.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
# The body charts the maps are drawn from are data in src/maps/charts/: compiled into dist/ with the rest.
RUN npm run build && npm prune --omit=dev

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    NMT_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATABASE_PATH=/data/nmt.db
WORKDIR /app
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node package.json ./
COPY --chown=node:node migrations ./migrations
COPY --chown=node:node migrations-pg ./migrations-pg
COPY --chown=node:node seed ./seed
COPY --chown=node:node public ./public
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# The server migrates and seeds the database on start; `node dist/cli/db-seed.js` does it alone.
# NMT_ENV=production: create a key first with `node dist/cli/keys.js create ...` (see README).
CMD ["node", "--max-semi-space-size=8", "--heap-growing-percent=100", "dist/server.js"]
