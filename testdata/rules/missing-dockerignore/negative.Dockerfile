# context: .dockerignore package.json
FROM node:20-slim
WORKDIR /app
COPY . .
