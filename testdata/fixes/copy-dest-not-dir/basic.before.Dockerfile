FROM node:22-slim
COPY package.json yarn.lock /app
COPY a b "dist"
