FROM node:22-slim
RUN --mount=type=cache,targt=/root/.npm npm ci
RUN --mount=type=cach,target=/x,sharing=locked true
