# syntax=docker/dockerfile:1
# Build: compile TypeScript and the SQLite binding (built from source; no prebuilt binaries are fetched).
FROM node:20-bookworm-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY commands ./commands
# `npm ci` runs the prepare script, which is the same `tsc` build the tests run against.
RUN npm ci --no-audit --no-fund \
 && npm prune --omit=dev --no-audit --no-fund

# Run: only what the bot needs, as an unprivileged user.
FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node bin ./bin
COPY --chown=node:node knowledge ./knowledge
RUN mkdir -p /app/data && chown node:node /app/data
USER node
# The embedded SQLite store lives here; mount a volume to keep /lang choices across restarts.
VOLUME ["/app/data"]
EXPOSE 3000
CMD ["npm", "start"]
