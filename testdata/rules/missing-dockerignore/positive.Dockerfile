# context: package.json
FROM node:20-slim
WORKDIR /app
# want "missing-dockerignore"
COPY . .
COPY . /again
