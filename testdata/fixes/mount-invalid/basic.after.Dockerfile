FROM node:22-slim
RUN --mount=type=cache,target=/root/.npm npm ci
RUN --mount=type=cache,target=/x,sharing=locked true
