# syntax=docker/dockerfile:1
# Chat RTC images, one target per runtime:
#   docker build --target web -t chat-rtc-web .            Next.js app, /api/trpc, /api/v1, /api/ws on 3000
#   docker build --target realtime -t chat-rtc-realtime .  standalone WebSocket server on 3001
# Each is built from a pruned workspace (turbo prune: only the packages its app uses), installs
# production dependencies only, and runs as the unprivileged `node` user. The server is the app's
# compiled dist/ (its `build` bundles the workspace packages; installed packages stay in
# node_modules), started by node itself, not through pnpm, which would not pass SIGTERM on (see
# docs/deploy.md). The web image also runs the one-shot migration job: `pnpm db:migrate`.

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS base
RUN npm install --global pnpm@10.34.9 && npm cache clean --force
ENV NEXT_TELEMETRY_DISABLED=1
WORKDIR /app

# --- prune: each app's part of the workspace, manifests apart from sources so installs cache ---
FROM base AS prune
RUN npm install --global turbo@2.11.11
COPY . .
RUN turbo prune @chat/web --docker --out-dir out/web \
 && turbo prune @chat/realtime-server --docker --out-dir out/realtime

# --- web ---------------------------------------------------------------------------------------
FROM base AS web-build
COPY --from=prune /app/out/web/json/ .
RUN pnpm install --frozen-lockfile
COPY --from=prune /app/out/web/full/ .
RUN pnpm --filter @chat/web build

FROM base AS web-deps
COPY --from=prune /app/out/web/json/ .
RUN pnpm install --frozen-lockfile --prod

FROM base AS web
ENV NODE_ENV=production PORT=3000
COPY --from=web-deps /app/ .
COPY --from=prune /app/out/web/full/ .
COPY --from=web-build /app/apps/web/.next apps/web/.next
COPY --from=web-build /app/apps/web/dist apps/web/dist
# The code stays root's; the process may write only Next's cache and the embedded data folder.
RUN mkdir -p /app/.data && chown -R node:node /app/.data /app/apps/web/.next
USER node
WORKDIR /app/apps/web
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/api/ready`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/server.js"]

# --- realtime ----------------------------------------------------------------------------------
FROM base AS realtime-build
COPY --from=prune /app/out/realtime/json/ .
RUN pnpm install --frozen-lockfile
COPY --from=prune /app/out/realtime/full/ .
RUN pnpm --filter @chat/realtime-server build

FROM base AS realtime-deps
COPY --from=prune /app/out/realtime/json/ .
RUN pnpm install --frozen-lockfile --prod

FROM base AS realtime
ENV NODE_ENV=production WS_PORT=3001
COPY --from=realtime-deps /app/ .
COPY --from=prune /app/out/realtime/full/ .
COPY --from=realtime-build /app/apps/realtime/dist apps/realtime/dist
USER node
WORKDIR /app/apps/realtime
EXPOSE 3001
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.WS_PORT}/api/ready`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/main.js"]
