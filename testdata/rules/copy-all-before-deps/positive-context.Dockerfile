# context: package.json yarn.lock web/package.json web/pnpm-lock.yaml
FROM node:20-slim AS api
WORKDIR /app
# want "copy-all-before-deps"
COPY . .
RUN yarn install --frozen-lockfile

FROM node:20-slim AS web
WORKDIR /web
# want "copy-all-before-deps"
COPY web /web
RUN pnpm install --frozen-lockfile
