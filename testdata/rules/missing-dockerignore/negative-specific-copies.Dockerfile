# context: package.json
FROM node:20-slim AS build
WORKDIR /app
COPY package.json ./
COPY src ./src
FROM node:20-slim
COPY --from=build . /app
